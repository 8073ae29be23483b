import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '../../../electron/core/api/contract';
import { openCore, type Core } from '../../../electron/core/context';
import { databaseFile } from '../../../electron/server/data-dir';
import { categories } from '../../../electron/core/participants/schema';
import { categoryLabels } from '../../../electron/core/exports/labels';
import { buildProgramme, type BuiltProgramme } from '../../fixtures/programme';
import { pdfText, sheetsViaLibreOffice } from '../exports/readers';
import { ok } from '../helpers';
import { muster } from '../server/muster-cli';
import { percent1, truthOf, withZeroes, type ProgrammeTruth } from './truth';

let data: string;
let core: Core;
let built: BuiltProgramme;
let truth: ProgrammeTruth;
beforeAll(async () => {
  // Not tempDir(): that folder goes after each test, and these share one programme.
  data = mkdtempSync(path.join(os.tmpdir(), 'muster-report-'));
  core = openCore(databaseFile(data));
  built = await buildProgramme(core);
  // One pair confirmed, one left pending: the files must say so, and count the confirmed pair once.
  const [a, b] = built.samePeople[0]!;
  await ok(core, 'person.merge', { a, b });
  const mergedHuman = built.plan.find((p) => built.records.get(p.record) === b)!.human;
  // Truth: records are people, except the confirmed pair, which is one.
  truth = truthOf(
    built.plan.map((p) => ({ ...p, human: p.human === mergedHuman ? p.human : p.record })),
    true,
  );
}, 60_000);
afterAll(() => {
  core.close();
  rmSync(data, { recursive: true, force: true });
});

describe('the same figures from every output', () => {
  it('--json states them under the README keys', () => {
    const run = muster('report', '--programme', built.programme.id, '--json', '--data', data);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Output<'report.get'>;
    expect(report.totals).toMatchObject({
      uniqueParticipants: truth.uniqueParticipants,
      partnerStates: truth.partnerStates,
      women: truth.women,
      genderStated: truth.genderStated,
      genderNotStated: truth.genderNotStated,
      womenPercent: percent1(truth.women, truth.genderStated),
      byCategory: withZeroes(truth.byCategory, categories),
    });
    expect(report.matches).toEqual({ confirmed: 1, pending: 1, rejected: 0 });
    expect(report.workshops.map((w) => [w.registered, w.attended, w.countries])).toEqual(
      truth.workshops.map((w) => [w.registered, w.attended, w.countries]),
    );
    const human = muster('report', '--programme', built.programme.id, '--data', data);
    expect(human.stdout).toContain(`Unique participants: ${truth.uniqueParticipants}`);
    expect(muster('report', '--data', data).code).toBe(2);
  });

  it('the XLSX, read back by LibreOffice', () => {
    const out = path.join(data, 'report.xlsx');
    const run = muster('report', '--programme', built.programme.id, '--format', 'xlsx', '--out', out, '--data', data);
    expect(run.stderr).toBe('');
    const sheets = sheetsViaLibreOffice(readFileSync(out));
    const totals = Object.fromEntries((sheets.Totals ?? []).slice(1).map(([, key, value]) => [key, value]));
    expect(totals).toMatchObject({
      'workshops.length': '5',
      'totals.uniqueParticipants': String(truth.uniqueParticipants),
      'totals.registered': String(truth.registered),
      'totals.partnerStates': String(truth.partnerStates),
      'totals.women': String(truth.women),
      'totals.genderNotStated': String(truth.genderNotStated),
      'totals.womenPercent': `${percent1(truth.women, truth.genderStated)!.toFixed(1)}%`,
      'totals.otherParticipants': String(truth.otherParticipants),
      'matches.confirmed': '1',
      'matches.pending': '1',
    });
    const byCategory = Object.fromEntries((sheets['By category'] ?? []).slice(1).map(([, key, value]) => [key, value]));
    for (const c of categories) expect(byCategory[`totals.byCategory.${c}`], c).toBe(String(truth.byCategory[c] ?? 0));
    const [header, ...rows] = sheets.Workshops ?? [];
    expect(rows).toHaveLength(5);
    const column = (name: string) => header!.indexOf(name);
    rows.forEach((row, i) => {
      const t = truth.workshops[i]!;
      expect(row[column('City')]).toBe(built.events[i]!.city);
      expect(row[column('Registered')]).toBe(String(t.registered));
      expect(row[column('Attended')]).toBe(String(t.attended));
      expect(row[column('Countries')]).toBe(String(t.countries));
      expect(row[column('Gender not stated')]).toBe(String(t.genderNotStated));
      expect(Number(row[column('Women (%)')])).toBeCloseTo(percent1(t.women, t.genderStated)!, 5);
      for (const c of categories) expect(row[column(categoryLabels[c])]).toBe(String(t.byCategory[c] ?? 0));
    });
  }, 120_000);

  it('the PDF, read by pdftotext', () => {
    const out = path.join(data, 'report.pdf');
    const run = muster('report', '--programme', built.programme.id, '--format', 'pdf', '--out', out, '--data', data);
    expect(run.stderr).toBe('');
    const text = pdfText(readFileSync(out)).replace(/\s+/g, ' ');
    expect(text).toContain(`Unique participants (attended): ${truth.uniqueParticipants}`);
    expect(text).toContain(`Partner states represented: ${truth.partnerStates}`);
    expect(text).toContain(`Gender not stated: ${truth.genderNotStated}`);
    expect(text).toContain(`Women (% of gender stated): ${percent1(truth.women, truth.genderStated)!.toFixed(1)}%`);
    expect(text).toContain('Matches confirmed: 1');
    expect(text).toContain('Matches pending: 1');
    truth.workshops.forEach((t, i) => {
      expect(text).toContain(built.events[i]!.title);
      expect(text).toContain(`Registered ${t.registered} · Attended ${t.attended} · No-shows ${t.noShows}`);
    });
    // The charts, drawn as bars with their values.
    expect(text).toContain('Attendees by category');
    expect(text).toContain('Attendance per session (attended of registered)');
    expect(text).toContain('checked in to at least one session');
  }, 120_000);
});
