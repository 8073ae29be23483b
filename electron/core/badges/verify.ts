import { MusterError, notFound, type BadgeRefusal } from '../api/errors';
import type { Db } from '../db/driver';
import { prepared } from '../db/statements';
import { asUsKeys } from '../text/keyboard';
import type { Registration } from '../participants/schema';
import { toRegistration, type RegistrationRow } from '../participants/store';
import { currentIssue, eventKey } from './store';
import { parseToken, signatureHolds } from './token';

const messages: Record<BadgeRefusal, string> = {
  malformed: 'This is not a Muster badge code.',
  forged: 'This badge code was not signed for this event: it may have been altered or copied.',
  wrong_event: 'This badge is for another event.',
  revoked: 'This badge was replaced by a newer one: use the latest badge.',
  unknown_registration: 'This badge belongs to a registration this desk does not know.',
};

export function badgeRefused(reason: BadgeRefusal): MusterError {
  return new MusterError('invalid_badge', messages[reason], undefined, { badge: reason });
}

/**
 * Checks a scanned badge token offline, with nothing but this database: its encoding, the event it was made for,
 * the event's Ed25519 signature, that the registration exists here, and that no newer badge replaced it. Answers
 * the registration (whatever its status: a cancelled one is refused by check-in with `cancelled`, as for a typed
 * code), or throws `invalid_badge` with the reason in details.badge.
 *
 * A token signed with an issue newer than the one known here is accepted: another desk reissued the badge and its
 * change has not synced yet, but the signature proves the event made it.
 */
export function verifyBadge(db: Db, eventId: string, token: string): Registration {
  if (prepared(db, 'SELECT 1 FROM events WHERE id = ?').pluck().get(eventId) !== 1) throw notFound('Event', eventId);
  const parsed = typeof token === 'string' ? parseToken(asUsKeys(token.trim())) : null;
  if (!parsed) throw badgeRefused('malformed');
  if (parsed.eventId !== eventId) {
    // Another event's badge: if this desk knows that event's key, a signature that fails there is a forgery.
    const theirs = eventKey(db, parsed.eventId);
    throw badgeRefused(theirs && !signatureHolds(parsed, theirs.publicKey) ? 'forged' : 'wrong_event');
  }
  const key = eventKey(db, eventId);
  // No key yet: this event never signed a badge, so nothing can verify.
  if (!key || !signatureHolds(parsed, key.publicKey)) throw badgeRefused('forged');
  const row = prepared(db, 'SELECT * FROM registrations WHERE id = ?').get(parsed.registrationId) as
    RegistrationRow | undefined;
  if (!row || row.event_id !== eventId) throw badgeRefused('unknown_registration');
  if (parsed.issue < currentIssue(db, row.id)) throw badgeRefused('revoked');
  return toRegistration(row);
}
