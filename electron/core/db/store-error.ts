export type StoreErrorReason =
  | 'too_new'
  | 'corrupt'
  | 'not_a_database'
  | 'cannot_open'
  /** Encrypted, and this process was given no way to unlock it. */
  | 'locked'
  | 'wrong_passphrase';

/** Why a database could not be opened. The message is written for the person at the desk. */
export class StoreError extends Error {
  constructor(
    readonly reason: StoreErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export type StorageFailure = 'storage_full' | 'storage_failed';

/**
 * Whether an error thrown while writing means the disk refused the write: full (SQLite's SQLITE_FULL, or a file the
 * system would not let grow, ENOSPC / EFBIG / EDQUOT) or failing (SQLITE_IOERR_*, EIO, a store gone read-only).
 * Duck-typed on `code` so only the driver module imports the driver. Anything else is not a storage failure.
 */
export function storageFailure(error: unknown): StorageFailure | undefined {
  const code = errorCode(error);
  if (code === undefined) return undefined;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EFBIG' || code === 'EDQUOT') return 'storage_full';
  if (/^SQLITE_(IOERR|CANTOPEN|READONLY)(_|$)/.test(code) || code === 'EIO' || code === 'EROFS')
    return 'storage_failed';
  return undefined;
}

/**
 * Whether a write gave up waiting for SQLite's one write lock (SQLITE_BUSY after the connection's busy timeout):
 * another process held it, the app and a `muster` command, say, each saving to the same data folder.
 */
export function storeBusy(error: unknown): boolean {
  return /^SQLITE_BUSY(_|$)/.test(errorCode(error) ?? '');
}

/** What the caller is told then: a `conflict`, since trying again later is all there is to do. */
export const storeBusyMessage =
  'Another Muster (the app, or a muster command) is saving to this data file, so nothing was saved. ' +
  'Try again once it has finished.';

function errorCode(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

/** What the person at the desk is told when the disk refused a write: nothing was saved, and what to do. */
export const storageMessages: Record<StorageFailure, string> = {
  storage_full:
    'The disk is full, so nothing was saved. Free some space (or plug in the laptop’s usual disk), then try again.',
  storage_failed:
    'The disk could not be written to, so nothing was saved. Try again; if it keeps failing, make a backup and check the disk.',
};
