import ExcelJS from 'exceljs';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { renderCsv } from '../../../electron/core/exports/csv';
import type { ExportData, ExportPerson } from '../../../electron/core/exports/data';
import {
  neutralise,
  neutraliseCsv,
  neutraliseWorkbookText,
  withoutGuard,
} from '../../../electron/core/exports/neutralise';
import { renderXlsx } from '../../../electron/core/exports/xlsx';
import { csvCellsViaLibreOffice } from './readers';

const dangerous = /^[=+\-@\t\r\0]/;
/** Apostrophes someone typed before such a character: guarded too, so an import can tell them from the guard. */
const typedGuard = /^'+[=+\-@\t\r\0]/;
/** Where a spreadsheet splitting on another separator would start a cell. */
const dangerousAfterSeparator = /[,;\t|\r\n][=+\-@]/;

/** Text as hostile as a form field can hold: formulas, control characters, quotes, line breaks, any script. */
const cellText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '\0', '\v', '"', ',', ';', "'", 'a', 'é', 'Ж', ' '),
    maxLength: 12,
  }),
  fc.constantFrom(
    '=cmd|/c calc!A1',
    '+SUM(A1:A9)',
    '-2+3',
    '+254712345678',
    '-5',
    '@HYPERLINK("http://x")',
    '\t=1',
    '\r=1',
    "'=quoted",
  ),
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
    erased: [],
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
        expect(safe).toBe(dangerous.test(text) || typedGuard.test(text) ? `'${text}` : text);
      }),
      { numRuns: 2000 },
    );
  });

  it('an import takes off exactly the apostrophe the guard put on, and nothing a person typed', () => {
    fc.assert(
      fc.property(cellText, (value) => {
        expect(withoutGuard(neutralise(value))).toBe(value);
      }),
      { numRuns: 2000 },
    );
    expect(withoutGuard("'+254712345678")).toBe('+254712345678');
    expect(withoutGuard("O'Brien")).toBe("O'Brien");
    expect(withoutGuard("'Abd al-Rahman")).toBe("'Abd al-Rahman");
  });

  it('CSV: also guards a formula after a separator, and changes nothing else', () => {
    fc.assert(
      fc.property(cellText, (text) => {
        const safe = neutraliseCsv(text);
        expect(dangerous.test(safe) || dangerousAfterSeparator.test(safe)).toBe(false);
        // Only apostrophes are added, and only where needed.
        expect(safe.replace(/'/g, '')).toBe(text.replace(/'/g, ''));
        const guarded = dangerous.test(text) || typedGuard.test(text) || dangerousAfterSeparator.test(text);
        if (!guarded) expect(safe).toBe(text);
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
        expect(rows.slice(0, names.length)).toEqual(names.map((row) => [...row.map(neutraliseCsv), '']));
        for (const row of rows) {
          for (const cell of row) {
            expect(dangerous.test(cell)).toBe(false);
            expect(dangerousAfterSeparator.test(cell)).toBe(false);
          }
        }
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
                // A sign and digits alone (a phone) stay as typed: they cannot call anything.
                if (typeof cell.value === 'string' && !/^[+-]\d+$/.test(cell.value)) {
                  expect(dangerous.test(cell.value)).toBe(false);
                }
                // Nothing became a formula.
                expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
              }),
            );
          }
          const participants = wb.getWorksheet('Participants')!;
          names.forEach((row, i) => {
            const values = (participants.getRow(i + 2).values as unknown[]).slice(1, 4).map((v) => (v ?? '') as string);
            // XML stores a carriage return as a line feed (XML 1.0, end-of-line handling): same text to a person;
            // control characters XML cannot hold at all (NUL among them) are left out by exceljs.
            const asXml = (text: string) => text.replace(/(?![\t\n\r])\p{Cc}/gu, '').replace(/\r\n?/g, '\n');
            expect(values).toEqual(row.map((text) => asXml(neutraliseWorkbookText(text))));
          });
        },
      ),
      { numRuns: 40 },
    );
  }, 60_000);

  it('CSV: nothing becomes a formula in LibreOffice, whatever list separator the desktop uses (OWASP)', async () => {
    // A formula after a separator inside a field: a spreadsheet splitting on that separator starts a cell with it.
    const hostile: [string, string, string][] = [
      ['Ana;=1+2', 'Smith;+3+4', 'Ministry;@SUM(1;2)'],
      ['Jo,=5+6', 'Doe\t-7+8', 'Org;-9+1'],
    ];
    const bytes = renderCsv(data(hostile), fields);
    for (const separator of [';', ',', '\t'] as const) {
      const cells = await csvCellsViaLibreOffice(bytes, separator);
      expect(
        cells.filter((cell) => cell.formula).map((cell) => `${cell.address} ${cell.text}`),
        separator,
      ).toEqual([]);
      if (separator === ',') {
        // Opened with the separator it was written with, every value is there as text, guarded where it needed it.
        expect(cells.map((cell) => cell.text)).toEqual(expect.arrayContaining(hostile.flat().map(neutraliseCsv)));
        expect(cells.find((cell) => cell.text.startsWith('Ministry'))?.text).toBe("Ministry;'@SUM(1;2)");
      }
    }
  }, 60_000);
});
