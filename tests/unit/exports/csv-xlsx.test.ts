import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countryName } from '../../../electron/core/exports/labels';
import { attendedEvent, eventWithAnErasure, exported, workshop, type AttendedEvent } from './setup';
import { csvCellsViaLibreOffice, sheetsViaLibreOffice } from './readers';

let attended: AttendedEvent;
beforeAll(async () => {
  attended = await attendedEvent(60);
}, 60_000);
afterAll(() => attended.close());

function expectedOnDay(s: number): number {
  return attended.attended[s]!.size;
}

describe('the CSV export', () => {
  it('is RFC 4180 UTF-8 with a byte-order mark, one row per registration, one column per session', async () => {
    const { core, event, people } = attended;
    const { bytes, result } = await exported(core, { eventId: event.id, format: 'csv' });
    expect(result).toMatchObject({
      fileName: 'ct-tech-regional-workshop-east-africa-attendance.csv',
      mediaType: 'text/csv; charset=utf-8',
    });
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text).toMatch(/\r\n$/);
    expect(text.replace(/"[^"]*"/g, '').includes('\n') && !/[^\r]\n/.test(text.replace(/"[^"]*"/g, ''))).toBe(true);
    const [header, ...rows] = Papa.parse<string[]>(text, { delimiter: ',', skipEmptyLines: true }).data;
    const active = people.filter((p) => p.status !== 'cancelled').length;
    expect(rows).toHaveLength(active);
    expect(header).toEqual([
      'Title',
      'Given names',
      'Family name',
      'Gender',
      'Country',
      'Organisation',
      'Organisation type',
      'Job title',
      'Category',
      'Status',
      'Day 1 (2023-09-12)',
      'Day 2 (2023-09-13)',
      'Day 3 (2023-09-14)',
    ]);
    // Email and phone stay out unless chosen (data minimisation).
    expect(text).not.toMatch(/@|\+254/);
    const begić = rows.find((r) => r[2] === 'Begić')!;
    expect(begić.slice(1, 6)).toEqual(['Dženan', 'Begić', 'Male', 'Bosnia and Herzegovina', 'Ministarstvo sigurnosti']);
    // Checked in at 06:45 UTC: 09:45 in Nairobi, the time people saw at the desk.
    expect(begić.slice(10)).toEqual(['2023-09-12 09:45', '2023-09-13 09:45', '']);
    expect(rows.filter((r) => r[10] !== '')).toHaveLength(expectedOnDay(0));
  });

  it('carries the fields the user picks, in their order, email and phone included when asked', async () => {
    const { core, event } = attended;
    const { bytes } = await exported(core, {
      eventId: event.id,
      format: 'csv',
      fields: ['familyName', 'email', 'phone'],
    });
    const [header, ...rows] = Papa.parse<string[]>(bytes.subarray(3).toString('utf8'), {
      delimiter: ',',
      skipEmptyLines: true,
    }).data;
    expect(header!.slice(0, 3)).toEqual(['Family name', 'Email', 'Phone']);
    expect(rows.some((r) => r[1]!.includes('@'))).toBe(true);
    expect(rows.some((r) => /^'\+\d+$/.test(r[2]!))).toBe(true);
  });

  it('keeps phones readable as phones: guarded in the CSV, as typed in the workbook', async () => {
    const { core, event } = attended;
    const fields = ['familyName', 'phone'] as const;
    const csv = await exported(core, { eventId: event.id, format: 'csv', fields: [...fields] });
    // Opened in a spreadsheet, the CSV's apostrophe keeps "+254…" text, not the number 2.54712E+11.
    const cells = await csvCellsViaLibreOffice(csv.bytes, ',');
    const phoneCells = cells.filter((c) => c.address.startsWith('B') && c.address !== 'B1' && c.text !== '');
    expect(phoneCells.length).toBeGreaterThan(0);
    for (const cell of phoneCells) expect(cell.text).toMatch(/^'?\+\d{7,15}$/);
    // A workbook cell is text by its type: the phone reads exactly as stored, with no apostrophe in it.
    const xlsx = await exported(core, { eventId: event.id, format: 'xlsx', fields: [...fields] });
    const phones = sheetsViaLibreOffice(xlsx.bytes)
      .Participants!.slice(1)
      .map((r) => r[1]!)
      .filter(Boolean);
    expect(phones.length).toBe(phoneCells.length);
    for (const phone of phones) expect(phone).toMatch(/^\+\d{7,15}$/);
  }, 60_000);
});

describe('the XLSX export', () => {
  it('opens in LibreOffice with the expected cells on Participants, Attendance and Summary', async () => {
    const { core, event, people } = attended;
    const { bytes, result } = await exported(core, { eventId: event.id, format: 'xlsx' });
    expect(result.fileName).toBe('ct-tech-regional-workshop-east-africa-attendance.xlsx');
    const sheets = sheetsViaLibreOffice(bytes);
    expect(Object.keys(sheets).sort()).toEqual(['Attendance', 'Participants', 'Summary']);
    const active = people.filter((p) => p.status !== 'cancelled');

    const participants = sheets.Participants!;
    expect(participants[0]).toEqual([
      'Title',
      'Given names',
      'Family name',
      'Gender',
      'Country',
      'Organisation',
      'Organisation type',
      'Job title',
      'Category',
      'Status',
    ]);
    expect(participants).toHaveLength(active.length + 1);
    expect(participants).toContainEqual([
      '',
      'Дилноза',
      'Юсупова',
      'Female',
      'Uzbekistan',
      'Министерство внутренних дел',
      'Government',
      '',
      'Partner-state delegate',
      'Confirmed',
    ]);
    expect(participants).toContainEqual([
      '',
      'محمد',
      'العلي',
      'Male',
      'Jordan',
      'مديرية الأمن العام',
      'Government',
      '',
      'Partner-state delegate',
      'Confirmed',
    ]);

    const attendance = sheets.Attendance!;
    expect(attendance[0]).toEqual([
      'Family name',
      'Given names',
      'Organisation',
      'Country',
      'Day 1 (2023-09-12)',
      'Day 2 (2023-09-13)',
      'Day 3 (2023-09-14)',
      'Sessions attended',
    ]);
    // A real date-time (LibreOffice shows it as one, in the event's local time), not text.
    const begić = attendance.find((r) => r[0] === 'Begić')!;
    expect(begić.slice(0, 4)).toEqual(['Begić', 'Dženan', 'Ministarstvo sigurnosti', 'Bosnia and Herzegovina']);
    expect(begić[4]).toBe('2023-09-12 09:45');
    expect(begić[5]).toBe('2023-09-13 09:45');
    expect(begić.slice(6)).toEqual(['', '2']);

    const summary = sheets.Summary!;
    const line = (label: string) => summary.find((r) => r[0] === label);
    // The event's facts, and whose clock the Attendance sheet's times are.
    expect(summary.slice(0, 3).map((r) => r[0])).toEqual([
      'CT TECH regional workshop: East Africa',
      'UN Gigiri complex, Nairobi, Kenya · 2023-09-12 to 2023-09-14',
      'Check-in times are local to the event (Africa/Nairobi).',
    ]);
    const women = active.filter((p) => p.gender === 'female').length;
    expect(line('Participants')!.slice(0, 3)).toEqual([
      'Participants',
      String(active.length),
      String(new Set([...attended.attended[0]!, ...attended.attended[1]!]).size),
    ]);
    expect(line('Women')!.slice(0, 2)).toEqual(['Women', String(women)]);
    // Out of those who stated a gender, as the report counts it.
    const stated = active.filter((p) => p.gender !== 'not_stated').length;
    expect(line('Women (% of gender stated)')![1]).toBe(`${((100 * women) / stated).toFixed(1)}%`);
    expect(line('Female')).toBeDefined();
    expect(line('Partner-state delegate')).toBeDefined();
    expect(line(countryName('UZ'))).toBeDefined();
    expect(line('Day 1 (2023-09-12)')!.slice(0, 3)).toEqual([
      'Day 1 (2023-09-12)',
      String(active.length),
      String(expectedOnDay(0)),
    ]);
  }, 120_000);

  it('has frozen, filterable headers, sized columns and check-in times as real dates', async () => {
    const { core, event } = attended;
    const { bytes } = await exported(core, { eventId: event.id, format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    for (const name of ['Participants', 'Attendance']) {
      const ws = wb.getWorksheet(name)!;
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.autoFilter).toBeTruthy();
      expect(ws.getRow(1).font?.bold).toBe(true);
      for (let c = 1; c <= ws.columnCount; c++) expect(ws.getColumn(c).width).toBeGreaterThanOrEqual(10);
    }
    const attendance = wb.getWorksheet('Attendance')!;
    const begić = attendance.getColumn(1).values.findIndex((v) => v === 'Begić');
    const cell = attendance.getRow(begić).getCell(5);
    expect(cell.type).toBe(ExcelJS.ValueType.Date);
    expect((cell.value as Date).toISOString()).toBe('2023-09-12T09:45:00.000Z');
    expect(cell.numFmt).toBe('yyyy-mm-dd hh:mm');
  });
});

describe('after an erasure', () => {
  it('lists the erased person nowhere in the CSV or the workbook, and still counts them in the Summary', async () => {
    const { core, event } = await eventWithAnErasure();
    const fields = ['givenNames', 'familyName', 'organisation', 'email'] as const;
    const csv = await exported(core, { eventId: event.id, format: 'csv', fields: [...fields] });
    const [, ...rows] = Papa.parse<string[]>(csv.bytes.subarray(3).toString('utf8'), {
      delimiter: ',',
      skipEmptyLines: true,
    }).data;
    // Not even as a blank row with a check-in time.
    expect(rows.map((r) => r.slice(0, 4))).toEqual([['Amina', 'Otieno', 'Kenya Police Service', '']]);
    expect(csv.result.rows).toBe(1);

    const xlsx = await exported(core, { eventId: event.id, format: 'xlsx', fields: [...fields] });
    const sheets = sheetsViaLibreOffice(xlsx.bytes);
    expect(sheets.Participants!.slice(1)).toEqual([['Amina', 'Otieno', 'Kenya Police Service', '']]);
    expect(sheets.Attendance!.slice(1).map((r) => r.slice(0, 4))).toEqual([
      ['Otieno', 'Amina', 'Kenya Police Service', 'Kenya'],
    ]);
    const line = (label: string) => sheets.Summary!.find((r) => r[0] === label)?.slice(0, 3);
    expect(line('Participants')).toEqual(['Participants', '2', '2']);
    expect(line('Uzbekistan')).toEqual(['Uzbekistan', '1', '1']);
  }, 60_000);
});

describe('an event whose time zone this machine does not know (it came by sync from newer time-zone data)', () => {
  it('exports its CSV, workbook and sign-in sheets with check-in times in UTC, instead of failing', async () => {
    const { core, event } = await workshop(
      ['en'],
      [
        {
          givenNames: 'Amina',
          familyName: 'Otieno',
          gender: 'female',
          country: 'KE',
          organisation: 'Kenya Police Service',
          organisationType: 'law_enforcement',
          category: 'partner_state_delegate',
          present: true,
        },
      ],
    );
    try {
      core.ctx.db.prepare("UPDATE events SET time_zone = 'Africa/Not_Yet_Known' WHERE id = ?").run(event.id);
      const at = core.ctx.db.prepare('SELECT at FROM checkins').pluck().get() as string;
      const { bytes } = await exported(core, { eventId: event.id, format: 'csv' });
      const [, amina] = Papa.parse<string[]>(bytes.subarray(3).toString('utf8'), { skipEmptyLines: true }).data;
      expect(amina![10]).toBe(`${at.slice(0, 10)} ${at.slice(11, 16)}`);
      for (const format of ['xlsx', 'signin-pdf', 'summary-pdf'] as const) {
        const { bytes: file } = await exported(core, { eventId: event.id, format, sessionId: event.sessions[0]!.id });
        expect(file.length).toBeGreaterThan(1000);
      }
    } finally {
      core.close();
    }
  });
});
