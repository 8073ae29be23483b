import Papa from 'papaparse';
import { decode } from './decode';
import { fileError } from './file-error';
import { fieldForHeader } from './headers';
import { importLimits } from './limits';
import { delimiters, type Delimiter, type Table } from './table';

/** Reads a CSV file's bytes: encoding and delimiter detected, RFC 4180 quoting (newlines inside quotes included). */
export function readCsv(bytes: Uint8Array): Table {
  const { text: whole, encoding } = decode(bytes);
  // "sep=;" on the first line names the delimiter for Excel, which then hides that line: it is not a row, and the
  // rows are numbered as Excel shows them.
  const hint = /^sep=([,;\t|])\r?\n/.exec(whole);
  const decoded = hint ? whole.slice(hint[0].length) : whole;
  const delimiter = (hint?.[1] as Delimiter | undefined) ?? guessDelimiter(decoded);
  const { records, crEnds } = measure(decoded, delimiter);
  if (records > importLimits.rows + importLimits.headerSearchRows) throw fileError('tooManyRows');
  // Files pasted together from several sources mix CRLF and LF between records, and papaparse splits on the first
  // style it sees only: every record ends in LF for it, while line breaks inside quoted values stay as written.
  const text = crEnds.length ? endRecordsWithLf(decoded, crEnds) : decoded;
  // Bounded now: papaparse builds at most `records` rows of at most `columns` cells of at most `cellChars` each.
  const parsed = Papa.parse<string[]>(text, {
    delimiter,
    newline: '\n',
    quoteChar: '"',
    skipEmptyLines: false,
    dynamicTyping: false,
  });
  const missing = parsed.errors.find((e) => e.code === 'MissingQuotes');
  if (missing) throw fileError('unclosedQuote', missing.row === undefined ? undefined : `(Row ${missing.row + 1}.)`);
  const rows = parsed.data.map((cells, i) => ({ number: i + 1, cells }));
  // A final line break leaves one empty record behind it: not a row anyone wrote.
  if (rows.at(-1)?.cells.every((c) => c === '')) rows.pop();
  return { format: 'csv', rows, encoding, delimiter, sheets: [], sheet: null };
}

/**
 * The delimiter that splits the first records into the same number of fields most consistently (and into more
 * than one). Semicolons are what Excel writes where the decimal separator is a comma (France, Spain, Russia).
 * A reading whose header disagrees with its rows loses to one that does not split at all: a first line naming one
 * column ("Full name") over rows with one comma each ("Okafor, Chinwe") is a list of names written family name
 * first, not two columns, unless a line further down names several columns with that delimiter (then the first
 * line was a title such as "Organisation: National Police Service" above the real header).
 */
export function guessDelimiter(text: string): Delimiter {
  const sample = text.slice(0, 65_536);
  const lines = sample.split(/\r\n|\r|\n/, importLimits.headerSearchRows);
  const namesOneColumn = fieldForHeader(lines[0] ?? '') !== null;
  let best: { delimiter: Delimiter; score: number } = { delimiter: ',', score: -Infinity };
  for (const delimiter of delimiters) {
    const counts = fieldCounts(sample, delimiter, 50);
    const frequency = new Map<number, number>();
    for (const n of counts) if (n > 1) frequency.set(n, (frequency.get(n) ?? 0) + 1);
    const [fields, records] = [...frequency].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0] ?? [1, 0];
    const headerDisagrees =
      namesOneColumn && counts[0] === 1 && fields > 1 && !lines.some((line) => namesColumns(line, delimiter));
    const score = (headerDisagrees ? -1 : 1) * (records * 1000 + fields);
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

/** A line that, split by the delimiter, names two known columns or more: a header. */
function namesColumns(line: string, delimiter: Delimiter): boolean {
  return line.split(delimiter).filter((cell) => fieldForHeader(cell) !== null).length >= 2;
}

/** Fields per record of the first `limit` records, quotes respected (the last one may be cut off: it is dropped). */
function fieldCounts(text: string, delimiter: string, limit: number): number[] {
  const counts: number[] = [];
  walk(text, delimiter, (fields) => {
    counts.push(fields);
    return counts.length < limit;
  });
  if (counts.length > 1) counts.pop();
  return counts;
}

/**
 * Walks the whole text once before papaparse builds anything, refusing a record with too many fields, a cell that
 * is too long or too many records, so a hostile file (a million columns, a gigabyte in one cell) costs a scan, not
 * the memory to hold it. Returns the number of records.
 */
function measure(text: string, delimiter: string): { records: number; crEnds: number[] } {
  let records = 0;
  const crEnds: number[] = [];
  walk(
    text,
    delimiter,
    (fields) => {
      records++;
      if (fields > importLimits.columns) throw fileError('tooManyColumns', `(Row ${records} has ${fields}.)`);
      return records <= importLimits.rows + importLimits.headerSearchRows + 1;
    },
    (cellChars) => {
      if (cellChars > importLimits.cellChars) throw fileError('cellTooLong', `(Row ${records + 1}.)`);
    },
    (at) => crEnds.push(at),
  );
  return { records, crEnds };
}

/** The text with each record-ending CR or CRLF (at the positions given) made LF. */
function endRecordsWithLf(text: string, crEnds: readonly number[]): string {
  const parts: string[] = [];
  let from = 0;
  for (const at of crEnds) {
    parts.push(text.slice(from, at), '\n');
    from = text.charCodeAt(at + 1) === lf ? at + 2 : at + 1;
  }
  parts.push(text.slice(from));
  return parts.join('');
}

const quote = 34;
const cr = 13;
const lf = 10;

/**
 * RFC 4180 as papaparse reads it: a field that starts with a quote runs to the closing quote ("" inside is a quote);
 * records end at CR, LF or CRLF outside quotes. Calls `record` with each record's field count (stop by returning
 * false), `cell` with a field's length when it is already longer than any allowed cell, and `crEnd` with the
 * position of each record end that starts with CR.
 */
function walk(
  text: string,
  delimiter: string,
  record: (fields: number) => boolean,
  cell?: (chars: number) => void,
  crEnd?: (at: number) => void,
): void {
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  let fields = 1;
  let start = 0;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    if (c === quote && i === start) {
      // A quoted field: skip to its closing quote.
      i++;
      for (;;) {
        const next = text.indexOf('"', i);
        if (next === -1) {
          i = n;
          break;
        }
        if (text.charCodeAt(next + 1) === quote) {
          i = next + 2;
          continue;
        }
        i = next + 1;
        break;
      }
      if (cell && i - start > importLimits.cellChars) cell(i - start);
      if (i >= n) break;
      c = text.charCodeAt(i);
    }
    if (c === d) {
      fields++;
      if (cell && i - start > importLimits.cellChars) cell(i - start);
      start = ++i;
    } else if (c === lf || c === cr) {
      if (cell && i - start > importLimits.cellChars) cell(i - start);
      if (!record(fields)) return;
      if (c === cr) crEnd?.(i);
      i += c === cr && text.charCodeAt(i + 1) === lf ? 2 : 1;
      fields = 1;
      start = i;
    } else {
      i++;
      // Long unquoted runs: check every so often rather than per character.
      if (cell && (i & 0xfff) === 0 && i - start > importLimits.cellChars) cell(i - start);
    }
  }
  if (start < n || fields > 1) {
    if (cell && n - start > importLimits.cellChars) cell(n - start);
    record(fields);
  }
}
