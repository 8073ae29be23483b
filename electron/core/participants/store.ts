import { notFound } from '../api/errors';
import { defineEntity } from '../changes/write';
import type { Db } from '../db/driver';
import { prepared } from '../db/statements';
import type { Language } from '../events/schema';
import type { Attendance, Category, Gender, Participant, Registration, RosterRow, Status } from './schema';

export const participantEntity = defineEntity('participant', 'participants', [
  'honorific',
  'given_names',
  'family_name',
  'badge_name',
  'gender',
  'country',
  'nationality',
  'organisation',
  'organisation_type',
  'job_title',
  'email',
  'phone',
  'preferred_language',
  'accessibility',
  'dietary',
  'consent_at',
  'consent_notice',
  'photo_consent',
  'notes',
  'created_at',
  'updated_at',
  'erased_at',
] as const);
export type ParticipantColumn = (typeof participantEntity.columns)[number];

export const registrationEntity = defineEntity('registration', 'registrations', [
  'event_id',
  'participant_id',
  'category',
  'status',
  'code',
  'created_at',
  'updated_at',
  // The person's figures as they were at this event (migration 0022, participants/figures.ts).
  'gender',
  'country',
  'organisation_type',
] as const);
export type RegistrationColumn = (typeof registrationEntity.columns)[number];

export interface ParticipantRow {
  id: string;
  honorific: string;
  given_names: string;
  family_name: string;
  badge_name: string;
  gender: string;
  country: string;
  nationality: string | null;
  organisation: string;
  organisation_type: string;
  job_title: string;
  email: string | null;
  phone: string | null;
  preferred_language: string | null;
  accessibility: string;
  dietary: string;
  consent_at: string | null;
  consent_notice: string | null;
  photo_consent: number;
  notes: string;
  created_at: string;
  updated_at: string;
}

export interface RegistrationRow {
  id: string;
  event_id: string;
  participant_id: string;
  category: string;
  status: string;
  code: string;
  created_at: string;
  updated_at: string;
}

// Rows hold values the contract let in; the output schema checks them again on the way out.
export function toParticipant(row: ParticipantRow): Participant {
  return {
    id: row.id,
    honorific: row.honorific,
    givenNames: row.given_names,
    familyName: row.family_name,
    badgeName: row.badge_name,
    gender: row.gender as Gender,
    country: row.country,
    nationality: row.nationality,
    organisation: row.organisation,
    organisationType: row.organisation_type as Participant['organisationType'],
    jobTitle: row.job_title,
    email: row.email,
    phone: row.phone,
    preferredLanguage: row.preferred_language as Language | null,
    accessibility: row.accessibility,
    dietary: row.dietary,
    consent:
      row.consent_at !== null && row.consent_notice !== null
        ? { at: row.consent_at, noticeVersion: row.consent_notice }
        : null,
    photoConsent: row.photo_consent === 1,
    notes: row.notes,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toRegistration(row: RegistrationRow): Registration {
  return {
    id: row.id,
    eventId: row.event_id,
    participantId: row.participant_id,
    category: row.category as Category,
    status: row.status as Status,
    code: row.code,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function findParticipant(db: Db, id: string): Participant | undefined {
  const row = prepared(db, 'SELECT * FROM participants WHERE id = ?').get(id) as ParticipantRow | undefined;
  return row && toParticipant(row);
}

export function getParticipant(db: Db, id: string): Participant {
  const found = findParticipant(db, id);
  if (!found) throw notFound('Participant', id);
  return found;
}

export function getRegistration(db: Db, id: string): Registration {
  const row = prepared(db, 'SELECT * FROM registrations WHERE id = ?').get(id) as RegistrationRow | undefined;
  if (!row) throw notFound('Registration', id);
  return toRegistration(row);
}

export function registrationByCode(db: Db, eventId: string, code: string): Registration | undefined {
  const row = prepared(db, 'SELECT * FROM registrations WHERE event_id = ? AND code = ?').get(eventId, code) as
    RegistrationRow | undefined;
  return row && toRegistration(row);
}

export function registrationsOf(db: Db, participantId: string): Registration[] {
  const rows = prepared(db, 'SELECT * FROM registrations WHERE participant_id = ? ORDER BY created_at, id').all(
    participantId,
  ) as RegistrationRow[];
  return rows.map(toRegistration);
}

export interface EventBasics {
  title: string;
  country: string;
  archived: boolean;
}

/** What registering someone needs of the event: its name, its country (for local phone numbers), whether archived. */
export function eventBasics(db: Db, eventId: string): EventBasics {
  const row = prepared(db, 'SELECT title, country, archived_at IS NOT NULL AS archived FROM events WHERE id = ?').get(
    eventId,
  ) as { title: string; country: string; archived: number } | undefined;
  if (!row) throw notFound('Event', eventId);
  return { ...row, archived: row.archived === 1 };
}

/** Refuses an unknown event with not_found, cheaply (no sessions loaded): searches call it on every keystroke. */
export function requireEvent(db: Db, eventId: string): void {
  if (prepared(db, 'SELECT 1 FROM events WHERE id = ?').pluck().get(eventId) !== 1) throw notFound('Event', eventId);
}

export function codeInUse(db: Db, eventId: string, code: string): boolean {
  return prepared(db, 'SELECT 1 FROM registrations WHERE event_id = ? AND code = ?').pluck().get(eventId, code) === 1;
}

/**
 * What registering many people for one event looks up once rather than per person (an import's save, 100,000 of
 * them): the event's basics and every check-in code given for it, which registering keeps up to date. Valid only
 * inside the one write transaction that read it, which holds SQLite's write lock: nothing else can register anyone
 * or archive the event meanwhile.
 */
export interface EventFacts {
  eventId: string;
  basics: EventBasics;
  codes: Set<string>;
}

export function eventFacts(db: Db, eventId: string): EventFacts {
  if (!db.inTransaction) throw new Error('Event facts are read inside the write transaction that uses them.');
  const codes = prepared(db, 'SELECT code FROM registrations WHERE event_id = ?').pluck().all(eventId) as string[];
  return { eventId, basics: eventBasics(db, eventId), codes: new Set(codes) };
}

/** `facts` when given for this event; facts of another event would lend it their basics and their codes. */
export function factsFor(eventId: string, facts: EventFacts | undefined): EventFacts | undefined {
  if (facts && facts.eventId !== eventId) throw new Error(`Facts of event ${facts.eventId} used for event ${eventId}.`);
  return facts;
}

/** The countries of the events a person is registered for, most recent first: how their local numbers are read. */
export function eventCountriesOf(db: Db, participantId: string): string[] {
  return prepared(
    db,
    `SELECT e.country FROM registrations r JOIN events e ON e.id = r.event_id
       WHERE r.participant_id = ? ORDER BY e.start_date DESC`,
  )
    .pluck()
    .all(participantId) as string[];
}

/**
 * The columns of a roster line, with the person's check-in for the session bound as @session. Gender, country and
 * organisation type are the registration's (as the person was at this event, the same the event's figures count);
 * a registration an older Muster made without them shows the person's.
 */
export const rosterColumns = `
  r.id AS registration_id, r.participant_id, r.code, r.status, r.category,
  p.honorific, p.given_names, p.family_name, p.badge_name, coalesce(r.gender, p.gender) AS gender,
  coalesce(r.country, p.country) AS country, p.organisation,
  coalesce(r.organisation_type, p.organisation_type) AS organisation_type, p.job_title, p.email,
  a.checkin_id, a.checked_in_at, a.device_id, a.method, a.operator, a.checked_out_at, a.active_count`;

export const rosterJoins = `
  FROM registrations r
  JOIN participants p ON p.id = r.participant_id
  LEFT JOIN attendance a ON a.session_id = @session AND a.registration_id = r.id`;

export interface RosterRowData {
  registration_id: string;
  participant_id: string;
  code: string;
  status: string;
  category: string;
  honorific: string;
  given_names: string;
  family_name: string;
  badge_name: string;
  gender: string;
  country: string;
  organisation: string;
  organisation_type: string;
  job_title: string;
  email: string | null;
  checkin_id: string | null;
  checked_in_at: string | null;
  device_id: string | null;
  method: string | null;
  operator: string | null;
  checked_out_at: string | null;
  active_count: number | null;
}

export function toRosterRow(row: RosterRowData): RosterRow {
  return {
    registrationId: row.registration_id,
    participantId: row.participant_id,
    code: row.code,
    status: row.status as Status,
    category: row.category as Category,
    honorific: row.honorific,
    givenNames: row.given_names,
    familyName: row.family_name,
    badgeName: row.badge_name,
    gender: row.gender as Gender,
    country: row.country,
    organisation: row.organisation,
    organisationType: row.organisation_type as RosterRow['organisationType'],
    jobTitle: row.job_title,
    email: row.email,
    attendance: toAttendance(row),
  };
}

function toAttendance(row: RosterRowData): Attendance | null {
  if (row.checkin_id === null || row.checked_in_at === null || row.device_id === null) return null;
  return {
    state: row.checked_out_at === null ? 'checked_in' : 'checked_out',
    checkInId: row.checkin_id,
    at: row.checked_in_at,
    device: row.device_id,
    method: row.method as Attendance['method'],
    operator: row.operator,
    checkedOutAt: row.checked_out_at,
    duplicates: (row.active_count ?? 0) > 1,
  };
}
