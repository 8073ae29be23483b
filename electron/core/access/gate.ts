import type { MethodName } from '../api/contract';
import { MusterError } from '../api/errors';
import type { Context } from '../context';
import { isActive, kioskRow } from '../kiosk/store';
import { idleMinutes, memberRow } from './members';
import { methodAccess } from './roles';
import type { Caller } from './session';

/**
 * Decides whether this caller may call this method now, before its input is even read. Refusals are typed:
 * `signed_out` (sign in first), `locked` (left idle: give the secret again), `forbidden` (wrong role, or this device
 * is a kiosk and the staff side is closed to everyone until kiosk.leave).
 */
export function admit(ctx: Context, caller: Caller, method: MethodName): void {
  const access = methodAccess[method];
  if (access === 'anyone' || access === 'kiosk') return;
  if (caller.atScreen && isActive(kioskRow(ctx.db, ctx.device))) {
    throw new MusterError('forbidden', 'This device is a kiosk: leave kiosk mode with the staff PIN first.');
  }
  const { session } = caller;
  if (!session.member) throw new MusterError('signed_out', 'Sign in to use the staff side.');
  if (caller.atScreen) {
    // A member removed while signed in, or whose secret was replaced since, is signed out at their next call.
    const row = memberRow(ctx.db, session.member.id);
    const replaced = session.member.secretHash !== undefined && row?.secret_hash !== session.member.secretHash;
    if (!row || row.removed_at !== null || replaced) {
      session.member = null;
      throw new MusterError('signed_out', 'Sign in to use the staff side.');
    }
  }
  if (refreshLock(ctx, caller))
    throw new MusterError('locked', 'The staff side locked itself: give your PIN or passphrase.');
  if (access === 'admin' && session.member.role !== 'admin') {
    throw new MusterError('forbidden', 'Only an administrator may do this.');
  }
}

/** Locks a session left idle for longer than the setting; answers whether it is locked now. */
export function refreshLock(ctx: Context, caller: Caller): boolean {
  const { session } = caller;
  if (caller.atScreen && session.member && !session.locked) {
    const idleMs = idleMinutes(ctx.db) * 60_000;
    if (ctx.now().getTime() - session.lastActive > idleMs) session.locked = true;
  }
  return session.locked;
}

/** Calls that change something count as use of the staff side; screens that poll do not, or nothing would lock. */
export function noteActivity(ctx: Context, caller: Caller): void {
  if (caller.session.member && !caller.session.locked) caller.session.lastActive = ctx.now().getTime();
}
