import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers';
import { muster } from './muster-cli';

const pdfText = (file: string) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });

describe('muster export --language', () => {
  it('writes PDFs in the event’s first language, or the one named, and refuses what cannot be', () => {
    const data = tempDir();
    const created = muster(
      ...['event', 'create', '--data', data, '--json', '--title', 'Семинар', '--city', 'Ташкент', '--country', 'UZ'],
      ...['--start', '2023-09-12', '--end', '2023-09-12', '--time-zone', 'Asia/Tashkent', '--languages', 'ru,en'],
    );
    expect(created.code).toBe(0);
    const event = JSON.parse(created.stdout) as { id: string; sessions: { id: string }[] };
    const common = ['--data', data, '--event', event.id];
    const added = muster(
      ...['participant', 'add', ...common, '--given', 'Дилноза', '--family', 'Юсупова', '--gender', 'female'],
      ...['--country', 'UZ', '--organisation', 'МВД', '--org-type', 'government'],
      ...['--category', 'partner_state_delegate'],
    );
    expect(added.code).toBe(0);
    const out = tempDir();

    const russian = path.join(out, 'ru.pdf');
    expect(muster('export', ...common, '--format', 'signin-pdf', '--out', russian).code).toBe(0);
    expect(pdfText(russian)).toContain('Подпись / Signature');

    const french = path.join(out, 'fr.pdf');
    const run = muster('export', ...common, '--format', 'summary-pdf', '--language', 'fr', '--out', french);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(pdfText(french)).toContain('Bilan de participation');

    const badges = path.join(out, 'badges.pdf');
    expect(muster('badges', ...common, '--layout', 'a6', '--language', 'en', '--out', badges).code).toBe(0);
    expect(pdfText(badges)).toContain('Partner-state delegate');

    const unknown = muster('export', ...common, '--format', 'signin-pdf', '--language', 'de', '--out', french);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^muster: --language takes one of en, fr, es, ru, ar\./);
    const workbook = path.join(out, 'a.xlsx');
    const refused = muster('export', ...common, '--format', 'xlsx', '--language', 'ru', '--out', workbook);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('The language applies to PDFs only');
    expect(existsSync(workbook)).toBe(false);
  }, 120_000);
});

describe('muster report --language', () => {
  it('writes the report PDF in the event’s first language, or the one named; the workbook stays English', () => {
    const data = tempDir();
    const created = muster(
      ...['event', 'create', '--data', data, '--json', '--title', 'Семинар', '--city', 'Ташкент', '--country', 'UZ'],
      ...['--start', '2023-09-12', '--end', '2023-09-12', '--time-zone', 'Asia/Tashkent', '--languages', 'ru,en'],
    );
    expect(created.code).toBe(0);
    const event = JSON.parse(created.stdout) as { id: string };
    const common = ['--data', data, '--event', event.id];
    const out = tempDir();

    const russian = path.join(out, 'ru.pdf');
    expect(muster('report', ...common, '--format', 'pdf', '--out', russian)).toMatchObject({ code: 0, stderr: '' });
    expect(pdfText(russian)).toContain('Отчёт по мероприятию');

    const french = path.join(out, 'fr.pdf');
    expect(muster('report', ...common, '--format', 'pdf', '--language', 'fr', '--out', french).code).toBe(0);
    expect(pdfText(french)).toContain('Rapport de l’événement');

    const unknown = muster('report', ...common, '--format', 'pdf', '--language', 'de', '--out', french);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^muster: --language takes one of en, fr, es, ru, ar\./);
    const alone = muster('report', ...common, '--language', 'fr');
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--language is the language of a PDF');
    const workbook = path.join(out, 'report.xlsx');
    const refused = muster('report', ...common, '--format', 'xlsx', '--language', 'ru', '--out', workbook);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('The language applies to PDFs only');
    expect(existsSync(workbook)).toBe(false);
  }, 120_000);
});
