import { z } from 'zod';
import { passphrase } from '../access/schema';

/**
 * Whether the database is open, and if not what the person at the desk must give: `enter` the administrator
 * passphrase the keyring is sealed with, or `choose` one (first run on a computer without a real secret store).
 */
export const lockStates = ['open', 'enter', 'choose'] as const;
export const lockState = z.strictObject({
  state: z.enum(lockStates),
  /** Whether the keyring can be opened with an administrator passphrase (the command line, browser mode, a move). */
  passphraseSet: z.boolean(),
  /** After too many wrong passphrases: seconds until the next one is checked. */
  retryAfterSeconds: z.number().int().min(0),
});
export type LockState = z.infer<typeof lockState>;
export type PassphraseAsk = Exclude<LockState['state'], 'open'>;

export const storeUnlock = z.strictObject({ passphrase: z.string().max(200) });

/** A new administrator passphrase for the database key; the current one when the keyring already has one. */
export const storePassphrase = z.strictObject({ current: z.string().max(200).optional(), passphrase });
