/**
 * Cells a spreadsheet would run as a formula (OWASP, "CSV injection"): those starting with = + - @, a tab or a
 * carriage return, or a NUL (OWASP ASVS 1.2.10: a reader that drops it, as exceljs does, leaves the `=` behind it
 * first). A leading apostrophe makes them text in Excel, LibreOffice and Google Sheets alike. Applied to every text
 * cell of CSV and XLSX exports: a participant's name or organisation is data typed by someone else.
 */
const formulaStart = /^'*[=+\-@\t\r\0]/;

/**
 * A value that already starts with apostrophes before such a character ("'=x", as someone typed it) gets one more,
 * like any other: a spreadsheet then shows the typed apostrophe instead of hiding it, and `withoutGuard` can always
 * tell the guard from what was typed.
 */
export function neutralise(value: string): string {
  return formulaStart.test(value) ? `'${value}` : value;
}

const guardedStart = /^'(?='*[=+\-@\t\r\0])/;

/** A cell as it was before `neutralise`: for an import reading a file Muster or a spreadsheet guarded this way. */
export function withoutGuard(value: string): string {
  return value.replace(guardedStart, '');
}

/**
 * A spreadsheet opens a CSV with the desktop's list separator (`;` in French, Spanish or Russian settings, a tab
 * when pasted), and when its own quoting rules and ours disagree it splits a field: "Ministry;=HYPERLINK(…)" then
 * starts a cell with `=` past the guard at the field's start. OWASP asks for the separators to be taken care of, so
 * a formula character right after any separator (or line break) gets the same apostrophe.
 */
const formulaAfterSeparator = /([,;\t|\r\n])(?=[=+\-@])/g;

export function neutraliseCsv(value: string): string {
  return neutralise(value).replace(formulaAfterSeparator, "$1'");
}

/**
 * A workbook's text cell is stored as text, so the guard is only for the moment someone edits it; but the apostrophe
 * is then part of what everyone sees, sorts and copies. A sign and digits alone (a phone in E.164, "+254712345678")
 * could at most become a number on such an edit, never call anything, so a workbook keeps it as typed.
 */
const signedDigits = /^[+-]\d+$/;
// Control characters other than tab and line breaks, which XML 1.0 cannot hold and exceljs drops on writing: the
// guard must see the text as it will be stored, or "\v=1+2" would be written unguarded as "=1+2".
const notInXml = /(?![\t\n\r])[\p{Cc}\ufffe\uffff]/gu;

export function neutraliseWorkbookText(value: string): string {
  const stored = value.replace(notInXml, '');
  return signedDigits.test(stored) ? stored : neutralise(stored);
}
