// The real readers the exports are checked with: LibreOffice for workbooks, poppler's pdftotext for PDFs.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { tempDir } from '../helpers';

/** Every sheet of a workbook as LibreOffice reads it, converted to CSV (values as displayed, UTF-8), by sheet name. */
export function sheetsViaLibreOffice(bytes: Uint8Array): Record<string, string[][]> {
  const out = convertWithLibreOffice(bytes, 'export.xlsx', [
    '--convert-to',
    // Comma, double quote, UTF-8, from line 1, …, values as shown (token 9), …, every sheet (token 12: -1).
    'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1',
  ]);
  const sheets: Record<string, string[][]> = {};
  for (const name of readdirSync(out)) {
    const sheet = name.replace(/^export-/, '').replace(/\.csv$/, '');
    sheets[sheet] = Papa.parse<string[]>(readFileSync(path.join(out, name), 'utf8'), { delimiter: ',' }).data.filter(
      (row) => row.some((cell) => cell !== ''),
    );
  }
  return sheets;
}

/**
 * A CSV file opened in LibreOffice the way a spreadsheet opens it on a desktop whose list separator is `separator`
 * (`;` in French, Spanish or Russian settings), formulas evaluated, saved as a workbook: every cell with its type,
 * so a test sees whether anything became a formula.
 */
export async function csvCellsViaLibreOffice(
  bytes: Uint8Array,
  separator: ',' | ';' | '\t',
): Promise<{ address: string; formula: boolean; text: string }[]> {
  const out = convertWithLibreOffice(bytes, 'export.csv', [
    // Separator, double quote, UTF-8, from line 1, …, and the last token: evaluate formulas (as Calc does by default).
    `--infilter=CSV:${separator.charCodeAt(0)},34,76,1,,0,false,true,false,false,false,false,true`,
    '--convert-to',
    'xlsx',
  ]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path.join(out, 'export.xlsx'));
  const cells: { address: string; formula: boolean; text: string }[] = [];
  workbook.worksheets[0]?.eachRow((row) =>
    row.eachCell((cell) =>
      cells.push(
        cell.type === ExcelJS.ValueType.Formula
          ? { address: cell.address, formula: true, text: `=${(cell.value as ExcelJS.CellFormulaValue).formula}` }
          : { address: cell.address, formula: false, text: cell.text },
      ),
    ),
  );
  return cells;
}

/**
 * Runs LibreOffice headless on `bytes` saved as `name`, with a private profile folder (so a LibreOffice the user has
 * open, or a parallel test, does not get in the way); answers the folder the converted file is in.
 */
function convertWithLibreOffice(bytes: Uint8Array, name: string, conversion: string[]): string {
  const dir = tempDir();
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  const out = path.join(dir, 'out');
  mkdirSync(out);
  execFileSync(
    'soffice',
    ['--headless', `-env:UserInstallation=file://${path.join(dir, 'profile')}`, ...conversion, '--outdir', out, file],
    { timeout: 120_000, stdio: 'pipe' },
  );
  return out;
}

/** A PDF's text as pdftotext reads it (reading order, not layout). */
export function pdfText(bytes: Uint8Array, options: string[] = []): string {
  const dir = tempDir();
  const file = path.join(dir, 'export.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', [...options, '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', timeout: 30_000 });
}

/** How many pages pdfinfo counts. */
export function pdfPages(bytes: Uint8Array): number {
  const dir = tempDir();
  const file = path.join(dir, 'export.pdf');
  writeFileSync(file, bytes);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
}

/** The images a PDF draws, as pdfimages lists them. */
export function pdfImages(bytes: Uint8Array): number {
  const dir = tempDir();
  const file = path.join(dir, 'export.pdf');
  writeFileSync(file, bytes);
  const list = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' });
  return list.trim().split('\n').length - 2;
}
