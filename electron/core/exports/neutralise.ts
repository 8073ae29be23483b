/**
 * Cells a spreadsheet would run as a formula (OWASP, "CSV injection"): those starting with = + - @, a tab or a
 * carriage return. A leading apostrophe makes them text in Excel, LibreOffice and Google Sheets alike. Applied to
 * every text cell of CSV and XLSX exports: a participant's name or organisation is data typed by someone else.
 */
const formulaStart = /^[=+\-@\t\r]/;

export function neutralise(value: string): string {
  return formulaStart.test(value) ? `'${value}` : value;
}
