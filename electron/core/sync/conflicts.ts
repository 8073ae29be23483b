import { z } from 'zod';
import type { Db } from '../db/driver';
import { prepared } from '../db/statements';
import { id } from '../events/schema';
import { deviceId } from './schema';

const fieldValue = z.union([z.string(), z.number(), z.null()]);

/** What staff see after a merge: where two devices disagreed, and how the merge rules settled it. */
export const syncConflicts = z.object({
  /** Someone checked in twice for one session (two kiosks, offline): both kept, counted once, the earliest shown. */
  duplicateCheckIns: z.array(
    z.object({
      registrationId: id,
      name: z.string(),
      sessionId: id,
      sessionName: z.string(),
      checkIns: z.number().int(),
      keptAt: z.string(),
      keptDevice: deviceId,
    }),
  ),
  /**
   * Someone checked in on one device while another cancelled their registration or removed the session (offline):
   * the check-in is kept, as every fact is, but neither counters nor reports count it, so staff decide whether the
   * person came (and restore the registration) or the cancellation stands.
   */
  uncountedCheckIns: z.array(
    z.object({
      registrationId: id,
      name: z.string(),
      sessionId: id,
      sessionName: z.string(),
      reason: z.enum(['cancelled', 'session_removed']),
      at: z.string(),
      device: deviceId,
    }),
  ),
  /**
   * Two records of the event that may be one person (the same email, or the same name and country): a walk-in
   * registered at two kiosks offline is two people to every count until staff decide. Cancelled registrations and
   * pairs staff said are different people are left out.
   */
  possibleDuplicates: z.array(
    z.object({
      registrationId: id,
      name: z.string(),
      otherRegistrationId: id,
      otherName: z.string(),
      reason: z.enum(['email', 'name_country']),
    }),
  ),
  /** A field of a person or a registration set on two or more devices: every value, the winner (newest) first. */
  fieldConflicts: z.array(
    z.object({
      entity: z.enum(['participant', 'registration']),
      recordId: id,
      name: z.string(),
      field: z.string(),
      values: z.array(z.object({ value: fieldValue, device: deviceId, at: z.string() })),
    }),
  ),
});
export type SyncConflicts = z.infer<typeof syncConflicts>;

// Bookkeeping every edit sets; two devices touching them is not a disagreement anyone needs to see.
const bookkeeping = new Set(['created_at', 'updated_at']);

/** The event's duplicate check-ins and the fields two devices set differently, from the change log. */
export function conflictsOf(db: Db, eventId: string): SyncConflicts {
  const duplicateCheckIns = (
    prepared(
      db,
      `SELECT a.registration_id, a.session_id, s.name AS session_name, a.active_count, a.checked_in_at, a.device_id,
              trim(p.given_names || ' ' || p.family_name) AS name
       FROM sessions s
       JOIN attendance a ON a.session_id = s.id AND a.active_count > 1
       JOIN registrations r ON r.id = a.registration_id
       JOIN participants p ON p.id = r.participant_id
       WHERE s.event_id = ?
       ORDER BY s.date, name`,
    ).all(eventId) as {
      registration_id: string;
      session_id: string;
      session_name: string;
      active_count: number;
      checked_in_at: string;
      device_id: string;
      name: string;
    }[]
  ).map((row) => ({
    registrationId: row.registration_id,
    name: row.name,
    sessionId: row.session_id,
    sessionName: row.session_name,
    checkIns: row.active_count,
    keptAt: row.checked_in_at,
    keptDevice: row.device_id,
  }));

  const uncountedCheckIns = (
    prepared(
      db,
      `SELECT a.registration_id, a.session_id, s.name AS session_name, a.checked_in_at, a.device_id,
              CASE WHEN s.removed_at IS NOT NULL THEN 'session_removed' ELSE 'cancelled' END AS reason,
              trim(p.given_names || ' ' || p.family_name) AS name
       FROM sessions s
       JOIN attendance a ON a.session_id = s.id
       JOIN registrations r ON r.id = a.registration_id
       JOIN participants p ON p.id = r.participant_id
       WHERE s.event_id = ? AND (s.removed_at IS NOT NULL OR r.status = 'cancelled')
       ORDER BY s.date, name`,
    ).all(eventId) as {
      registration_id: string;
      session_id: string;
      session_name: string;
      checked_in_at: string;
      device_id: string;
      reason: 'cancelled' | 'session_removed';
      name: string;
    }[]
  ).map((row) => ({
    registrationId: row.registration_id,
    name: row.name,
    sessionId: row.session_id,
    sessionName: row.session_name,
    reason: row.reason,
    at: row.checked_in_at,
    device: row.device_id,
  }));

  const possibleDuplicates = possibleDuplicatesOf(db, eventId);

  // Each field's changes, for the event's people and registrations, where more than one device set it.
  const rows = prepared(
    db,
    `WITH regs AS (SELECT id, participant_id FROM registrations WHERE event_id = $event),
     records (entity, entity_id, name) AS (
       SELECT 'registration', r.id, trim(p.given_names || ' ' || p.family_name)
       FROM regs r JOIN participants p ON p.id = r.participant_id
       UNION ALL
       SELECT 'participant', p.id, trim(p.given_names || ' ' || p.family_name)
       FROM regs r JOIN participants p ON p.id = r.participant_id
     ),
     sets AS (
       SELECT c.entity, c.entity_id, rec.name, f.key AS field, f.value, c.device_id, c.hlc
       FROM records rec
       JOIN changes c ON c.entity = rec.entity AND c.entity != 'checkin' AND c.entity_id = rec.entity_id
       JOIN json_each(c.fields) f
     ),
     disputed AS (
       SELECT entity, entity_id, field FROM sets GROUP BY entity, entity_id, field HAVING count(DISTINCT device_id) > 1
     )
     SELECT s.entity, s.entity_id, s.name, s.field, s.value, s.device_id, s.hlc
     FROM sets s JOIN disputed d USING (entity, entity_id, field)
     ORDER BY s.name, s.entity_id, s.field, s.hlc DESC`,
  ).all({ event: eventId }) as {
    entity: 'participant' | 'registration';
    entity_id: string;
    name: string;
    field: string;
    value: string | number | null;
    device_id: string;
    hlc: string;
  }[];
  const fieldConflicts: SyncConflicts['fieldConflicts'] = [];
  for (const row of rows) {
    if (bookkeeping.has(row.field)) continue;
    const last = fieldConflicts.at(-1);
    const value = { value: row.value, device: row.device_id, at: row.hlc.slice(0, 24) };
    if (last && last.recordId === row.entity_id && last.field === row.field && last.entity === row.entity) {
      last.values.push(value);
    } else {
      fieldConflicts.push({
        entity: row.entity,
        recordId: row.entity_id,
        name: row.name,
        field: row.field,
        values: [value],
      });
    }
  }
  return { duplicateCheckIns, uncountedCheckIns, possibleDuplicates, fieldConflicts };
}

// Each branch walks the event's registrations once and reaches the other person through participants' own indexes
// (by email, by folded name and country) and registrations' (event, person) one: no pairing of the whole roster.
export const duplicatesSql = `
  WITH regs AS (SELECT id, participant_id FROM registrations WHERE event_id = $event AND status != 'cancelled'),
  pairs AS (
    SELECT ra.id AS a, rb.id AS b, pa.id AS pa, pb.id AS pb, 'email' AS reason
    FROM regs ra JOIN participants pa ON pa.id = ra.participant_id
    JOIN participants pb ON pb.email = pa.email AND pb.id > pa.id
    JOIN registrations rb ON rb.event_id = $event AND rb.participant_id = pb.id AND rb.status != 'cancelled'
    WHERE pa.email IS NOT NULL
    UNION ALL
    SELECT ra.id, rb.id, pa.id, pb.id, 'name_country'
    FROM regs ra JOIN participants pa ON pa.id = ra.participant_id
    JOIN participants pb ON pb.sort_name = pa.sort_name AND pb.country = pa.country AND pb.id > pa.id
    JOIN registrations rb ON rb.event_id = $event AND rb.participant_id = pb.id AND rb.status != 'cancelled'
    -- An erased person has no name left to compare; a pair already found by email is listed once.
    WHERE pa.erased_at IS NULL AND (pa.email IS NULL OR pb.email IS NULL OR pa.email != pb.email)
  )
  SELECT pairs.a, pairs.b, pairs.reason,
         trim(pa.given_names || ' ' || pa.family_name) AS a_name, trim(pb.given_names || ' ' || pb.family_name) AS b_name
  FROM pairs JOIN participants pa ON pa.id = pairs.pa JOIN participants pb ON pb.id = pairs.pb
  WHERE NOT EXISTS (
    SELECT 1 FROM person_matches m WHERE m.id = pairs.pa || '|' || pairs.pb AND m.decision = 'rejected')
  ORDER BY a_name, pairs.a, pairs.b`;

function possibleDuplicatesOf(db: Db, eventId: string): SyncConflicts['possibleDuplicates'] {
  const rows = prepared(db, duplicatesSql).all({ event: eventId }) as {
    a: string;
    b: string;
    reason: 'email' | 'name_country';
    a_name: string;
    b_name: string;
  }[];
  return rows.map((row) => ({
    registrationId: row.a,
    name: row.a_name,
    otherRegistrationId: row.b,
    otherName: row.b_name,
    reason: row.reason,
  }));
}
