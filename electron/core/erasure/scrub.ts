import type { SqlValue } from '../changes/write';
import type { Db } from '../db/driver';
import { prepared } from '../db/statements';
import { storedAnswersWithoutText } from '../feedback/store';
import { erasedSignature, scrubFields } from './fields';

interface IncomingChange {
  entity: string;
  id: string;
  fields: Record<string, SqlValue>;
}

/**
 * An erasure wins over every other change to the person, older or newer, whatever order bundles arrive in: a change
 * that reaches a replica where the person is erased (or that is the erasure itself) has its personal fields blanked
 * before it is merged or logged, and a signature drawn by an erased person arrives blank. So an old bundle imported
 * again cannot bring the name back, not even into the change log. Non-personal fields merge as usual.
 */
export function scrubIncoming<C extends IncomingChange>(db: Db, change: C): C {
  if (change.entity === 'participant') {
    const erased =
      (change.fields.erased_at !== undefined && change.fields.erased_at !== null) || isErased(db, change.id);
    return erased ? { ...change, fields: scrubFields(change.fields) } : change;
  }
  if (change.entity === 'signature' && signerErased(db, change.id)) {
    return { ...change, fields: { ...change.fields, ...erasedSignature } };
  }
  // Answers an offline kiosk took from someone erased meanwhile arrive without their free text.
  const { registration_id: registrationId, answers } = change.fields;
  if (
    change.entity === 'feedback_response' &&
    typeof registrationId === 'string' &&
    typeof answers === 'string' &&
    registrantErased(db, registrationId)
  ) {
    return { ...change, fields: { ...change.fields, answers: storedAnswersWithoutText(db, answers) } };
  }
  return change;
}

function registrantErased(db: Db, registrationId: string): boolean {
  return (
    prepared(
      db,
      `SELECT 1 FROM registrations r JOIN participants p ON p.id = r.participant_id
       WHERE r.id = ? AND p.erased_at IS NOT NULL`,
    )
      .pluck()
      .get(registrationId) === 1
  );
}

/** Whether the change is an erasure: the apply step then forgets what the person left on this replica too. */
export function isErasure(change: IncomingChange): boolean {
  return change.entity === 'participant' && typeof change.fields.erased_at === 'string';
}

export function isErased(db: Db, participantId: string): boolean {
  return (
    prepared(db, 'SELECT 1 FROM participants WHERE id = ? AND erased_at IS NOT NULL').pluck().get(participantId) === 1
  );
}

function signerErased(db: Db, checkInId: string): boolean {
  return (
    prepared(
      db,
      `SELECT 1 FROM checkins c JOIN registrations r ON r.id = c.registration_id
         JOIN participants p ON p.id = r.participant_id
       WHERE c.id = ? AND p.erased_at IS NOT NULL`,
    )
      .pluck()
      .get(checkInId) === 1
  );
}
