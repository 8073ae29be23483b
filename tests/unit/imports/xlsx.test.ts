import { describe, expect, it } from 'vitest';
import { MusterError } from '../../../electron/core/api/errors';
import { readXlsx } from '../../../electron/core/imports/xlsx';
import { checkZip } from '../../../electron/core/imports/zip-guard';
import { macroEnabled, workbook, zip } from './files';

async function refusal(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof MusterError) return error.issues?.[0]?.key;
    throw error;
  }
  throw new Error('expected a refusal');
}

const nominations = () =>
  workbook((wb) => {
    wb.addWorksheet('Instructions').addRow(['Fill in the second sheet.']);
    const hidden = wb.addWorksheet('Lists');
    hidden.state = 'hidden';
    hidden.addRow(['Female', 'Male']);
    const ws = wb.addWorksheet('Nominations');
    ws.addRow(['Regional workshop, Nairobi: nominations']);
    ws.addRow([]);
    ws.addRow(['Nom', 'Prénom', 'Téléphone', 'Passport no.', 'Date of birth', 'E-mail']);
    ws.addRow([
      'Otieno',
      'Amina',
      254712345678,
      12345678,
      new Date(Date.UTC(1985, 4, 17)),
      {
        text: 'amina@police.go.ke',
        hyperlink: 'mailto:amina@police.go.ke',
      },
    ]);
    const row = ws.addRow(['Kamau', { richText: [{ text: 'Pe' }, { font: { bold: true }, text: 'ter' }] }, 712345678]);
    // A phone stored as a number keeps its leading zero only through the cell's format.
    row.getCell(3).numFmt = '0000000000';
    ws.addRow(['Wanjiru', 'Faith', { formula: '"+254"&"722000111"', result: '+254722000111' }]);
  });

describe('reading XLSX workbooks', () => {
  it('lists the sheets and reads the first visible one with data', async () => {
    const table = await readXlsx(await nominations(), undefined);
    expect(table.sheets.map((s) => s.name)).toEqual(['Instructions', 'Lists', 'Nominations']);
    expect(table.sheet).toBe('Instructions');
  });

  it('reads the chosen sheet, with numbers, dates, links, rich text and formulas as the text a person sees', async () => {
    const table = await readXlsx(await nominations(), 'Nominations');
    expect(table.format).toBe('xlsx');
    expect(table.rows.map((r) => r.number)).toEqual([1, 3, 4, 5, 6]);
    expect(table.rows[2]!.cells).toEqual([
      'Otieno',
      'Amina',
      '254712345678',
      '12345678',
      '1985-05-17',
      'amina@police.go.ke',
    ]);
    expect(table.rows[3]!.cells).toEqual(['Kamau', 'Peter', '0712345678']);
    expect(table.rows[4]!.cells).toEqual(['Wanjiru', 'Faith', '+254722000111']);
  });

  it('marks rows hidden in the sheet, and cells that read as empty but hold an uncalculated formula or an error', async () => {
    const file = await workbook((wb) => {
      const ws = wb.addWorksheet('List');
      ws.addRow(['Name', 'Organisation', 'Country']);
      ws.addRow(['Amina Otieno', { formula: 'UPPER("nps")', result: 'NPS' }, 'KE']);
      ws.addRow(['Declined Nominee', 'NIS', 'KE']).hidden = true;
      ws.addRow([
        { formula: 'CONCAT(D4," ",E4)' },
        { error: '#N/A' },
        { formula: 'VLOOKUP(1,X:Y,2)', result: { error: '#REF!' } },
      ]);
    });
    const rows = (await readXlsx(file, undefined)).rows;
    // A formula with a saved value reads as that value, and is nothing to warn about.
    expect(rows[1]).toEqual({ number: 2, cells: ['Amina Otieno', 'NPS', 'KE'] });
    expect(rows[2]).toEqual({ number: 3, cells: ['Declined Nominee', 'NIS', 'KE'], hidden: true });
    expect(rows[3]).toEqual({
      number: 4,
      cells: ['', '', ''],
      unread: [
        { column: 0, reason: 'formulaNoValue' },
        { column: 1, reason: 'errorValue', shown: '#N/A' },
        { column: 2, reason: 'errorValue', shown: '#REF!' },
      ],
    });
  });

  it('does not offer a hidden sheet first, even when it comes first and has data', async () => {
    const file = await workbook((wb) => {
      const old = wb.addWorksheet('Old list');
      old.state = 'hidden';
      old.addRows([['Name'], ['Someone Old']]);
      wb.addWorksheet('Current').addRows([['Name'], ['Amina Otieno']]);
    });
    const table = await readXlsx(file, undefined);
    expect(table.sheet).toBe('Current');
    // Still listed and choosable: a hidden sheet is sometimes the one meant.
    expect((await readXlsx(file, 'Old list')).rows[1]!.cells).toEqual(['Someone Old']);
  });

  it('reads a macro-enabled workbook (.xlsm) without running anything, and dates of the 1904 date system', async () => {
    const file = await workbook((wb) => {
      // Excel for Mac saved workbooks counting days from 1904: the same cell number is four years later there.
      wb.properties.date1904 = true;
      wb.addWorksheet('List').addRows([
        ['Name', 'Arrival', 'E-mail'],
        [
          'Amina Otieno',
          new Date(Date.UTC(2023, 8, 11)),
          { text: { richText: [{ text: 'amina@' }, { text: 'police.go.ke', font: { bold: true } }] }, hyperlink: 'x' },
        ],
      ]);
    });
    const xlsm = macroEnabled(file);
    expect(checkZip(xlsm).map((e) => e.name)).toContain('xl/vbaProject.bin');
    const table = await readXlsx(xlsm, undefined);
    expect(table.rows[1]!.cells).toEqual(['Amina Otieno', '2023-09-11', 'amina@police.go.ke']);
  });

  it('refuses a sheet that is not there', async () => {
    expect(await refusal(readXlsx(await nominations(), 'Sheet9'))).toBe('unknownSheet');
  });

  describe('hostile and broken workbooks', () => {
    const contentTypes = { name: '[Content_Types].xml', data: Buffer.from('<Types/>') };
    const book = { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') };

    it('refuses a zip bomb that declares its real size, before inflating anything', async () => {
      const bomb = zip([
        contentTypes,
        book,
        { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(300 * 1024 * 1024) },
      ]);
      expect(bomb.length).toBeLessThan(1024 * 1024);
      expect(await refusal(readXlsx(bomb, undefined))).toBe('zipBomb');
    });

    it('refuses a zip bomb that lies about its size, stopping the inflate at the size it declared', async () => {
      const liar = zip([
        contentTypes,
        book,
        { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(64 * 1024 * 1024), declaredSize: 1000 },
      ]);
      expect(await refusal(readXlsx(liar, undefined))).toBe('zipBomb');
    });

    it('refuses a zip with thousands of parts', async () => {
      const parts = Array.from({ length: 10_001 }, (_, i) => ({ name: `x/${i}`, data: Buffer.from('x') }));
      expect(await refusal(readXlsx(zip([contentTypes, book, ...parts]), undefined))).toBe('zipBomb');
    });

    it('refuses a truncated workbook', async () => {
      const bytes = await nominations();
      expect(await refusal(readXlsx(bytes.subarray(0, Math.floor(bytes.length * 0.7)), undefined))).toBe(
        'damagedWorkbook',
      );
    });

    it('refuses a zip that is not a workbook', async () => {
      expect(await refusal(readXlsx(zip([{ name: 'word/document.xml', data: Buffer.from('<w/>') }]), undefined))).toBe(
        'notATable',
      );
    });

    it('refuses an OpenDocument spreadsheet (LibreOffice’s .ods) saying what to save it as', async () => {
      const ods = zip([
        { name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.spreadsheet') },
        { name: 'content.xml', data: Buffer.from('<office:document-content/>') },
        { name: 'META-INF/manifest.xml', data: Buffer.from('<manifest:manifest/>') },
      ]);
      expect(await refusal(readXlsx(ods, undefined))).toBe('openDocument');
    });

    it('refuses a sheet wider than an import takes', async () => {
      const wide = await workbook((wb) =>
        wb.addWorksheet('Wide').addRow(Array.from({ length: 300 }, (_, i) => `c${i}`)),
      );
      expect(await refusal(readXlsx(wide, undefined))).toBe('tooManyColumns');
    });
  });
});
