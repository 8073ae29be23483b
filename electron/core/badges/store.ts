import { create, defineEntity, type ChangeContext } from '../changes/write';
import type { Db } from '../db/driver';
import { prepared } from '../db/statements';
import { writeTransaction } from '../db/transaction';
import { newKeyPair, type KeyPair } from './token';

/** An event's signing key pair (id = the event id). */
export const badgeKeyEntity = defineEntity('badge_key', 'badge_keys', [
  'public_key',
  'private_key',
  'created_at',
] as const);

/** A registration's current badge issue (id = the registration id); no row means issue 1. */
export const badgeIssueEntity = defineEntity('badge_issue', 'badge_issues', ['issue', 'updated_at'] as const);

/** One badge sent to a printer: a fact, only ever appended. */
export const badgePrintEntity = defineEntity('badge_print', 'badge_prints', [
  'registration_id',
  'layout',
  'printer',
  'device_id',
  'at',
] as const);

export function eventKey(db: Db, eventId: string): KeyPair | undefined {
  const row = prepared(db, 'SELECT public_key, private_key FROM badge_keys WHERE id = ?').get(eventId) as
    { public_key: string; private_key: string } | undefined;
  return row && { publicKey: row.public_key, privateKey: row.private_key };
}

/**
 * The event's key pair, made (and recorded as a change) the first time a badge of the event is signed. Runs in the
 * caller's transaction when there is one, otherwise in its own: a query that signs (badge.token) writes only this once.
 */
export function ensureEventKey(ctx: ChangeContext & { now: () => Date }, eventId: string): KeyPair {
  const existing = eventKey(ctx.db, eventId);
  if (existing) return existing;
  const make = () => {
    const again = eventKey(ctx.db, eventId);
    if (again) return again;
    const pair = newKeyPair();
    create(ctx, badgeKeyEntity, eventId, {
      public_key: pair.publicKey,
      private_key: pair.privateKey,
      created_at: ctx.now().toISOString(),
    });
    return pair;
  };
  return ctx.db.inTransaction ? make() : writeTransaction(ctx.db, make);
}

export function currentIssue(db: Db, registrationId: string): number {
  const issue = prepared(db, 'SELECT issue FROM badge_issues WHERE id = ?').pluck().get(registrationId);
  return typeof issue === 'number' ? issue : 1;
}
