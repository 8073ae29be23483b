import type { z } from 'zod';
import { defineEntity } from '../changes/write';
import type { Db } from '../db/driver';
import { prepared } from '../db/statements';
import { genders, type Gender } from '../participants/schema';
import type { CheckInRecord, counters, recentEntry } from './schema';

/** Check-ins sync like every other record, but are only ever created (the table refuses UPDATE and DELETE). */
export const checkinEntity = defineEntity('checkin', 'checkins', [
  'kind',
  'registration_id',
  'session_id',
  'reverses',
  'method',
  'device_id',
  'at',
  'operator',
] as const);

interface RecordRow {
  id: string;
  kind: string;
  registration_id: string;
  session_id: string;
  reverses: string | null;
  method: string | null;
  device_id: string;
  at: string;
  operator: string | null;
}

function toRecord(row: RecordRow): CheckInRecord {
  return {
    id: row.id,
    kind: row.kind as CheckInRecord['kind'],
    registrationId: row.registration_id,
    sessionId: row.session_id,
    reverses: row.reverses,
    method: row.method as CheckInRecord['method'],
    device: row.device_id,
    at: row.at,
    operator: row.operator,
  };
}

export function findRecord(db: Db, id: string): CheckInRecord | undefined {
  const row = prepared(db, 'SELECT * FROM checkins WHERE id = ?').get(id) as RecordRow | undefined;
  return row && toRecord(row);
}

export function reversalOf(db: Db, id: string): CheckInRecord | undefined {
  const row = prepared(db, 'SELECT * FROM checkins WHERE reverses = ? LIMIT 1').get(id) as RecordRow | undefined;
  return row && toRecord(row);
}

export interface Presence {
  checkInId: string;
  at: string;
  device: string;
  method: string | null;
  operator: string | null;
  checkOutId: string | null;
  checkedOutAt: string | null;
}

/** The person's live check-in for the session (the projection the trigger keeps), if any. */
export function presence(db: Db, sessionId: string, registrationId: string): Presence | undefined {
  return prepared(
    db,
    `SELECT checkin_id AS checkInId, checked_in_at AS at, device_id AS device, method, operator,
            checkout_id AS checkOutId, checked_out_at AS checkedOutAt
     FROM attendance WHERE session_id = ? AND registration_id = ?`,
  ).get(sessionId, registrationId) as Presence | undefined;
}

/**
 * Checked in against expected for a session, by gender. Expected reads the roster projection (one narrow row per
 * registration); checked in reads only the session's live check-ins, so neither joins the whole roster. A person
 * checked in and then cancelled leaves both, as in the reports and the dashboard: otherwise the desk could show
 * more people in than expected, and a different count from the dashboard beside it.
 */
export function sessionCounters(db: Db, eventId: string, sessionId: string): z.input<typeof counters> {
  const expectedRows = prepared(
    db,
    `SELECT gender, count(*) AS n FROM roster WHERE event_id = ? AND status != 'cancelled' GROUP BY gender`,
  ).all(eventId) as { gender: string; n: number }[];
  const presentRows = prepared(
    db,
    `SELECT e.gender, count(*) AS n, count(a.checked_out_at) AS out
     FROM attendance a JOIN roster e ON e.registration_id = a.registration_id
     WHERE a.session_id = ? AND e.status != 'cancelled' GROUP BY e.gender`,
  ).all(sessionId) as { gender: string; n: number; out: number }[];
  const byGender = Object.fromEntries(genders.map((g) => [g, { expected: 0, checkedIn: 0 }])) as Record<
    Gender,
    { expected: number; checkedIn: number }
  >;
  const tally = (gender: string) => byGender[gender as Gender] ?? { expected: 0, checkedIn: 0 };
  for (const row of expectedRows) tally(row.gender).expected += row.n;
  for (const row of presentRows) tally(row.gender).checkedIn += row.n;
  const sum = (rows: { n: number }[]) => rows.reduce((total, row) => total + row.n, 0);
  return {
    sessionId,
    expected: sum(expectedRows),
    checkedIn: sum(presentRows),
    checkedOut: presentRows.reduce((total, row) => total + row.out, 0),
    byGender,
  };
}

/**
 * The last records made at this desk for a session, newest first: read from this device's change log (design.md,
 * principle 5: undo is built on the change record), so check-ins need no index by time of their own, one page
 * fewer to write per check-in. The log is walked back from its newest entry (`+ch.entity` keeps the planner off the
 * per-record index, which would sort every check-in ever made) and the walk stops at `limit`.
 */
export function recentRecords(db: Db, device: string, sessionId: string, limit: number): z.input<typeof recentEntry>[] {
  const rows = prepared(
    db,
    `SELECT c.*, p.given_names, p.family_name, r.code,
            EXISTS (SELECT 1 FROM checkins u WHERE u.reverses = c.id) AS undone
     FROM changes ch
     JOIN checkins c ON c.id = ch.entity_id
     JOIN registrations r ON r.id = c.registration_id
     JOIN participants p ON p.id = r.participant_id
     WHERE ch.device_id = ? AND +ch.entity = 'checkin' AND c.session_id = ?
     ORDER BY ch.seq DESC
     LIMIT ?`,
  ).all(device, sessionId, limit) as (RecordRow & {
    given_names: string;
    family_name: string;
    code: string;
    undone: number;
  })[];
  return rows.map((row) => ({
    ...toRecord(row),
    givenNames: row.given_names,
    familyName: row.family_name,
    code: row.code,
    undone: row.undone === 1,
  }));
}

export interface DeskSession {
  id: string;
  name: string;
  eventId: string;
  eventTitle: string;
  timeZone: string;
  archived: boolean;
}

/** The session a check-in is for, with what the desk needs of its event; undefined if removed or unknown. */
export function deskSession(db: Db, id: string): DeskSession | undefined {
  const row = prepared(
    db,
    `SELECT s.id, s.name, s.event_id AS eventId, e.title AS eventTitle, e.time_zone AS timeZone,
            e.archived_at IS NOT NULL AS archived
     FROM sessions s JOIN events e ON e.id = s.event_id
     WHERE s.id = ? AND s.removed_at IS NULL`,
  ).get(id) as (Omit<DeskSession, 'archived'> & { archived: number }) | undefined;
  return row && { ...row, archived: row.archived === 1 };
}

export interface Attendee {
  registrationId: string;
  eventId: string;
  status: string;
  code: string;
  name: string;
  /** 1 when the person's personal data was erased (erasure/erase.ts). */
  erased: number;
}

const attendeeSql = `
  SELECT r.id AS registrationId, r.event_id AS eventId, r.status, r.code,
         trim(p.given_names || ' ' || p.family_name) AS name, p.erased_at IS NOT NULL AS erased
  FROM registrations r JOIN participants p ON p.id = r.participant_id`;

export function attendeeById(db: Db, registrationId: string): Attendee | undefined {
  return prepared(db, `${attendeeSql} WHERE r.id = ?`).get(registrationId) as Attendee | undefined;
}

export function attendeeByCode(db: Db, eventId: string, code: string): Attendee | undefined {
  return prepared(db, `${attendeeSql} WHERE r.event_id = ? AND r.code = ?`).get(eventId, code) as Attendee | undefined;
}
