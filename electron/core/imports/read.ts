import type { Progress } from '../jobs/worker-host';
import { readCsv } from './csv';
import { fileError } from './file-error';
import type { ImportField } from './fields';
import { autoMapping, findHeaderRow, headerKey, layoutKey } from './headers';
import { importLimits } from './limits';
import type { ImportMapping } from './mapping';
import { prepareRow, type PreparedRow } from './rows';
import { sendRead, type SentRead } from './row-transfer';
import { markFileDuplicates } from './duplicates';
import { sniff } from './sniff';
import { isBlank, type Table } from './table';

export interface ReadInput {
  bytes: Uint8Array;
  eventId: string;
  eventCountry: string;
  sheet?: string | undefined;
  /** The row with the column names (0: none, every row is a person); absent to find it. */
  headerRow?: number | undefined;
  /** The mapping the person chose; absent to use a remembered one for this layout, or the automatic one. */
  mapping?: ImportMapping | undefined;
  /** Mappings remembered for the event, by layout (mapping.ts, layoutKey). */
  remembered: Record<string, ImportMapping>;
}

export interface Column {
  index: number;
  header: string;
  field: ImportField | null;
  samples: string[];
}

export interface ReadResult extends Omit<Table, 'rows'> {
  headerRow: number;
  headers: string[];
  layout: string;
  columns: Column[];
  mapping: ImportMapping;
  mappingSource: 'auto' | 'remembered' | 'given';
  rows: PreparedRow[];
}

const progressEvery = 2000;

/**
 * The worker's part of an import: bytes to checked rows. Detects the format, reads the table (csv.ts, xlsx.ts),
 * finds the header row, picks the mapping, normalises and checks every row and marks repeats within the file.
 * Checks against the roster need the database and run on the main thread afterwards (handlers.ts).
 */
export async function readImport(input: ReadInput, progress: (p: Progress) => void): Promise<ReadResult> {
  progress({ phase: 'reading', done: 0, total: input.bytes.length });
  const table =
    sniff(input.bytes) === 'xlsx'
      ? // exceljs takes longer to load than a CSV of thousands of rows takes to read: only for workbooks.
        await (await import('./xlsx')).readXlsx(input.bytes, input.sheet)
      : readCsv(input.bytes);
  progress({ phase: 'reading', done: input.bytes.length, total: input.bytes.length });
  // Said apart from "a header but no rows": here there is not even a header to show.
  if (table.rows.every((row) => isBlank(row.cells))) {
    throw table.format === 'xlsx' ? fileError('sheetEmpty', `(“${table.sheet ?? ''}”)`) : fileError('fileBlank');
  }

  const wanted = input.headerRow;
  // Row 0: the person said the file has no header row, so its first row is someone to import, not column names.
  const headerIndex =
    wanted === undefined
      ? findHeaderRow(table.rows)
      : wanted === 0
        ? -1
        : table.rows.findIndex((row) => row.number >= wanted);
  const header = wanted === 0 ? { number: 0, cells: [] } : table.rows[headerIndex];
  if (!header) throw fileError(input.headerRow === undefined ? 'noData' : 'headerRowOutside');
  const data = table.rows.slice(headerIndex + 1).filter((row) => !isBlank(row.cells));
  if (data.length === 0) throw fileError('noData');
  if (data.length > importLimits.rows) throw fileError('tooManyRows');

  let width = header.cells.length;
  for (const row of data) width = Math.max(width, row.cells.length);
  const headers = distinct(Array.from({ length: width }, (_, i) => header.cells[i]?.trim() || `Column ${i + 1}`));
  const layout = layoutKey(headers);
  let mapping: ImportMapping;
  let mappingSource: ReadResult['mappingSource'];
  if (input.mapping) {
    if (input.mapping.columns.length !== width) {
      throw fileError('mappingColumns', `(The file has ${width}, the mapping ${input.mapping.columns.length}.)`);
    }
    mapping = input.mapping;
    mappingSource = 'given';
  } else if (input.remembered[layout]) {
    mapping = input.remembered[layout];
    mappingSource = 'remembered';
  } else {
    mapping = { columns: autoMapping(headers), defaults: {} };
    mappingSource = 'auto';
  }

  const context = { eventId: input.eventId, eventCountry: input.eventCountry, headers };
  const rows: PreparedRow[] = [];
  for (const [i, row] of data.entries()) {
    rows.push(prepareRow(row.number, row.cells, mapping, context, row));
    if ((i + 1) % progressEvery === 0) progress({ phase: 'normalising', done: i + 1, total: data.length });
  }
  progress({ phase: 'normalising', done: data.length, total: data.length });
  markFileDuplicates(rows);

  const columns = headers.map((headerText, index) => ({
    index,
    header: headerText,
    field: mapping.columns[index] ?? null,
    samples: samples(data, index),
  }));
  return {
    format: table.format,
    encoding: table.encoding,
    delimiter: table.delimiter,
    sheets: table.sheets,
    sheet: table.sheet,
    headerRow: header.number,
    headers,
    layout,
    columns,
    mapping,
    mappingSource,
    rows,
  };
}

/** The worker's import.read: the file read and checked, with its rows as they cross to the main thread. */
export async function readToSend(input: ReadInput, progress: (p: Progress) => void): Promise<SentRead> {
  return sendRead(await readImport(input, progress));
}

function samples(rows: readonly { cells: string[] }[], index: number): string[] {
  const found: string[] = [];
  for (const row of rows) {
    const value = row.cells[index]?.trim();
    if (value) found.push(value.length > 80 ? `${value.slice(0, 80)}…` : value);
    if (found.length === 3) break;
  }
  return found;
}

/**
 * Column names told apart: a header merged over two columns reads as "Name", "Name", and a person choosing a field
 * for each (on screen, or in a mapping file keyed by header) must be able to say which. Later ones get " (2)", " (3)".
 */
function distinct(headers: readonly string[]): string[] {
  const seen = new Set<string>();
  return headers.map((text) => {
    let name = text;
    for (let n = 2; seen.has(headerKey(name)); n++) name = `${text} (${n})`;
    seen.add(headerKey(name));
    return name;
  });
}
