import ExcelJS from 'exceljs';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { renderCsv } from '../../../electron/core/exports/csv';
import type { ExportData, ExportPerson } from '../../../electron/core/exports/data';
import { neutralise } from '../../../electron/core/exports/neutralise';
import { renderXlsx } from '../../../electron/core/exports/xlsx';

const dangerous = /^[=+\-@\t\r]/;

/** Text as hostile as a form field can hold: formulas, control characters, quotes, line breaks, any script. */
const cellText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ',', ';', "'", 'a', 'é', 'Ж', ' '),
    maxLength: 12,
  }),
  fc.constantFrom('=cmd|/c calc!A1', '+SUM(A1:A9)', '-2+3', '@HYPERLINK("http://x")', '\t=1', '\r=1', "'=quoted"),
);

function data(names: readonly [string, string, string][]): ExportData {
  const person = ([given, family, organisation]: [string, string, string], i: number): ExportPerson => ({
    registrationId: `r${i}`,
    code: 'ABCD2345',
    category: 'partner_state_delegate',
    status: 'confirmed',
    honorific: '',
    givenNames: given,
    familyName: family,
    badgeName: '',
    gender: 'female',
    country: 'KE',
    nationality: null,
    organisation,
    organisationType: 'government',
    jobTitle: '',
    email: null,
    phone: null,
    preferredLanguage: null,
    dietary: '',
    accessibility: '',
    checkIns: [null],
    signatures: [null],
  });
  return {
    event: {
      title: 'T',
      venue: '',
      city: 'Nairobi',
      country: 'KE',
      startDate: '2023-09-12',
      endDate: '2023-09-12',
      timeZone: 'Africa/Nairobi',
    },
    sessions: [{ id: 's', name: '=Day 1', date: '2023-09-12', startTime: '09:00', endTime: '17:00' }],
    people: names.map(person),
    generatedAt: '2023-09-12T18:00:00.000Z',
  };
}

const fields = ['givenNames', 'familyName', 'organisation'] as const;

describe('formula injection (OWASP) in exports', () => {
  it('prefixes exactly the cells a spreadsheet would run, and leaves every other cell as it was', () => {
    fc.assert(
      fc.property(cellText, (text) => {
        const safe = neutralise(text);
        expect(dangerous.test(safe)).toBe(false);
        expect(safe).toBe(dangerous.test(text) ? `'${text}` : text);
      }),
      { numRuns: 2000 },
    );
  });

  it('CSV: every cell parses back, through a standard parser, as its neutralised text', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(cellText, cellText, cellText), { minLength: 1, maxLength: 8 }), (names) => {
        const bytes = renderCsv(data(names), fields);
        const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
        expect(text.startsWith('\uFEFF')).toBe(true);
        const parsed = Papa.parse<string[]>(text.slice(1), { delimiter: ',', newline: '\r\n', skipEmptyLines: false });
        expect(parsed.errors).toEqual([]);
        const [header, ...rows] = parsed.data;
        expect(header).toEqual(['Given names', 'Family name', 'Organisation', "'=Day 1 (2023-09-12)"]);
        expect(rows.slice(0, names.length)).toEqual(names.map((row) => [...row.map(neutralise), '']));
        for (const row of rows) for (const cell of row) expect(dangerous.test(cell)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('XLSX: every text cell reads back as its neutralised text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(cellText, cellText, cellText), { minLength: 1, maxLength: 6 }),
        async (names) => {
          const bytes = await renderXlsx(data(names), fields, () => undefined);
          const wb = new ExcelJS.Workbook();
          await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
          for (const sheet of wb.worksheets) {
            sheet.eachRow((row) =>
              row.eachCell((cell) => {
                if (typeof cell.value === 'string') expect(dangerous.test(cell.value)).toBe(false);
                // Nothing became a formula.
                expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
              }),
            );
          }
          const participants = wb.getWorksheet('Participants')!;
          names.forEach((row, i) => {
            const values = (participants.getRow(i + 2).values as unknown[]).slice(1, 4).map((v) => (v ?? '') as string);
            // XML stores a carriage return as a line feed (XML 1.0, end-of-line handling): same text to a person.
            expect(values).toEqual(row.map((text) => neutralise(text).replace(/\r\n?/g, '\n')));
          });
        },
      ),
      { numRuns: 40 },
    );
  }, 60_000);
});
