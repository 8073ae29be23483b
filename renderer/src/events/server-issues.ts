import type { FieldPath, FieldValues, UseFormSetError } from 'react-hook-form';
import { ApiCallError } from '../api/client';
import { validationMessage } from '../i18n/zod-messages';

/**
 * Puts the server's issues next to the fields they concern. Paths arrive as the contract saw them: an update's
 * fields sit under `changes`, which the form does not have. Issues with a key are translated; others keep the
 * server's text. Returns true when every issue found its field, so the caller need not show a general error too.
 */
export function showServerIssues<T extends FieldValues>(
  error: unknown,
  fields: readonly FieldPath<T>[],
  setError: UseFormSetError<T>,
): boolean {
  if (!(error instanceof ApiCallError) || error.issues.length === 0) return false;
  let placed = 0;
  for (const issue of error.issues) {
    const path = issue.path[0] === 'changes' ? issue.path.slice(1) : issue.path;
    const field = fields.find((f) => f === path[0]);
    if (!field) continue;
    setError(field, { type: 'server', message: validationMessage(issue.key) ?? issue.message });
    placed++;
  }
  return placed === error.issues.length;
}
