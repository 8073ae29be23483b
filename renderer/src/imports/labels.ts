import { useTranslation } from 'react-i18next';
import { validationMessages } from '../../../electron/core/api/errors';
import type { ImportField } from '../../../electron/core/imports/fields';
import { validationMessage } from '../i18n/zod-messages';

/**
 * The core's text for a row's problem is its English sentence for the key, sometimes followed by what the file said
 * ("… (“Atlantide”)") or where ("(Row 3.)"). The key is translated; that tail is the file's own words and is kept.
 */
function detailAfter(key: string, message: string): string {
  const english = validationMessages[key];
  return english !== undefined && message.startsWith(english) ? message.slice(english.length) : '';
}

/** A row's error or warning in the interface language, with the file's own words that came with it. */
export function issueText(issue: { key: string; message: string }): string {
  const text = validationMessage(issue.key);
  return text === undefined ? issue.message : `${text}${detailAfter(issue.key, issue.message)}`;
}

/** The words for a Muster field a column can fill (import) or a file can carry (export). */
export function useFieldLabel() {
  const { t } = useTranslation();
  return (field: ImportField) => t(`fields.${field}`);
}

/** A row's problem as the preview and the report say it: which field, then what is wrong, in the interface language. */
export function useIssueText() {
  const { t } = useTranslation();
  const fieldLabel = useFieldLabel();
  return (issue: { field: ImportField | null; key: string; message: string }) =>
    issue.field
      ? t('imports.rows.issue', { field: fieldLabel(issue.field), text: issueText(issue) })
      : issueText(issue);
}

/** Row numbers as ranges: 2, 3, 4, 5, 9 → "2–5, 9", so a report of 800 added rows stays one line. */
export function rowRanges(rows: readonly number[], format: (n: number) => string = String, separator = ', '): string {
  const sorted = [...rows].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    const start = sorted[i] ?? 0;
    let end = start;
    while (sorted[i + 1] === end + 1) {
      end++;
      i++;
    }
    parts.push(start === end ? format(start) : `${format(start)}–${format(end)}`);
    i++;
  }
  return parts.join(separator);
}
