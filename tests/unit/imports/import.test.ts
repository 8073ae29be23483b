import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { Output } from '../../../electron/core/api/contract';
import { dispatch } from '../../../electron/core/api/dispatch';
import { generateRoster, loadRoster } from '../../fixtures/roster';
import { exported } from '../exports/setup';
import { changeCount, nairobi, ok, refused, tempCore } from '../helpers';
import { compoundFile, csv, encode, preview, previewed, refusedPreview, rosterCsv, workbook } from './files';

async function setUp() {
  const core = tempCore();
  const event = await ok(core, 'event.create', nairobi);
  return { core, eventId: event.id, event };
}

const header = ['First name', 'Last name', 'Gender', 'Country', 'Organisation', 'E-mail', 'Phone'];
const amina = ['Amina', 'Otieno', 'F', 'Kenya', 'National Police Service', 'amina.otieno@police.go.ke', '0712 345 678'];
const jose = ['José', 'Pérez', 'M', 'Colombia', 'Policía Nacional', 'jose.perez@policia.gov.co', ''];
const dilnoza = ['Дилноза', 'Юсупова', 'Ж', 'Узбекистан', 'МВД', '', ''];

async function rows(core: ReturnType<typeof tempCore>, jobId: string, filter?: 'errors' | 'warnings' | 'duplicates') {
  return (await ok(core, 'import.rows', { jobId, ...(filter ? { filter } : {}), limit: 500 })).rows;
}

describe('importing a list into an event', () => {
  it('imports a list Muster exported, with its phones and formula-like names as they were typed', async () => {
    const { core, eventId } = await setUp();
    await ok(core, 'participant.create', {
      eventId,
      givenNames: 'Amina',
      familyName: 'Otieno',
      gender: 'female',
      country: 'KE',
      organisation: '=Kenya Police Service',
      organisationType: 'law_enforcement',
      email: 'amina.otieno@police.go.ke',
      phone: '+254712345678',
      category: 'partner_state_delegate',
    });
    const fields = ['givenNames', 'familyName', 'gender', 'country', 'organisation', 'email', 'phone'] as const;
    const { bytes } = await exported(core, { eventId, format: 'csv', fields: [...fields] });
    // The file guards the phone and the organisation for spreadsheets.
    expect(bytes.toString('utf8')).toContain(`"'+254712345678"`);

    const next = await ok(core, 'event.create', { ...nairobi, title: 'Follow-up workshop' });
    const jobId = randomUUID();
    const summary = await previewed(core, next.id, bytes, { jobId });
    expect(summary.totals).toMatchObject({ rows: 1, errors: 0, warnings: 0 });
    const [row] = await rows(core, jobId);
    expect(row!.values).toMatchObject({ phone: '+254712345678', organisation: '=Kenya Police Service' });
  });

  it('previews every row with its values, errors and warnings, then imports the good ones in one commit', async () => {
    const { core, eventId } = await setUp();
    const file = encode(
      csv([header, amina, jose, dilnoza, ['', '', 'F', 'Atlantis', '', 'not-an-email', '']], ';'),
      'utf-16le-bom',
    );
    const jobId = randomUUID();
    const before = changeCount(core);
    const summary = await previewed(core, eventId, file, { jobId });
    expect(summary).toMatchObject({
      format: 'csv',
      encoding: 'utf-16le',
      delimiter: ';',
      headerRow: 1,
      mappingSource: 'auto',
      totals: { rows: 4, ready: 3, errors: 1, warnings: 0, duplicates: 0 },
    });
    expect(summary.columns.map((c) => c.field)).toEqual([
      'givenNames',
      'familyName',
      'gender',
      'country',
      'organisation',
      'email',
      'phone',
    ]);
    // The preview changed nothing.
    expect(changeCount(core)).toBe(before);

    const [first, , third, broken] = await rows(core, jobId);
    expect(first).toMatchObject({
      row: 2,
      action: 'add',
      values: { givenNames: 'Amina', country: 'KE', phone: '+254712345678', gender: 'female' },
    });
    expect(third!.values).toMatchObject({ familyName: 'Юсупова', gender: 'female', country: 'UZ' });
    expect(broken).toMatchObject({ row: 5, action: 'fail' });
    expect(broken!.errors.map((e) => e.key).sort()).toEqual(['blank', 'blank', 'invalidEmail', 'unknownCountry']);
    expect(await rows(core, jobId, 'errors')).toHaveLength(1);

    const report = await ok(core, 'import.commit', { jobId });
    expect(report).toMatchObject({
      dryRun: false,
      counts: { added: 3, updated: 0, skipped: 0, failed: 1 },
      added: [2, 3, 4],
      failed: [{ row: 5 }],
    });
    const roster = await ok(core, 'roster.list', { eventId });
    expect(roster.rows.map((r) => r.familyName).sort()).toEqual(['Otieno', 'Pérez', 'Юсупова']);
    // Through the desk's own write path: a change record per participant and per registration (and the mapping).
    expect(changeCount(core)).toBe(before + 3 * 2 + 1);
    // A committed job is done: it cannot be committed twice.
    expect((await refused(core, 'import.commit', { jobId })).code).toBe('conflict');
  });

  it('reads XLSX: the chosen sheet, its header below title rows, ids and phones as text', async () => {
    const { core, eventId } = await setUp();
    const file = await workbook((wb) => {
      wb.addWorksheet('Read me').addRow(['Instructions']);
      const ws = wb.addWorksheet('Participants');
      ws.addRow(['Nominations: CT TECH Nairobi']);
      ws.addRow(['Apellido', 'Nombre', 'Sexo', 'País', 'Institución', 'Teléfono', 'Código']);
      ws.addRow(['Pérez', 'José', 'Hombre', 'Colombia', 'Policía Nacional', 573101234567, null]);
      ws.addRow(['Gómez', 'Ana Lucía', 'Mujer', 'COL', 'Fiscalía', 3101234568, 'ABCD2345']);
    });
    const jobId = randomUUID();
    const summary = await previewed(core, eventId, file, { jobId, sheet: 'Participants' });
    expect(summary).toMatchObject({ format: 'xlsx', sheet: 'Participants', headerRow: 2, totals: { ready: 2 } });
    expect(summary.sheets.map((s) => s.name)).toEqual(['Read me', 'Participants']);
    const [pérez, gómez] = await rows(core, jobId);
    expect(pérez!.values).toMatchObject({ phone: '+573101234567', country: 'CO', gender: 'male' });
    expect(gómez!.values).toMatchObject({ phone: '+573101234568', code: 'ABCD2345', gender: 'female' });
    await ok(core, 'import.commit', { jobId });
    const found = await ok(core, 'roster.search', { eventId, query: 'ABCD-2345' });
    expect(found.map((r) => r.givenNames)).toEqual(['Ana Lucía']);
  });

  it('says a chosen sheet is empty, rather than that it has a header and no rows', async () => {
    const { core, eventId } = await setUp();
    const file = await workbook((wb) => {
      wb.addWorksheet('Notes');
      wb.addWorksheet('List').addRows([header, amina]);
    });
    expect(await previewed(core, eventId, file)).toMatchObject({ sheet: 'List', totals: { ready: 1 } });
    const error = await refusedPreview(core, eventId, file, { sheet: 'Notes' });
    expect(error).toMatchObject({ issues: [{ key: 'sheetEmpty' }] });
    expect(error.message).toContain('“Notes”');
  });

  describe('spreadsheet edge cases', () => {
    it('shows rows hidden in the sheet with a warning and skips them, unless the person chooses to add one', async () => {
      const { core, eventId } = await setUp();
      const file = await workbook((wb) => {
        const ws = wb.addWorksheet('Nominations');
        ws.addRows([header, amina]);
        ws.addRow(jose).hidden = true;
        ws.addRow(dilnoza).hidden = true;
      });
      const jobId = randomUUID();
      const summary = await previewed(core, eventId, file, { jobId });
      expect(summary.totals).toMatchObject({ rows: 3, ready: 1, warnings: 2 });
      expect(summary.hiddenRows).toEqual([3, 4]);
      const [shown, hidden] = await rows(core, jobId);
      expect(shown!.action).toBe('add');
      expect(hidden!.action).toBe('skip');
      expect(hidden!.warnings).toEqual([
        expect.objectContaining({
          field: null,
          key: 'hiddenRow',
          message: expect.stringContaining('Hidden in the spreadsheet'),
        }),
      ]);
      // Left alone, the commit skips them as the preview said, whatever the default for duplicates.
      const rehearsed = await ok(core, 'import.commit', { jobId, onDuplicate: 'add', dryRun: true });
      expect(rehearsed).toMatchObject({ counts: { added: 1, skipped: 2 }, added: [2], skipped: [3, 4] });
      const report = await ok(core, 'import.commit', { jobId, decisions: [{ row: 4, action: 'add' }] });
      expect(report).toMatchObject({ counts: { added: 2, skipped: 1 }, added: [2, 4], skipped: [3] });
      expect(await ok(core, 'roster.search', { eventId, query: 'Pérez' })).toEqual([]);
      expect((await ok(core, 'roster.search', { eventId, query: 'Юсупова' })).length).toBe(1);
    });

    it('names the column of a formula with no saved value, and says so where it leaves a required name empty', async () => {
      const { core, eventId } = await setUp();
      const file = await workbook((wb) => {
        const ws = wb.addWorksheet('Generated');
        ws.addRow(header);
        // As a script writes a formula: no cached result, which only Excel would have calculated and saved.
        ws.addRow(['Amina', { formula: 'UPPER("otieno")' }, 'F', 'Kenya', 'NPS', '', '']);
        ws.addRow(['José', 'Pérez', 'M', 'Colombia', { formula: 'Lists!B2' }, '', '']);
        ws.addRow(['Ana', 'Gómez', 'F', 'Colombia', { formula: '"Fiscalía"', result: 'Fiscalía' }, '', '']);
      });
      const jobId = randomUUID();
      await previewed(core, eventId, file, { jobId });
      const [noName, noOrganisation, cached] = await rows(core, jobId);
      expect(noName!.errors).toEqual([
        expect.objectContaining({
          field: 'familyName',
          key: 'requiredNoValue',
          message: expect.stringMatching(/formula with no saved value: open and save the file in Excel.*“Last name”/),
        }),
      ]);
      expect(noName!.warnings).toEqual([expect.objectContaining({ field: 'familyName', key: 'formulaNoValue' })]);
      expect(noOrganisation!.errors).toEqual([
        expect.objectContaining({
          field: 'organisation',
          key: 'requiredNoValue',
          message: expect.stringContaining('“Organisation”'),
        }),
      ]);
      expect(cached!).toMatchObject({ errors: [], warnings: [], action: 'add', values: { organisation: 'Fiscalía' } });
    });

    it('warns, naming the column and the error, when a cell shows #N/A or #REF! instead of a value', async () => {
      const { core, eventId } = await setUp();
      const file = await workbook((wb) => {
        const ws = wb.addWorksheet('List');
        ws.addRows([header, amina]);
        ws.addRow(['José', 'Pérez', 'M', 'Colombia', 'Policía Nacional', { error: '#N/A' }, '']);
        ws.addRow(['Ana', 'Gómez', 'F', 'Colombia', { formula: 'X9', result: { error: '#REF!' } }, '', '']);
      });
      const jobId = randomUUID();
      await previewed(core, eventId, file, { jobId });
      const [, lookup, broken] = await rows(core, jobId);
      expect(lookup!).toMatchObject({ errors: [], action: 'add' });
      expect(lookup!.warnings).toEqual([
        expect.objectContaining({
          field: 'email',
          key: 'cellErrorValue',
          message: expect.stringContaining('(“E-mail”: #N/A)'),
        }),
      ]);
      expect(broken!.errors).toEqual([
        expect.objectContaining({
          key: 'requiredErrorValue',
          message: expect.stringContaining('(“Organisation”: #REF!)'),
        }),
      ]);
    });

    it('gives each person the organisation merged down over their rows: the organiser merged it to mean "all of these"', async () => {
      const { core, eventId } = await setUp();
      const file = await workbook((wb) => {
        const ws = wb.addWorksheet('List');
        ws.addRows([header, amina]);
        ws.addRow(['Peter', 'Kamau', 'M', 'Kenya', '', '', '']);
        ws.addRow(['Faith', 'Wanjiru', 'F', 'Kenya', '', '', '']);
        ws.mergeCells('E2:E4');
      });
      const jobId = randomUUID();
      await previewed(core, eventId, file, { jobId });
      expect((await rows(core, jobId)).map((r) => r.values.organisation)).toEqual([
        'National Police Service',
        'National Police Service',
        'National Police Service',
      ]);
    });

    it('reads the sheet chosen by a Cyrillic or Arabic name, however its letters are composed', async () => {
      const { core, eventId } = await setUp();
      const file = await workbook((wb) => {
        wb.addWorksheet('Инструкция').addRow(['Заполните лист «Участники».']);
        wb.addWorksheet('Участники').addRows([header, dilnoza]);
        wb.addWorksheet('المشاركون').addRows([header, amina]);
      });
      expect(await previewed(core, eventId, file, { sheet: 'Участники' })).toMatchObject({
        sheet: 'Участники',
        totals: { ready: 1 },
      });
      expect(await previewed(core, eventId, file, { sheet: 'المشاركون' })).toMatchObject({ sheet: 'المشاركون' });
      // The same name with its letters decomposed (и + breve for й), as some keyboards and copied text give it.
      const decomposed = await workbook((wb) => wb.addWorksheet('Район').addRows([header, dilnoza]));
      expect(await previewed(core, eventId, decomposed, { sheet: 'Район'.normalize('NFD') })).toMatchObject({
        sheet: 'Район',
      });
    });

    it('tells two "Name" columns (a header merged over two) apart, and says when the mapped one gave one word only', async () => {
      const { core, eventId } = await setUp();
      const file = await workbook((wb) => {
        const ws = wb.addWorksheet('List');
        ws.addRow(['Name', 'Name', 'Country', 'Organisation']);
        ws.addRow(['Amina', 'Otieno', 'Kenya', 'NPS']);
      });
      const jobId = randomUUID();
      const summary = await previewed(core, eventId, file, { jobId });
      expect(summary.columns.map((c) => [c.header, c.field])).toEqual([
        ['Name', 'fullName'],
        ['Name (2)', null],
        ['Country', 'country'],
        ['Organisation', 'organisation'],
      ]);
      const [row] = await rows(core, jobId);
      expect(row!.warnings).toEqual([expect.objectContaining({ field: 'fullName', key: 'singleName' })]);
    });

    it('reads a one-column CSV of "Family, Given" names as family name and given names', async () => {
      const { core, eventId } = await setUp();
      const file = encode('Full name\r\nOkafor, Chinwe\r\nOtieno, Amina\r\n', 'utf-8');
      const jobId = randomUUID();
      const summary = await previewed(core, eventId, file, { jobId, mapping: undefined });
      expect(summary.columns.map((c) => c.header)).toEqual(['Full name']);
      const [okafor] = await rows(core, jobId);
      expect(okafor!.values).toMatchObject({ familyName: 'Okafor', givenNames: 'Chinwe' });
    });

    it('refuses a cell of 40,000 characters with a clear error naming the cell, as the import limits say (10,000)', async () => {
      const { core, eventId } = await setUp();
      const file = await workbook((wb) => {
        wb.addWorksheet('List').addRows([
          [...header, 'Notes'],
          [...amina, 'x'.repeat(40_000)],
        ]);
      });
      const error = await refusedPreview(core, eventId, file);
      expect(error).toMatchObject({ issues: [{ key: 'cellTooLong' }] });
      expect(error.message).toContain('(Cell H2.)');
    });
  });

  describe('duplicates', () => {
    async function withAmina() {
      const setup = await setUp();
      await ok(core(setup), 'participant.create', {
        eventId: setup.eventId,
        givenNames: 'Amina',
        familyName: 'Otieno',
        gender: 'female',
        country: 'KE',
        organisation: 'NPS',
        organisationType: 'law_enforcement',
        category: 'partner_state_delegate',
        email: 'amina.otieno@police.go.ke',
      });
      return setup;
    }
    const core = (s: Awaited<ReturnType<typeof setUp>>) => s.core;

    it('finds people already on the roster by email, or by name in either order and country, and repeats in the file', async () => {
      const { core, eventId } = await withAmina();
      const swapped = ['Otieno', 'Amina', 'F', 'KE', 'Interpol', '', ''];
      const file = encode(csv([header, amina, swapped, jose, jose]), 'utf-8');
      // Row 3 also repeats row 2; the person on the roster is what it is matched to.
      const jobId = randomUUID();
      const summary = await previewed(core, eventId, file, { jobId });
      expect(summary.totals).toMatchObject({ rows: 4, ready: 1, duplicates: 3 });
      const [byEmail, byName, , repeat] = await rows(core, jobId);
      expect(byEmail!.duplicate).toMatchObject({
        of: 'roster',
        matches: [{ name: 'Amina Otieno', reasons: ['email', 'name_country'], registered: true }],
      });
      expect(byName!.duplicate).toMatchObject({ of: 'roster', matches: [{ reasons: ['name_country'] }] });
      expect(repeat!.duplicate).toEqual({ of: 'file', row: 4 });
      expect(repeat!.action).toBe('skip');
    });

    it('skips, updates or adds each duplicate as decided, and skips repeats by default', async () => {
      const { core, eventId } = await withAmina();
      const updated = [...amina];
      updated[4] = 'Directorate of Criminal Investigations';
      const other = ['Amina', 'Otieno', 'F', 'KE', 'Kenya Prisons Service', '', ''];
      const file = encode(csv([header, updated, other, jose, jose]), 'utf-8');
      const jobId = randomUUID();
      await previewed(core, eventId, file, { jobId });
      const report = await ok(core, 'import.commit', {
        jobId,
        onDuplicate: 'skip',
        decisions: [
          { row: 2, action: 'update' },
          { row: 3, action: 'add' },
        ],
      });
      expect(report).toMatchObject({ added: [3, 4], updated: [2], skipped: [5], failed: [] });
      const people = (await ok(core, 'roster.list', { eventId })).rows;
      expect(people.map((p) => p.organisation).sort()).toEqual([
        'Directorate of Criminal Investigations',
        'Kenya Prisons Service',
        'Policía Nacional',
      ]);
      // The update kept what the row did not give (her phone stays; the row had one: now E.164).
      const updatedPerson = people.find((p) => p.organisation.startsWith('Directorate'))!;
      const full = await ok(core, 'participant.get', { id: updatedPerson.participantId });
      expect(full.participant).toMatchObject({ email: 'amina.otieno@police.go.ke', phone: '+254712345678' });
      expect(full.registrations).toHaveLength(1);
    });

    it('registers an updated person for this event when they came to another one', async () => {
      const { core, eventId } = await withAmina();
      const other = await ok(core, 'event.create', {
        ...nairobi,
        title: 'Second workshop',
        startDate: '2024-02-01',
        endDate: '2024-02-02',
      });
      const jobId = randomUUID();
      await previewed(core, other.id, encode(csv([header, amina]), 'utf-8'), { jobId });
      const [row] = await rows(core, jobId);
      expect(row!.duplicate).toMatchObject({ of: 'roster', matches: [{ registered: false }] });
      expect(await ok(core, 'import.commit', { jobId, onDuplicate: 'update' })).toMatchObject({ updated: [2] });
      const person = await ok(core, 'participant.get', {
        id: (row!.duplicate as { matches: { participantId: string }[] }).matches[0]!.participantId,
      });
      expect(person.registrations.map((r) => r.eventId).sort()).toEqual([eventId, other.id].sort());
    });

    it('refuses to update a row that matches no one, or someone who is not its match', async () => {
      const { core, eventId } = await withAmina();
      const jobId = randomUUID();
      await previewed(core, eventId, encode(csv([header, amina, jose]), 'utf-8'), { jobId });
      expect(
        (await refused(core, 'import.commit', { jobId, decisions: [{ row: 3, action: 'update' }] })).issues?.[0]?.key,
      ).toBe('updateWithoutMatch');
      expect(
        (
          await refused(core, 'import.commit', {
            jobId,
            decisions: [{ row: 2, action: 'update', participantId: randomUUID() }],
          })
        ).issues?.[0]?.key,
      ).toBe('notAMatch');
      expect((await refused(core, 'import.commit', { jobId, decisions: [{ row: 99, action: 'skip' }] })).code).toBe(
        'invalid_input',
      );
      const twice = await refused(core, 'import.commit', {
        jobId,
        decisions: [
          { row: 2, action: 'add' },
          { row: 2, action: 'skip' },
        ],
      });
      expect(twice).toMatchObject({ code: 'invalid_input', message: 'Row 2 has more than one decision.' });
      // Refused, not half done: the job can still be committed.
      expect(await ok(core, 'import.commit', { jobId, decisions: [{ row: 2, action: 'skip' }] })).toMatchObject({
        skipped: [2],
        added: [3],
      });
    });
  });

  it('commits all or nothing: a row failing half way leaves the roster as it was, and says which row', async () => {
    const { core, eventId } = await setUp();
    const jobId = randomUUID();
    await previewed(core, eventId, encode(rosterCsv(generateRoster(50, 7)), 'utf-8'), { jobId });
    const before = changeCount(core);
    // The store gives out at the 30th person, as a full disk would (in the schema, so the worker's connection has it).
    core.ctx.db.exec(`CREATE TRIGGER disk_full BEFORE INSERT ON participants
      WHEN (SELECT count(*) FROM participants) >= 29 BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect((await refused(core, 'import.commit', { jobId })).code).toBe('internal');
    log.mockRestore();
    core.ctx.db.exec('DROP TRIGGER disk_full');
    expect(changeCount(core)).toBe(before);
    expect((await ok(core, 'roster.list', { eventId })).total).toBe(0);
  });

  it('names the row when the desk path refuses it at commit, and imports nothing', async () => {
    const { core, eventId } = await setUp();
    const jobId = randomUUID();
    const withCodes = csv([
      [...header, 'Code'],
      [...amina, 'ABCD-2346'],
      [...jose, 'ABCD-2345'],
    ]);
    await previewed(core, eventId, encode(withCodes, 'utf-8'), { jobId });
    // José's code is taken after the preview by a registration the change log does not show, so only the desk's
    // own rule, run again at commit, can notice.
    core.ctx.db.exec(`
      INSERT INTO participants (id, family_name, gender, country, organisation, organisation_type, created_at, updated_at)
        VALUES ('p-raw', 'Raw', 'female', 'KE', 'X', 'other', '', '');
      INSERT INTO registrations (id, event_id, participant_id, category, status, code, created_at, updated_at)
        VALUES ('r-raw', '${eventId}', 'p-raw', 'observer', 'confirmed', 'ABCD2345', '', '');`);
    const error = await refused(core, 'import.commit', { jobId });
    expect(error).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/^Row 3: .* Nothing was imported\.$/),
    });
    expect(core.ctx.db.prepare('SELECT id FROM registrations').pluck().all()).toEqual(['r-raw']);
    expect(error.message).toMatch(/ABCD-2345 is already someone else/);
  });

  it('a dry run reports exactly what the import would do, and saves nothing', async () => {
    const { core, eventId } = await setUp();
    const jobId = randomUUID();
    await previewed(core, eventId, encode(csv([header, amina, jose, ['', '', '', '', '', '', '']]), 'utf-8'), {
      jobId,
    });
    const before = changeCount(core);
    const dry = await ok(core, 'import.commit', { jobId, dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, counts: { added: 2, failed: 0 } });
    expect(changeCount(core)).toBe(before);
    expect((await ok(core, 'roster.list', { eventId })).total).toBe(0);
    const real = await ok(core, 'import.commit', { jobId });
    expect({ ...real, dryRun: true }).toEqual(dry);
  });

  it('refuses a commit when the roster changed since the preview', async () => {
    const { core, eventId } = await setUp();
    const jobId = randomUUID();
    await previewed(core, eventId, encode(csv([header, amina]), 'utf-8'), { jobId });
    await ok(core, 'participant.create', {
      eventId,
      familyName: 'Otieno',
      givenNames: 'Amina',
      gender: 'female',
      country: 'KE',
      organisation: 'NPS',
      organisationType: 'law_enforcement',
      category: 'partner_state_delegate',
    });
    expect((await refused(core, 'import.commit', { jobId })).code).toBe('conflict');
    // Previewed again (no need to send the file again), the row is now a duplicate.
    const again = await previewed(core, eventId, null, { jobId });
    expect(again.totals.duplicates).toBe(1);
  });

  // Against a roster not much larger than the file, its keys are read first and only possible matches are asked
  // about; against a much larger one, every row is: the answers must be the same.
  it.each([
    ['a roster about the size of the file', 0],
    ['a roster much larger than the file', 12],
  ])('refuses check-in codes already given or given twice in the file (%s)', async (_, others) => {
    const { core, eventId } = await setUp();
    loadRoster(core.ctx, eventId, generateRoster(others, 5));
    await ok(core, 'participant.create', {
      eventId,
      familyName: 'Kamau',
      gender: 'male',
      country: 'KE',
      organisation: 'NPS',
      organisationType: 'law_enforcement',
      category: 'partner_state_delegate',
      code: 'ABCD2345',
    });
    const withCode = [...header, 'Code'];
    const file = encode(
      csv([withCode, [...amina, 'abcd-2345'], [...jose, 'WXYZ6789'], [...dilnoza, 'wxyz-6789']]),
      'utf-8',
    );
    const jobId = randomUUID();
    await previewed(core, eventId, file, { jobId });
    const errors = await rows(core, jobId, 'errors');
    expect(errors.map((r) => [r.row, r.errors[0]!.key])).toEqual([
      [2, 'codeInUse'],
      [4, 'codeRepeated'],
    ]);
  });

  describe('mappings', () => {
    it('takes the person’s mapping and defaults, and remembers them for the next file of that layout', async () => {
      const { core, eventId } = await setUp();
      const file = encode(
        csv([
          ['Nom complet', 'Structure', 'Remarque'],
          ['OTIENO Amina', 'NPS', 'vegetarian'],
        ]),
        'utf-8',
      );
      const jobId = randomUUID();
      const auto = await previewed(core, eventId, file, { jobId });
      expect(auto.columns.map((c) => c.field)).toEqual(['fullName', null, null]);
      expect(auto.totals.errors).toBe(1);
      const mapping = {
        columns: ['fullName', 'organisation', 'dietary'] as const,
        defaults: { country: 'ke', gender: 'female' as const },
      };
      const mapped = await previewed(core, eventId, null, {
        jobId,
        mapping: { ...mapping, columns: [...mapping.columns] },
      });
      expect(mapped).toMatchObject({ mappingSource: 'given', totals: { ready: 1, errors: 0 } });
      expect((await rows(core, jobId))[0]!.values).toMatchObject({
        // The name in capitals is the family name, as on official lists.
        familyName: 'OTIENO',
        givenNames: 'Amina',
        country: 'KE',
        dietary: 'vegetarian',
      });
      await ok(core, 'import.commit', { jobId });

      const next = await previewed(
        core,
        eventId,
        encode(
          csv([
            ['Nom complet', 'Structure', 'Remarque'],
            ['Kamau Peter', 'NIS', ''],
          ]),
          'utf-8',
        ),
      );
      expect(next).toMatchObject({
        mappingSource: 'remembered',
        mapping: { defaults: { country: 'KE' } },
        totals: { ready: 1 },
      });
      // Per event: another event's import of the same layout starts from the automatic mapping.
      const other = await ok(core, 'event.create', { ...nairobi, title: 'Other' });
      expect(
        (
          await previewed(
            core,
            other.id,
            encode(
              csv([
                ['Nom complet', 'Structure'],
                ['A B', 'C'],
              ]),
              'utf-8',
            ),
          )
        ).mappingSource,
      ).toBe('auto');
    });

    it('imports a file with no header row from its first row when told so, row numbers as in the file', async () => {
      const { core, eventId } = await setUp();
      const file = encode(csv([amina, jose]), 'utf-8');
      const jobId = randomUUID();
      // Read as it comes, Amina's row is taken for column names: she would be left out.
      expect((await previewed(core, eventId, file, { jobId })).totals.rows).toBe(1);
      const columns = ['givenNames', 'familyName', 'gender', 'country', 'organisation', 'email', 'phone'] as const;
      const none = await previewed(core, eventId, null, {
        jobId,
        headerRow: 0,
        mapping: { columns: [...columns] },
      });
      expect(none).toMatchObject({ headerRow: 0, totals: { rows: 2, ready: 2 } });
      expect(none.columns.map((c) => c.header)).toEqual(columns.map((_, i) => `Column ${i + 1}`));
      expect(none.columns[0]!.samples).toEqual(['Amina', 'José']);
      const report = await ok(core, 'import.commit', { jobId });
      expect(report).toMatchObject({ counts: { added: 2 }, added: [1, 2] });
    });

    it('refuses a mapping that uses a field twice or does not fit the file', async () => {
      const { core, eventId } = await setUp();
      const jobId = randomUUID();
      await previewed(core, eventId, encode(csv([header, amina]), 'utf-8'), { jobId });
      const twice = await refused(core, 'import.preview', {
        jobId,
        eventId,
        mapping: { columns: ['familyName', 'familyName', null, null, null, null, null] },
      });
      expect(twice.issues?.[0]?.key).toBe('fieldMappedTwice');
      const short = await preview(core, eventId, null, { jobId, mapping: { columns: ['familyName'] } });
      expect(!short.ok && short.error.issues?.[0]?.key).toBe('mappingColumns');
    });
  });

  describe('the job model: progress, cancel, status', () => {
    it('reports progress while reading and checking, and the summary when done', async () => {
      const { core, eventId } = await setUp();
      const jobId = randomUUID();
      const file = encode(rosterCsv(generateRoster(20_000, 3)), 'utf-8');
      const phases = new Set<string>();
      const running = preview(core, eventId, file, { jobId });
      let done = false;
      void running.then(() => (done = true));
      while (!done) {
        const status = await dispatch(core.ctx, 'import.status', { jobId });
        if (status.ok) phases.add((status.value as Output<'import.status'>).phase);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect((await running).ok).toBe(true);
      expect(phases.has('checking') || phases.has('normalising')).toBe(true);
      expect(await ok(core, 'import.status', { jobId })).toMatchObject({ phase: 'ready', done: 20_000, total: 20_000 });
    }, 60_000);

    it('cancels a preview under way: the call answers cancelled and nothing is imported', async () => {
      const { core, eventId } = await setUp();
      const jobId = randomUUID();
      const running = preview(core, eventId, encode(rosterCsv(generateRoster(20_000, 4)), 'utf-8'), { jobId });
      await new Promise((resolve) => setTimeout(resolve, 30));
      await ok(core, 'import.cancel', { jobId });
      const result = await running;
      expect(!result.ok && result.error.code).toBe('cancelled');
      expect(await ok(core, 'import.status', { jobId })).toMatchObject({ phase: 'cancelled' });
      expect((await refused(core, 'import.commit', { jobId })).code).toBe('conflict');
      expect((await ok(core, 'roster.list', { eventId })).total).toBe(0);
    }, 60_000);

    it('answers not_found for a job it does not know', async () => {
      const { core } = await setUp();
      expect((await refused(core, 'import.status', { jobId: randomUUID() })).code).toBe('not_found');
      expect((await refused(core, 'import.rows', { jobId: randomUUID() })).code).toBe('not_found');
    });
  });

  describe('hostile and broken files change nothing', () => {
    it.each([
      ['empty', new Uint8Array(), 'fileEmpty'],
      ['binary junk', Uint8Array.from({ length: 100_000 }, (_, i) => (i * 2654435761) % 251), 'notATable'],
      ['a million columns', encode(`a,b\n${','.repeat(1_000_000)}\n`, 'utf-8'), 'tooManyColumns'],
      ['truncated CSV', encode('First name,Last name\r\nAmina,"Otie', 'utf-8'), 'unclosedQuote'],
      ['an old .xls', Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]), 'oldExcel'],
      ['an old .xls workbook', compoundFile(['Workbook', 'SummaryInformation']), 'oldExcel'],
      // Excel's "Encrypt with password" wraps the .xlsx in the .xls container: the person must remove the password.
      ['a password-protected .xlsx', compoundFile(['EncryptionInfo', 'EncryptedPackage']), 'passwordProtected'],
      ['only a header', encode('First name,Last name\r\n', 'utf-8'), 'noData'],
      ['only empty lines', encode('\r\n ; \r\n\r\n', 'utf-8'), 'fileBlank'],
    ])('%s', async (_, bytes, key) => {
      const { core, eventId } = await setUp();
      const before = changeCount(core);
      const error = await refusedPreview(core, eventId, bytes);
      expect(error).toMatchObject({ code: 'invalid_input', issues: [{ path: ['file'], key }] });
      expect(changeCount(core)).toBe(before);
    });

    it('refuses a file beyond the size cap in the contract, before decoding it', async () => {
      const { core, eventId } = await setUp();
      const error = await refused(core, 'import.preview', {
        jobId: randomUUID(),
        eventId,
        file: { name: 'huge.csv', data: 'A'.repeat(90 * 1024 * 1024) },
      });
      expect(error.code).toBe('invalid_input');
      expect(error.issues?.[0]?.path).toEqual(['file', 'data']);
    });

    it('refuses a file that is not base64', async () => {
      const { core, eventId } = await setUp();
      const error = await refused(core, 'import.preview', {
        jobId: randomUUID(),
        eventId,
        file: { name: 'x.csv', data: 'not base64!' },
      });
      expect(error.issues?.[0]?.key).toBe('notBase64');
    });
  });
});

describe('duplicates against a large roster', () => {
  it('agree with participant.findDuplicates', async () => {
    const { core, eventId } = await setUp();
    const people = generateRoster(600, 11);
    loadRoster(core.ctx, eventId, people.slice(0, 400));
    // Half the file are people already registered (some with their names swapped), half new.
    const file = people
      .slice(200, 600)
      .map((p, i) => (i % 3 === 0 ? { ...p, givenNames: p.familyName, familyName: p.givenNames, email: null } : p));
    // The whole file (the roster's keys are read first), then a part under half the roster's size (asked row by row).
    for (const part of [file, file.slice(0, 150)]) {
      const jobId = randomUUID();
      await previewed(core, eventId, encode(rosterCsv(part), 'utf-8'), { jobId });
      for (const row of await rows(core, jobId)) {
        const person = part[row.row - 2]!;
        const expected = await ok(core, 'participant.findDuplicates', {
          givenNames: person.givenNames,
          familyName: person.familyName,
          country: person.country,
          ...(person.email ? { email: person.email } : {}),
        });
        const found = row.duplicate?.of === 'roster' ? row.duplicate.matches : [];
        expect(found.map((m) => [m.participantId, m.reasons]).sort()).toEqual(
          expected.map((d) => [d.participant.id, d.reasons]).sort(),
        );
      }
    }
  }, 60_000);
});
