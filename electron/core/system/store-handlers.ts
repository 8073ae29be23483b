import { Backoff } from '../access/backoff';
import type { Handlers } from '../api/handler';
import { conflict, MusterError } from '../api/errors';
import { auditActor, recordAction } from '../audit/record';
import type { Context } from '../context';
import { openOptionsOf } from '../db/driver';
import { hasPassphraseSeal, sealForPassphrase } from '../db/keyring';
import { StoreError } from '../db/store-error';
import { writeWhenFree } from '../db/transaction';
import type { LockState } from './store-schema';

// One per database file this process has open: the wait follows the keyring, not the window that guessed.
const limits = new Map<string, Backoff>();

function limitFor(ctx: Context): Backoff {
  let limit = limits.get(ctx.db.name);
  if (!limit) {
    limit = new Backoff(() => ctx.now().getTime());
    limits.set(ctx.db.name, limit);
  }
  return limit;
}

// Guesses sent side by side would all pass the wait before the first is counted: one check at a time per keyring.
const checking = new Map<string, Promise<unknown>>();

function oneAtATime<T>(file: string, work: () => Promise<T>): Promise<T> {
  const next = (checking.get(file) ?? Promise.resolve()).then(work, work);
  checking.set(
    file,
    next.catch(() => undefined),
  );
  return next;
}

function openState(ctx: Context): LockState {
  return { state: 'open', passphraseSet: hasPassphraseSeal(ctx.db.name), retryAfterSeconds: 0 };
}

/**
 * Seals the open database's key for an administrator passphrase, so the command line, browser mode or another
 * computer can open a file whose key only this computer's secret store kept; or replaces that passphrase, given the
 * current one. The key itself never changes: the database is not rewritten and backups keep opening.
 */
async function setPassphrase(ctx: Context, input: { current?: string | undefined; passphrase: string }) {
  const key = openOptionsOf(ctx.db).key;
  if (!key) throw conflict('This database is not encrypted, so it has no key to seal.');
  if (hasPassphraseSeal(ctx.db.name) && !input.current) {
    throw new MusterError('invalid_input', 'current: Give the current passphrase to change it.', [
      { path: ['current'], message: 'Give the current passphrase to change it.' },
    ]);
  }
  return oneAtATime(ctx.db.name, () => checkAndSeal(ctx, key, input));
}

async function checkAndSeal(ctx: Context, key: string, input: { current?: string | undefined; passphrase: string }) {
  const limit = limitFor(ctx);
  const wait = limit.waitSeconds();
  if (wait > 0) {
    throw new MusterError('rate_limited', `Too many wrong attempts: try again in ${wait} s.`, undefined, {
      retryAfterSeconds: wait,
    });
  }
  try {
    await sealForPassphrase(ctx.db.name, key, input.passphrase, input.current);
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    if (error.reason !== 'wrong_passphrase') throw conflict(error.message);
    const seconds = limit.failed();
    const failures = { retryAfterSeconds: seconds };
    // A refusal is evidence someone is guessing: it stays in the trail (no secret in it, only the wait it caused).
    if (ctx.caller) {
      const who = auditActor(ctx.caller);
      await writeWhenFree(ctx.db, () => recordAction(ctx, who, 'store.setPassphrase.refused', {}, failures));
    }
    throw new MusterError(
      'forbidden',
      'The current passphrase is wrong. Nothing was changed.',
      undefined,
      seconds > 0 ? failures : undefined,
    );
  }
  limit.succeeded();
  return openState(ctx);
}

/**
 * The database key's methods. While the desktop's database is still locked the shell answers lockState and unlock
 * itself (electron/main/locked.ts); once the core runs, the database is open by definition.
 */
export const storeHandlers = {
  'store.lockState': (ctx) => openState(ctx),
  'store.unlock': () => Promise.reject(conflict('The database is already open.')),
  'store.setPassphrase': (ctx, input) => setPassphrase(ctx, input),
} satisfies Partial<Handlers>;
