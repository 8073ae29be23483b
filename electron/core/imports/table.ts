/** One row of a file as text cells, with the number a person sees for it (the spreadsheet row, the CSV record). */
export interface TableRow {
  number: number;
  cells: string[];
  /** Hidden in the spreadsheet: organisers hide the rows of declined nominees rather than delete them. */
  hidden?: boolean;
  /** Cells read as empty that were not empty in the file, so the preview can say why a value is missing. */
  unread?: UnreadCell[];
}

/**
 * A cell whose value a spreadsheet would show but the file does not hold: a formula written by a script and never
 * calculated (no saved result), or an error value such as #N/A or #REF!.
 */
export interface UnreadCell {
  /** 0-based, as `cells`. */
  column: number;
  reason: 'formulaNoValue' | 'errorValue';
  /** The error as the spreadsheet shows it (#N/A), for an error value. */
  shown?: string;
}

/** What a reader makes of a file: its rows as text, and how it was read, for the preview to show. */
export interface Table {
  format: 'csv' | 'xlsx';
  rows: TableRow[];
  encoding: Encoding | null;
  delimiter: Delimiter | null;
  sheets: { name: string; rows: number }[];
  sheet: string | null;
}

export const encodings = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252', 'windows-1251'] as const;
export type Encoding = (typeof encodings)[number];

export const delimiters = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof delimiters)[number];

export function isBlank(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}
