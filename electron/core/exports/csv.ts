import Papa from 'papaparse';
import type { ExportData } from './data';
import { rosterTable } from './columns';
import { neutralise } from './neutralise';
import type { ExportField } from './schema';

/**
 * The attendance list as CSV: RFC 4180 (CRLF, quotes where needed), UTF-8 with a byte-order mark so Excel reads
 * accents and other scripts correctly, every cell made inert for spreadsheets (neutralise.ts).
 */
export function renderCsv(data: ExportData, fields: readonly ExportField[]): Uint8Array {
  const { header, rows } = rosterTable(data, fields);
  const text = Papa.unparse(
    { fields: header.map(neutralise), data: rows.map((row) => row.map(neutralise)) },
    { newline: '\r\n', quotes: false, escapeFormulae: false, header: true },
  );
  return new TextEncoder().encode(`\uFEFF${text}\r\n`);
}
