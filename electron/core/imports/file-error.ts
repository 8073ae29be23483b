import { MusterError, validationMessages } from '../api/errors';

/** The English text for a key (errors.ts), the key itself if it has none. */
export function messageFor(key: string): string {
  return validationMessages[key] ?? key;
}

/**
 * A refusal an import or export raises itself: invalid_input with a stable key on the field concerned, like the
 * schemas' refinements (screens translate the key, the command line prints the message). `detail` adds where it
 * went wrong, such as the row.
 */
export function refusal(key: string, path: (string | number)[], detail?: string): MusterError {
  const message = detail ? `${messageFor(key)} ${detail}` : messageFor(key);
  return new MusterError('invalid_input', message, [{ path, key, message }]);
}

/** A file refused as a whole: nothing in it was read into the roster. */
export function fileError(key: string, detail?: string): MusterError {
  return refusal(key, ['file'], detail);
}
