import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { csv, workbook } from '../imports/files';
import { tempDir } from '../helpers';
import { createEvent, muster } from './muster-cli';

const list = csv(
  [
    ['Prénom', 'Nom', 'Sexe', 'Pays', 'Organisme', 'Courriel', 'Téléphone'],
    ['Amina', 'Otieno', 'F', 'Kenya', 'National Police Service', 'amina@police.go.ke', '0712 345 678'],
    ['José', 'Pérez', 'M', 'Colombie', 'Policía Nacional', 'jose@policia.gov.co', ''],
    ['Дилноза', 'Юсупова', 'Ж', 'Ouzbékistan', 'МВД', '', ''],
    ['', '', '', 'Atlantide', '', '', ''],
  ],
  ';',
);

describe('muster import and muster export', () => {
  it('imports a list (dry run first), skips or updates duplicates, and reports rows by outcome', () => {
    const data = tempDir();
    const { eventId } = createEvent(data);
    const file = path.join(data, 'nominations.csv');
    writeFileSync(file, `\uFEFF${list}`);
    const common = ['--data', data, '--event', eventId];

    const dry = muster('import', ...common, file, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Read nominations.csv (CSV, utf-8-bom, delimiter ";"): 4 rows, header on row 1.');
    expect(dry.stdout).toContain('Dry run, nothing saved: would import 3 added, 0 updated, 0 skipped, 1 failed.');
    expect(dry.stdout).toMatch(/row 5: Choose a country from the list .*Atlantide/);

    const real = muster('import', ...common, file, '--json');
    expect(real.code).toBe(0);
    const { report } = JSON.parse(real.stdout) as { report: { added: number[]; failed: { row: number }[] } };
    expect(report.added).toEqual([2, 3, 4]);
    expect(report.failed.map((f) => f.row)).toEqual([5]);

    const again = muster('import', ...common, file);
    expect(again.stdout).toContain('Imported 0 added, 0 updated, 3 skipped, 1 failed.');
    const update = muster('import', ...common, file, '--on-duplicate', 'update');
    expect(update.stdout).toContain('Imported 0 added, 3 updated, 0 skipped, 1 failed.');
  }, 120_000);

  it('skips the rows hidden in a workbook’s sheet chosen by its Cyrillic name, even when duplicates are added', async () => {
    const data = tempDir();
    const { eventId } = createEvent(data);
    const file = path.join(data, 'номинации.xlsx');
    const bytes = await workbook((wb) => {
      wb.addWorksheet('Инструкция').addRow(['См. лист «Участники».']);
      const ws = wb.addWorksheet('Участники');
      ws.addRows([
        ['Имя', 'Фамилия', 'Страна', 'Организация'],
        ['Дилноза', 'Юсупова', 'Узбекистан', 'МВД'],
      ]);
      ws.addRow(['Азиз', 'Каримов', 'Узбекистан', 'МВД']).hidden = true;
    });
    writeFileSync(file, bytes);
    const run = muster(
      'import',
      '--data',
      data,
      '--event',
      eventId,
      file,
      '--sheet',
      'Участники',
      '--on-duplicate',
      'add',
      '--json',
    );
    expect(run.code, run.stderr).toBe(0);
    const { report } = JSON.parse(run.stdout) as { report: { added: number[]; skipped: number[] } };
    expect(report).toMatchObject({ added: [2], skipped: [3] });
  }, 120_000);

  it('maps a second column of the same name by the name the preview gives it ("Name (2)")', () => {
    const data = tempDir();
    const { eventId } = createEvent(data);
    const file = path.join(data, 'names.csv');
    writeFileSync(
      file,
      csv([
        ['Name', 'Name', 'Country', 'Organisation'],
        ['Amina', 'Otieno', 'KE', 'NPS'],
      ]),
    );
    const mapping = path.join(data, 'mapping.json');
    writeFileSync(
      mapping,
      JSON.stringify({
        columns: { Name: 'givenNames', 'Name (2)': 'familyName', Country: 'country', Organisation: 'organisation' },
      }),
    );
    const run = muster('import', '--data', data, '--event', eventId, file, '--mapping', mapping, '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      preview: { mapping: { columns: ['givenNames', 'familyName', 'country', 'organisation'] } },
      report: { added: [2] },
    });
  }, 120_000);

  it('takes a mapping file keyed by the file’s headers, with defaults', () => {
    const data = tempDir();
    const { eventId } = createEvent(data);
    const file = path.join(data, 'list.csv');
    writeFileSync(
      file,
      csv([
        ['Full name', 'Agency', 'Remarks'],
        ['OTIENO, Amina', 'NPS', 'vegetarian'],
      ]),
    );
    const mapping = path.join(data, 'mapping.json');
    writeFileSync(
      mapping,
      JSON.stringify({
        columns: { 'Full name': 'fullName', Agency: 'organisation', Remarks: 'dietary' },
        defaults: { country: 'KE' },
      }),
    );
    const run = muster('import', '--data', data, '--event', eventId, file, '--mapping', mapping, '--json');
    expect(run.code).toBe(0);
    const { preview, report } = JSON.parse(run.stdout) as {
      preview: { mappingSource: string };
      report: { added: number[] };
    };
    expect(preview.mappingSource).toBe('given');
    expect(report.added).toEqual([2]);
    // A list without column names: --header-row 0 imports its first row too, mapped by position.
    const bare = path.join(data, 'bare.csv');
    writeFileSync(
      bare,
      csv([
        ['Peter', 'Kamau', 'KE', 'NIS'],
        ['Faith', 'Wanjiru', 'KE', 'DCI'],
      ]),
    );
    const positional = path.join(data, 'positional.json');
    writeFileSync(positional, JSON.stringify({ columns: ['givenNames', 'familyName', 'country', 'organisation'] }));
    const headerless = muster(
      'import',
      '--data',
      data,
      '--event',
      eventId,
      bare,
      '--header-row',
      '0',
      '--mapping',
      positional,
    );
    expect(headerless.stdout).toContain('Read bare.csv (CSV, utf-8, delimiter ","): 2 rows, no header row.');
    expect(headerless.stdout).toContain('Imported 2 added, 0 updated, 0 skipped, 0 failed.');
    expect(muster('import', '--data', data, '--event', eventId, bare, '--header-row', 'none').stderr).toContain(
      '--header-row must be a row number, or 0 when the file has no header row',
    );
    const wrong = path.join(data, 'wrong.json');
    writeFileSync(wrong, JSON.stringify({ columns: { Surname: 'familyName' } }));
    const refused = muster('import', '--data', data, '--event', eventId, file, '--mapping', wrong);
    expect([refused.code, refused.stderr]).toEqual([
      1,
      'muster: The mapping names columns the file does not have: surname.\n',
    ]);
  }, 120_000);

  it('refuses a 1 GB file without reading it, and other mistakes in one line', () => {
    const data = tempDir();
    const { eventId } = createEvent(data);
    const huge = path.join(data, 'huge.csv');
    // Sparse: a gigabyte on paper, nothing on disk. Reading it would take seconds and a gigabyte of memory.
    const fd = openSync(huge, 'w');
    closeSync(fd);
    spawnSync('truncate', ['-s', '1G', huge]);
    const big = muster('import', '--data', data, '--event', eventId, huge);
    expect([big.code, big.stderr]).toEqual([
      1,
      `muster: ${huge} is 1.0 GB: an import takes files of up to 64 MB. Nothing was imported.\n`,
    ]);
    const missing = muster('import', '--data', data, '--event', eventId, path.join(data, 'nope.csv'));
    expect([missing.code, missing.stderr]).toEqual([
      1,
      `muster: Cannot read ${path.join(data, 'nope.csv')}: ENOENT.\n`,
    ]);
    const junk = path.join(data, 'junk.xlsx');
    writeFileSync(junk, Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    const broken = muster('import', '--data', data, '--event', eventId, junk);
    expect([broken.code, broken.stderr]).toEqual([1, 'muster: The Excel file is damaged or incomplete.\n']);
    expect(muster('import', '--data', data, huge).code).toBe(2);
    expect(muster('import', '--data', data, '--event', eventId, huge, '--on-duplicate', 'merge').code).toBe(2);
  }, 120_000);

  it('exports each format to the file named, email and phone only when asked, never a half file', () => {
    const data = tempDir();
    const { eventId, day1 } = createEvent(data);
    const file = path.join(data, 'nominations.csv');
    writeFileSync(file, list);
    expect(muster('import', '--data', data, '--event', eventId, file).code).toBe(0);
    const out = tempDir();
    const common = ['--data', data, '--event', eventId];

    const attendance = path.join(out, 'attendance.csv');
    const run = muster('export', ...common, '--format', 'csv', '--out', attendance);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^Wrote .*attendance\.csv \(1 KB, 3 registrations\)\.\n$/);
    const text = readFileSync(attendance, 'utf8');
    // Every field quoted (OWASP: a spreadsheet splitting on another separator keeps a quoted field whole).
    expect(text.startsWith('\uFEFF"Title","Given names","Family name","Gender","Country"')).toBe(true);
    expect(text).not.toContain('@');
    const withEmail = path.join(out, 'with-email.csv');
    muster('export', ...common, '--format', 'csv', '--out', withEmail, '--fields', 'givenNames,familyName,email');
    expect(readFileSync(withEmail, 'utf8')).toContain('amina@police.go.ke');

    const sheet = JSON.parse(
      muster(
        'export',
        ...common,
        '--format',
        'signin-pdf',
        '--session',
        day1,
        '--out',
        path.join(out, 'day1.pdf'),
        '--json',
      ).stdout,
    ) as { pages: number; file: string };
    expect(sheet.pages).toBe(1);
    expect(readFileSync(sheet.file).subarray(0, 5).toString()).toBe('%PDF-');
    expect(muster('export', ...common, '--format', 'xlsx', '--out', path.join(out, 'a.xlsx')).code).toBe(0);
    expect(muster('export', ...common, '--format', 'summary-pdf', '--out', path.join(out, 's.pdf')).code).toBe(0);

    const nowhere = muster(
      'export',
      ...common,
      '--format',
      'xlsx',
      '--out',
      path.join(out, 'no', 'such', 'folder.xlsx'),
    );
    expect([nowhere.code, nowhere.stderr]).toEqual([
      1,
      `muster: Cannot write ${path.join(out, 'no', 'such', 'folder.xlsx')}: its folder does not exist (ENOENT).\n`,
    ]);
    const underFile = path.join(withEmail, 'day1.xlsx');
    const throughFile = muster('export', ...common, '--format', 'xlsx', '--out', underFile);
    expect([throughFile.code, throughFile.stderr]).toEqual([
      1,
      `muster: Cannot write ${underFile}: part of its path is a file, not a folder (ENOTDIR).\n`,
    ]);
    const badFormat = muster('export', ...common, '--format', 'docx', '--out', path.join(out, 'x.docx'));
    expect(badFormat.code).toBe(1);
    expect(existsSync(path.join(out, 'x.docx'))).toBe(false);
    expect(muster('export', ...common, '--format', 'csv').code).toBe(2);
    expect(readdirSync(out).sort()).toEqual(['a.xlsx', 'attendance.csv', 'day1.pdf', 's.pdf', 'with-email.csv']);
  }, 180_000);
});
