import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { feedbackEventSummary, feedbackQuestionSummary, feedbackSummary } from '../../../electron/core/feedback/report';
import { report, totals, workshop } from '../../../electron/core/reports/schema';

describe('the README documents every --json key', () => {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## Reports'), readme.indexOf('## Tests and benchmarks'));
  const documented = (key: string, prefix: string) =>
    section.includes(`\`${prefix}${key}`) || section.includes(`\`${key}\``);

  it('at the top, per workshop and in the totals', () => {
    expect(section.length).toBeGreaterThan(100);
    for (const key of Object.keys(report.shape)) expect(documented(key, ''), key).toBe(true);
    for (const key of Object.keys(workshop.shape)) expect(documented(key, 'workshops[].'), key).toBe(true);
    for (const key of Object.keys(totals.shape)) expect(documented(key, 'totals.'), key).toBe(true);
  });

  it('for feedback', () => {
    const mentioned = (key: string, prefix: string) => documented(key, prefix) || section.includes(` \`${key}\``);
    for (const key of Object.keys(feedbackSummary.shape)) expect(mentioned(key, 'feedback.'), key).toBe(true);
    for (const key of Object.keys(feedbackEventSummary.shape))
      expect(mentioned(key, 'feedback.events[].'), key).toBe(true);
    for (const key of Object.keys(feedbackQuestionSummary.shape))
      expect(mentioned(key, 'feedback.events[].questions[].'), key).toBe(true);
  });
});
