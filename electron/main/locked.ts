import { Backoff } from '../core/access/backoff';
import { passphrase as strongPassphrase } from '../core/access/schema';
import { contract, isMethod } from '../core/api/contract';
import { issuesFrom, summarise, type ApiError, type Result } from '../core/api/errors';
import type { SecretStore } from '../core/db/keyring';
import { StoreError } from '../core/db/store-error';
import type { LockState } from '../core/system/store-schema';
import { isTrustedSender, refusedSender, type IpcHandler } from './ipc';
import { desktopKey, type PassphraseAsk } from './unlock';

export interface LockedOptions {
  databaseFile: string;
  store: SecretStore | null;
  ask: PassphraseAsk;
  /** Opens the core with the unsealed key and shows the main window; called once, after the key is unsealed. */
  unlocked: (key: string) => void;
  now?: () => number;
}

/** Every method but the two below, while nothing is open: the same refusal a locked staff side gives. */
export const lockedRefusal: Result<never> = {
  ok: false,
  error: { code: 'locked', message: 'The database is locked: give the administrator passphrase first.' },
};

const fail = (error: ApiError): Result<never> => ({ ok: false, error });

/**
 * The IPC door while the desktop's database is locked: the shell answers `store.lockState` and `store.unlock` itself
 * (there is no core to dispatch to yet), with the contract's own schemas and the same sender check as every call;
 * everything else is refused with `locked`. A wrong passphrase is refused and may be tried again, with sign-in's
 * back-off counted in memory; a new one must meet the administrator passphrase rule (access/schema.ts).
 */
export function createLockedHandler(options: LockedOptions): IpcHandler {
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
      key = desktopKey(options.databaseFile, options.store, { MUSTER_PASSPHRASE: given });
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

  return (event, method, input) => {
    const frame = event.senderFrame;
    if (!isTrustedSender(frame)) {
      console.warn(`[muster] refused a call to ${String(method)} from ${frame?.url ?? 'a frame that is gone'}`);
      return Promise.resolve(refusedSender);
    }
    if (method === 'store.lockState') {
      const parsed = contract['store.lockState'].input.safeParse(input ?? {});
      return Promise.resolve(parsed.success ? { ok: true, value: state() } : invalid(issuesFrom(parsed.error)));
    }
    if (method === 'store.unlock') {
      try {
        return Promise.resolve(unlock(input));
      } catch (error) {
        console.error('[muster] unlocking the database failed:', error);
        return Promise.resolve(fail({ code: 'internal', message: 'Something went wrong while unlocking.' }));
      }
    }
    if (!isMethod(method)) {
      return Promise.resolve(fail({ code: 'unknown_method', message: 'There is no such method.' }));
    }
    return Promise.resolve(lockedRefusal);
  };
}

function invalid(issues: ReturnType<typeof issuesFrom>): Result<never> {
  return fail({ code: 'invalid_input', message: summarise(issues), issues });
}
