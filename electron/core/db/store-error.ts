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
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code !== 'string') return undefined;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EFBIG' || code === 'EDQUOT') return 'storage_full';
  if (/^SQLITE_(IOERR|CANTOPEN|READONLY)(_|$)/.test(code) || code === 'EIO' || code === 'EROFS')
    return 'storage_failed';
  return undefined;
}

/** What the person at the desk is told when the disk refused a write: nothing was saved, and what to do. */
export const storageMessages: Record<StorageFailure, string> = {
  storage_full:
    'The disk is full, so nothing was saved. Free some space (or plug in the laptop’s usual disk), then try again.',
  storage_failed:
    'The disk could not be written to, so nothing was saved. Try again; if it keeps failing, make a backup and check the disk.',
};
