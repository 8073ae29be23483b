import Papa from 'papaparse';
import type { ExportData } from './data';
import { rosterTable } from './columns';
import { neutraliseCsv } from './neutralise';
import type { ExportField } from './schema';

/**
 * The attendance list as CSV: RFC 4180 (CRLF), UTF-8 with a byte-order mark so Excel reads accents and other scripts
 * correctly, every cell made inert for spreadsheets (neutralise.ts), also where a spreadsheet using another list
 * separator would split it. Every field is quoted, as OWASP advises, so such a spreadsheet mostly keeps it whole.
 */
export function renderCsv(data: ExportData, fields: readonly ExportField[]): Uint8Array {
  const { header, rows } = rosterTable(data, fields);
  const text = Papa.unparse(
    { fields: header.map(neutraliseCsv), data: rows.map((row) => row.map(neutraliseCsv)) },
    { newline: '\r\n', quotes: true, escapeFormulae: false, header: true },
  );
  return new TextEncoder().encode(`\uFEFF${text}\r\n`);
}
