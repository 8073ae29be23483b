import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Output } from '../../../electron/core/api/contract';
import { openCore } from '../../../electron/core/context';
import { databaseFile } from '../../../electron/server/data-dir';
import { pdfText, sheetsViaLibreOffice } from '../exports/readers';
import { nairobi, ok, tempDir } from '../helpers';
import { muster } from '../server/muster-cli';

/** Five anonymous responses to a rating and a choice, and two comments: figures known by construction. */
async function seed(data: string): Promise<string> {
  const core = openCore(databaseFile(data));
  try {
    const event = await ok(core, 'event.create', nairobi);
    const eventId = event.id;
    await ok(core, 'feedback.addQuestion', {
      eventId,
      kind: 'rating',
      prompt: { en: 'How useful was the workshop?', fr: 'L’atelier vous a-t-il été utile ?' },
    });
    await ok(core, 'feedback.addQuestion', {
      eventId,
      kind: 'choice',
      prompt: { en: 'Preferred format', fr: 'Format préféré' },
      options: [
        { key: 'lecture', label: { en: 'Lectures', fr: 'Exposés' } },
        { key: 'exercise', label: { en: 'Exercises', fr: 'Exercices' } },
      ],
    });
    const form = await ok(core, 'feedback.addQuestion', {
      eventId,
      kind: 'text',
      prompt: { en: 'Comments', fr: 'Commentaires' },
    });
    await ok(core, 'feedback.settings', { eventId, open: true });
    const [rating, choice, text] = form.questions.map((q) => q.id) as [string, string, string];
    const given: [number, string, string | null][] = [
      [5, 'exercise', 'Very practical'],
      [4, 'exercise', null],
      [4, 'lecture', '=HYPERLINK("http://evil")'],
      [3, 'exercise', null],
      [2, 'lecture', null],
    ];
    for (const [r, c, t] of given) {
      await ok(core, 'feedback.submit', {
        id: randomUUID(),
        eventId,
        language: 'en',
        answers: { [rating]: r, [choice]: c, ...(t ? { [text]: t } : {}) },
      });
    }
    return eventId;
  } finally {
    core.close();
  }
}

describe('feedback in every report output', () => {
  it('--json, the XLSX Feedback sheet and the PDF section state the same figures', async () => {
    const data = tempDir();
    const eventId = await seed(data);

    const run = muster('report', '--event', eventId, '--json', '--data', data);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as Output<'report.get'>;
    expect(report.feedback.responses).toBe(5);
    expect(report.feedback.events[0]!.questions[0]).toMatchObject({ answered: 5, mean: 3.6 });

    const xlsx = path.join(data, 'report.xlsx');
    expect(muster('report', '--event', eventId, '--format', 'xlsx', '--out', xlsx, '--data', data).stderr).toBe('');
    const [header, ...rows] = sheetsViaLibreOffice(readFileSync(xlsx)).Feedback ?? [];
    const col = (name: string) => header!.indexOf(name);
    const ratingRow = rows.find(
      (r) => r[col('Question')] === 'How useful was the workshop?' && r[col('Answer')] === '',
    );
    expect(ratingRow?.[col('Answered')]).toBe('5');
    expect(ratingRow?.[col('Mean')]).toBe('3.6');
    const counts = (question: string) =>
      Object.fromEntries(
        rows
          .filter((r) => r[col('Question')] === question && r[col('Count')] !== '')
          .map((r) => [r[col('Answer')], r[col('Count')]]),
      );
    expect(counts('How useful was the workshop?')).toEqual({ '1': '0', '2': '1', '3': '1', '4': '2', '5': '1' });
    expect(counts('Preferred format')).toEqual({ Lectures: '2', Exercises: '3' });
    const comments = rows.filter((r) => r[col('Question')] === 'Comments' && r[col('Answer')] !== '');
    // A comment that looks like a formula stays text in the workbook.
    expect(comments.map((r) => r[col('Answer')]).sort()).toEqual(['\'=HYPERLINK("http://evil")', 'Very practical']);

    const pdf = path.join(data, 'report.pdf');
    expect(muster('report', '--event', eventId, '--format', 'pdf', '--out', pdf, '--data', data).stderr).toBe('');
    const text = pdfText(readFileSync(pdf)).replace(/\s+/g, ' ');
    expect(text).toContain('Responses 5 · anonymous');
    expect(text).toContain('Rating 1–5 · Answered 5 · Mean 3.60 of 5');
    expect(text).toContain('Ratings: How useful was the workshop?');
    expect(text).toContain('Choices: Preferred format');
    expect(text).toContain('Exercises 3 (60%)');
    expect(text).toContain('“Very practical”');
  }, 120_000);

  it('words the questions and options in the language a PDF is written in, as the form has them in each', async () => {
    const data = tempDir();
    const eventId = await seed(data);
    const core = openCore(databaseFile(data));
    try {
      const pdf = async (language: 'en' | 'fr') => {
        const file = await ok(core, 'report.export', { jobId: randomUUID(), format: 'pdf', eventId, language });
        return pdfText(Buffer.from(file.data, 'base64')).replace(/\s+/g, ' ');
      };
      const french = await pdf('fr');
      expect(french).toContain('Format préféré');
      expect(french).toContain('Exercices 3 (60 %)');
      expect(french).toContain('L’atelier vous a-t-il été utile ?');
      expect(french).not.toContain('Preferred format');
      expect(await pdf('en')).toContain('Exercises 3 (60%)');
      // What --json and the screens show stays in the event's first language.
      const report = await ok(core, 'report.get', { eventId });
      expect(report.feedback.events[0]!.questions[1]!.prompt).toBe('Preferred format');
    } finally {
      core.close();
    }
  }, 120_000);
});
