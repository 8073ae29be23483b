import ExcelJS from 'exceljs';
import { fileError } from './file-error';
import { importLimits } from './limits';
import type { Table, TableRow, UnreadCell } from './table';
import { checkZip } from './zip-guard';

/**
 * Reads an XLSX workbook's chosen sheet (by default the first visible one with data) as text cells. Only checked
 * zips reach exceljs (zip-guard.ts). Formulas give their cached result and are never evaluated.
 */
export async function readXlsx(bytes: Uint8Array, wanted: string | undefined): Promise<Table> {
  checkZip(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    throw fileError('damagedWorkbook');
  }
  const sheets = workbook.worksheets.filter((s) => s.state !== 'veryHidden');
  const sheet =
    wanted === undefined
      ? (sheets.find((s) => s.state === 'visible' && s.actualRowCount > 0) ?? sheets[0])
      : // "Район" typed or pasted in decomposed form (и + breve) is the same name to the person who sees it.
        sheets.find((s) => s.name.normalize('NFC') === wanted.normalize('NFC'));
  if (!sheet) throw wanted === undefined ? fileError('noData') : fileError('unknownSheet', `(“${wanted}”)`);
  if (sheet.actualRowCount > importLimits.rows + importLimits.headerSearchRows) throw fileError('tooManyRows');
  const width = Math.min(sheet.columnCount, importLimits.columns + 1);
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: string[] = [];
    const unread: UnreadCell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      if (column > importLimits.columns) throw fileError('tooManyColumns', `(Row ${number}.)`);
      const text = cellText(cell.value, cell.numFmt);
      if (text.length > importLimits.cellChars) throw fileError('cellTooLong', `(Cell ${cell.address}.)`);
      cells[column - 1] = text;
      const lost = text === '' ? unreadReason(cell.value) : null;
      if (lost) unread.push({ column: column - 1, ...lost });
    });
    rows.push({
      number,
      cells: Array.from({ length: Math.min(width, cells.length) }, (_, i) => cells[i] ?? ''),
      ...(row.hidden ? { hidden: true } : {}),
      ...(unread.length ? { unread } : {}),
    });
  });
  return {
    format: 'xlsx',
    rows,
    encoding: null,
    delimiter: null,
    sheets: sheets.map((s) => ({ name: s.name, rows: s.actualRowCount })),
    sheet: sheet.name,
  };
}

/**
 * A cell as the text a person sees in it. Numbers are written in full (a phone or an id stored as a number keeps
 * every digit, and the leading zeros a "0000000000" format shows); dates become ISO dates.
 */
export function cellText(value: ExcelJS.CellValue, numFmt?: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value, numFmt);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value)
    return typeof value.text === 'string' ? value.text : cellText(value.text as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value) {
    return cellText((value as { result?: ExcelJS.CellValue }).result ?? null, numFmt);
  }
  // Error values (#N/A, #REF!) and anything unknown: nothing a person meant to import.
  return '';
}

/**
 * Why a cell that is not empty in the file reads as empty: a formula with no saved result (written by a script and
 * never opened in Excel, which is what would calculate and save it), or an error value, on its own or as a formula's
 * result. Null for a cell that is simply empty.
 */
export function unreadReason(value: ExcelJS.CellValue): Omit<UnreadCell, 'column'> | null {
  if (value === null || typeof value !== 'object' || value instanceof Date) return null;
  if ('error' in value) return { reason: 'errorValue', shown: String(value.error) };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: ExcelJS.CellValue }).result;
    return result === undefined || result === null ? { reason: 'formulaNoValue' } : unreadReason(result);
  }
  return null;
}

function numberText(n: number, numFmt: string | undefined): string {
  if (!Number.isFinite(n)) return '';
  const text = Number.isInteger(n)
    ? BigInt(n).toString()
    : n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 15 });
  // A format of only zeros ("0000000000") pads the number: that is how a spreadsheet keeps a phone's leading 0.
  const zeros = numFmt && /^0+$/.test(numFmt) ? numFmt.length : 0;
  return text.length < zeros ? text.padStart(zeros, '0') : text;
}

function dateText(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 16).replace('T', ' ');
}
