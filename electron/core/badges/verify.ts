import { MusterError, notFound, type BadgeRefusal } from '../api/errors';
import type { Db } from '../db/driver';
import { prepared } from '../db/statements';
import { asUsKeys, swapYZ } from '../text/keyboard';
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
  const text = typeof token === 'string' ? asUsKeys(token.trim()) : '';
  try {
    return verifyText(db, eventId, text);
  } catch (error) {
    // A scanner typing through QWERTZ swaps the token's Y and Z; with no - or _ (which QWERTZ turns into ß and ?)
    // the text still looks like a token, so the screens cannot tell. Only a genuine signature verifies the swap.
    const swapped = swapYZ(text);
    if (swapped === text || !(error instanceof MusterError) || error.code !== 'invalid_badge') throw error;
    try {
      return verifyText(db, eventId, swapped);
    } catch (second) {
      // Past the signature, the swap is the badge: refused for what it is (replaced, unknown here), say so.
      const reason = second instanceof MusterError ? second.details?.badge : undefined;
      throw reason === 'revoked' || reason === 'unknown_registration' ? second : error;
    }
  }
}

function verifyText(db: Db, eventId: string, text: string): Registration {
  const parsed = parseToken(text);
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
