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
