import type { z } from 'zod';
import type { Handlers } from '../api/handler';
import { newId } from '../api/ids';
import { conflict, issuesFrom, MusterError, notFound, summarise } from '../api/errors';
import { recordAction } from '../audit/record';
import type { Context } from '../context';
import { writeWhenFree } from '../db/transaction';
import { hashPin, lockSeconds, verifyPin } from '../kiosk/pin';
import { pin } from '../kiosk/schema';
import { isActive, kioskRow } from '../kiosk/store';
import { refreshLock } from './gate';
import {
  activeMembers,
  allMembers,
  clearFailures,
  hasAdmin,
  idleMinutes,
  insertMember,
  markRemoved,
  memberRow,
  publicMember,
  recordFailure,
  setIdleMinutes,
  setSecretHash,
  type MemberRow,
} from './members';
import { passphrase, type AccessStatus, type Member, type memberAdd } from './schema';
import { commandLineActor, type Caller } from './session';

function callerOf(ctx: Context): Caller {
  // Dispatch always sets it; a handler called some other way has no one to sign in.
  if (!ctx.caller) throw new MusterError('internal', 'No caller.');
  return ctx.caller;
}

/** A member this call has just written or read: there by construction. */
function stored(ctx: Context, id: string): MemberRow {
  const row = memberRow(ctx.db, id);
  if (!row) throw notFound('Member', id);
  return row;
}

function status(ctx: Context): AccessStatus {
  const caller = callerOf(ctx);
  const kiosk = isActive(kioskRow(ctx.db, ctx.device));
  const signedIn = caller.session.member;
  const row = signedIn ? memberRow(ctx.db, signedIn.id) : undefined;
  const name = signedIn?.id === commandLineActor ? 'Command line' : row?.name;
  return {
    setUp: hasAdmin(ctx.db),
    members: kiosk ? [] : activeMembers(ctx.db).map((m) => ({ id: m.id, name: m.name, role: m.role })),
    caller:
      signedIn && name !== undefined
        ? { id: signedIn.id, name, role: signedIn.role, locked: refreshLock(ctx, caller) }
        : null,
    idleMinutes: idleMinutes(ctx.db),
  };
}

function signIn(ctx: Context, row: MemberRow): void {
  const { session } = callerOf(ctx);
  session.member = { id: row.id, role: row.role, secretHash: row.secret_hash };
  session.lastActive = ctx.now().getTime();
  session.locked = false;
}

const wrongSecret = (seconds: number) =>
  new MusterError(
    'forbidden',
    'That name and secret do not match.',
    undefined,
    seconds > 0 ? { retryAfterSeconds: seconds } : undefined,
  );

const tooManyAttempts = (seconds: number) =>
  new MusterError('rate_limited', `Too many wrong attempts: try again in ${seconds} s.`, undefined, {
    retryAfterSeconds: seconds,
  });

function waitFor(ctx: Context, row: MemberRow): number {
  if (!row.locked_until) return 0;
  return Math.max(0, Math.ceil((Date.parse(row.locked_until) - ctx.now().getTime()) / 1000));
}

/**
 * Checks a member's passphrase or PIN. Wrong ones are counted per member in the database (so a restart forgets
 * nothing) and recorded in the audit trail, in their own transaction before the refusal; after a few, the member's
 * secret is not even checked until the wait is over (the kiosk's schedule: kiosk/pin.ts).
 */
async function checkSecret(ctx: Context, memberId: string, secret: string): Promise<MemberRow> {
  const before = memberRow(ctx.db, memberId);
  if (!before || before.removed_at !== null) throw wrongSecret(0);
  const wait = waitFor(ctx, before);
  if (wait > 0) throw tooManyAttempts(wait);
  const right = await verifyPin(secret, before.secret_hash);
  // Written after the check's await: an import's save may have begun meanwhile, and is waited for.
  const outcome = await writeWhenFree(ctx.db, () => {
    const row = memberRow(ctx.db, memberId);
    if (!row || row.removed_at !== null || row.secret_hash !== before.secret_hash) return null;
    // Guesses sent side by side all pass the first look before any is counted: the wait is asked again here, where
    // they come one at a time, so a burst of guesses gets the same five as guesses made one after another.
    const waitNow = waitFor(ctx, row);
    if (waitNow > 0) return { limited: waitNow };
    if (right) {
      clearFailures(ctx.db, row.id);
      return 0;
    }
    const failures = row.failed_attempts + 1;
    const lock = lockSeconds(failures);
    recordFailure(
      ctx.db,
      row.id,
      failures,
      lock > 0 ? new Date(ctx.now().getTime() + lock * 1000).toISOString() : null,
    );
    recordAction(ctx, { actor: row.id, role: row.role }, 'access.signIn.refused', { memberId }, { failures });
    return lock;
  });
  if (outcome === null) throw wrongSecret(0);
  if (typeof outcome === 'object') throw tooManyAttempts(outcome.limited);
  if (!right) throw wrongSecret(outcome);
  return before;
}

/** A new secret must suit the member's role: a passphrase for an administrator, a PIN for staff. */
function checkedSecret(role: MemberRow['role'], secret: string): string {
  const parsed = (role === 'admin' ? passphrase : pin).safeParse(secret);
  if (!parsed.success) {
    const issues = issuesFrom(parsed.error).map((issue) => ({ ...issue, path: ['secret'] }));
    throw new MusterError('invalid_input', summarise(issues), issues);
  }
  return parsed.data;
}

function insertUnique(ctx: Context, row: Parameters<typeof insertMember>[1]): void {
  const taken = activeMembers(ctx.db).some((m) => m.name.toLowerCase() === row.name.toLowerCase());
  if (taken) throw conflict(`There is already a member called ${row.name}.`);
  insertMember(ctx.db, row);
}

async function setup(ctx: Context, input: { name: string; passphrase: string }): Promise<AccessStatus> {
  if (hasAdmin(ctx.db)) throw conflict('This device already has an administrator: sign in instead.');
  const hash = await hashPin(input.passphrase);
  const { session } = callerOf(ctx);
  const signedOut = { ...session };
  try {
    await writeWhenFree(ctx.db, () => {
      if (hasAdmin(ctx.db)) throw conflict('This device already has an administrator: sign in instead.');
      const created = {
        id: newId(ctx.now().getTime()),
        name: input.name,
        role: 'admin' as const,
        secret_hash: hash,
        created_at: ctx.now().toISOString(),
      };
      insertUnique(ctx, created);
      // Signed in before the commit, so the audit entry that commits with the new administrator names them.
      signIn(ctx, stored(ctx, created.id));
    });
  } catch (error) {
    // The administrator was not stored (a full disk at COMMIT): nobody is signed in as them.
    Object.assign(session, signedOut);
    throw error;
  }
  return status(ctx);
}

async function addMember(ctx: Context, input: z.output<typeof memberAdd>): Promise<Member> {
  const hash = await hashPin(input.secret);
  return writeWhenFree(ctx.db, () => {
    const id = newId(ctx.now().getTime());
    insertUnique(ctx, {
      id,
      name: input.name,
      role: input.role,
      secret_hash: hash,
      created_at: ctx.now().toISOString(),
    });
    return publicMember(stored(ctx, id));
  });
}

async function setSecret(ctx: Context, input: { memberId: string; secret: string }): Promise<Member> {
  const row = memberRow(ctx.db, input.memberId);
  if (!row || row.removed_at !== null) throw notFound('Member', input.memberId);
  const hash = await hashPin(checkedSecret(row.role, input.secret));
  await writeWhenFree(ctx.db, () => setSecretHash(ctx.db, row.id, hash));
  // Every other session of this member is signed out by the new hash (access/gate.ts); one's own goes on.
  const own = callerOf(ctx).session.member;
  if (own?.id === row.id && own.secretHash !== undefined) own.secretHash = hash;
  return publicMember(stored(ctx, row.id));
}

function removeMember(ctx: Context, memberId: string): Member {
  const row = memberRow(ctx.db, memberId);
  if (!row || row.removed_at !== null) throw notFound('Member', memberId);
  if (callerOf(ctx).session.member?.id === row.id)
    throw conflict('You cannot remove yourself: ask another administrator.');
  if (row.role === 'admin' && activeMembers(ctx.db).filter((m) => m.role === 'admin').length === 1) {
    throw conflict('This is the last administrator: add another before removing them.');
  }
  markRemoved(ctx.db, row.id, ctx.now().toISOString());
  return publicMember(stored(ctx, row.id));
}

export const accessHandlers = {
  'access.status': (ctx) => status(ctx),
  'access.setup': (ctx, input) => setup(ctx, input),
  'access.signIn': async (ctx, input) => {
    signIn(ctx, await checkSecret(ctx, input.memberId, input.secret));
    return status(ctx);
  },
  'access.unlock': async (ctx, input) => {
    const { session } = callerOf(ctx);
    if (!session.member) throw new MusterError('signed_out', 'Sign in to use the staff side.');
    signIn(ctx, await checkSecret(ctx, session.member.id, input.secret));
    return status(ctx);
  },
  'access.signOut': (ctx) => {
    const { session } = callerOf(ctx);
    session.member = null;
    session.locked = false;
    return Promise.resolve(status(ctx));
  },
  'access.touch': (ctx) => {
    const caller = callerOf(ctx);
    const locked = refreshLock(ctx, caller);
    // While the device is a kiosk its screen is the attendees': nothing done there keeps a member's staff side open.
    const kiosk = isActive(kioskRow(ctx.db, ctx.device));
    if (caller.session.member && !locked && !kiosk) caller.session.lastActive = ctx.now().getTime();
    return { locked };
  },
  'access.members': (ctx) => allMembers(ctx.db).map(publicMember),
  'access.addMember': (ctx, input) => addMember(ctx, input),
  'access.setSecret': (ctx, input) => setSecret(ctx, input),
  'access.removeMember': (ctx, input) => removeMember(ctx, input.memberId),
  'access.setIdle': (ctx, input) => {
    setIdleMinutes(ctx.db, input.minutes);
    return status(ctx);
  },
} satisfies Partial<Handlers>;
