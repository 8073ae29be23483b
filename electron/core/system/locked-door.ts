import { Backoff } from '../access/backoff';
import { passphrase as strongPassphrase } from '../access/schema';
import { contract, isMethod } from '../api/contract';
import { issuesFrom, summarise, type ApiError, type ApiIssue, type Result } from '../api/errors';
import { StoreError } from '../db/store-error';
import type { LockState, PassphraseAsk } from './store-schema';

export interface LockedDoorOptions {
  ask: PassphraseAsk;
  /**
   * Unseals the database key with this passphrase (or, choosing, makes the key and seals it): the key as hex, or a
   * StoreError, `wrong_passphrase` for a wrong one. Nothing may be opened or written before it answers.
   */
  unseal: (passphrase: string) => string;
  /** Opens the core with the key; called once, after the key is unsealed. */
  unlocked: (key: string) => void;
  now?: () => number;
}

/** A transport's answer to one call while there is no core: the same Result every call gets. */
export type LockedDoor = (method: unknown, input: unknown) => Result<unknown>;

/** Every method but the two below, while nothing is open: the same refusal a locked staff side gives. */
export const lockedRefusal: Result<never> = {
  ok: false,
  error: { code: 'locked', message: 'The database is locked: give the administrator passphrase first.' },
};

const fail = (error: ApiError): Result<never> => ({ ok: false, error });
const invalid = (issues: ApiIssue[]): Result<never> =>
  fail({ code: 'invalid_input', message: summarise(issues), issues });

/**
 * What answers while a process's database is still locked (the desktop's unlock window; browser mode started to ask
 * in the browser): `store.lockState` and `store.unlock`, with the contract's own schemas, and `locked` for every
 * other method. A wrong passphrase is refused and may be tried again, with sign-in's back-off counted in memory (no
 * database to count it in yet); a new one must meet the administrator passphrase rule (access/schema.ts).
 */
export function createLockedDoor(options: LockedDoorOptions): LockedDoor {
  const limit = new Backoff(options.now);
  let open = false;
  const state = (): LockState =>
    contract['store.lockState'].output.parse({
      state: open ? 'open' : options.ask,
      passphraseSet: options.ask === 'enter',
      retryAfterSeconds: open ? 0 : limit.waitSeconds(),
    });

  const unlock = (rawInput: unknown): Result<LockState> => {
    const parsed = contract['store.unlock'].input.safeParse(rawInput ?? {});
    if (!parsed.success) return invalid(issuesFrom(parsed.error));
    if (open) return { ok: true, value: state() };
    const given = parsed.data.passphrase;
    if (options.ask === 'choose') {
      const strong = strongPassphrase.safeParse(given);
      if (!strong.success)
        return invalid(issuesFrom(strong.error).map((issue) => ({ ...issue, path: ['passphrase'] })));
    }
    const wait = limit.waitSeconds();
    if (wait > 0) {
      return fail({
        code: 'rate_limited',
        message: `Too many wrong attempts: try again in ${wait} s.`,
        details: { retryAfterSeconds: wait },
      });
    }
    let key: string;
    try {
      key = options.unseal(given);
    } catch (error) {
      if (!(error instanceof StoreError)) throw error;
      if (error.reason !== 'wrong_passphrase') return fail({ code: 'locked', message: error.message });
      const seconds = limit.failed();
      return fail({
        code: 'forbidden',
        message: 'The passphrase does not unlock this database. Nothing was changed.',
        ...(seconds > 0 ? { details: { retryAfterSeconds: seconds } } : {}),
      });
    }
    limit.succeeded();
    open = true;
    options.unlocked(key);
    return { ok: true, value: state() };
  };

  return (method, input) => {
    if (method === 'store.lockState') {
      const parsed = contract['store.lockState'].input.safeParse(input ?? {});
      return parsed.success ? { ok: true, value: state() } : invalid(issuesFrom(parsed.error));
    }
    if (method === 'store.unlock') {
      try {
        return unlock(input);
      } catch (error) {
        console.error('[muster] unlocking the database failed:', error);
        return fail({ code: 'internal', message: 'Something went wrong while unlocking.' });
      }
    }
    if (!isMethod(method)) return fail({ code: 'unknown_method', message: 'There is no such method.' });
    return lockedRefusal;
  };
}
