import { defineEntity } from '../changes/write';
import type { Db } from '../db/driver';
import { prepared } from '../db/statements';

/** One row per device: the kiosk it runs (if any), its PIN hash and its failed PIN attempts. */
export const kioskEntity = defineEntity('kiosk', 'kiosks', [
  'event_id',
  'session_id',
  'pin_hash',
  'idle_seconds',
  'started_at',
  'ended_at',
  'failed_attempts',
  'locked_until',
  'badge_printer',
  'badge_layout',
] as const);

/** The PNG drawn at a check-in; appended with it, never changed. The row's id is the check-in's. */
export const signatureEntity = defineEntity('signature', 'signatures', ['png'] as const);

export interface KioskRow {
  id: string;
  event_id: string | null;
  session_id: string | null;
  pin_hash: string | null;
  idle_seconds: number | null;
  started_at: string | null;
  ended_at: string | null;
  failed_attempts: number;
  locked_until: string | null;
  /** Set when the kiosk prints each person's badge at check-in: the printer's name ('' = the default printer). */
  badge_printer: string | null;
  badge_layout: string | null;
}

/** What leaving kiosk mode writes: ended now, and nothing kept that would let the old PIN or its lockout back. */
export function kioskEnded(at: Date) {
  return {
    ended_at: at.toISOString(),
    pin_hash: null,
    badge_printer: null,
    badge_layout: null,
    failed_attempts: 0,
    locked_until: null,
  };
}

export function kioskRow(db: Db, device: string): KioskRow | undefined {
  return prepared(db, 'SELECT * FROM kiosks WHERE id = ?').get(device) as KioskRow | undefined;
}

export function isActive(row: KioskRow | undefined): row is KioskRow & {
  event_id: string;
  session_id: string;
  pin_hash: string;
  started_at: string;
} {
  return (
    row !== undefined &&
    row.started_at !== null &&
    row.ended_at === null &&
    row.event_id !== null &&
    row.session_id !== null &&
    row.pin_hash !== null
  );
}

/** A registered person as the kiosk may know them: how to greet them, and nothing it would not show. */
export interface KioskPerson {
  registrationId: string;
  participantId: string;
  eventId: string;
  status: string;
  name: string;
  organisation: string;
  consentNotice: string | null;
}

// The badge name when there is one, as on the badge in their hand; else given and family names. An erased person is
// no one the kiosk knows: it sends them to the desk rather than greet a blank name and keep a fresh signature.
const personSql = `
  SELECT r.id AS registrationId, p.id AS participantId, r.event_id AS eventId, r.status,
         coalesce(nullif(trim(p.badge_name), ''), trim(p.given_names || ' ' || p.family_name)) AS name,
         p.organisation, p.consent_notice AS consentNotice
  FROM registrations r JOIN participants p ON p.id = r.participant_id`;

export function kioskPerson(db: Db, registrationId: string): KioskPerson | undefined {
  return prepared(db, `${personSql} WHERE r.id = ? AND p.erased_at IS NULL`).get(registrationId) as
    KioskPerson | undefined;
}

export function kioskPersonByCode(db: Db, eventId: string, code: string): KioskPerson | undefined {
  return prepared(db, `${personSql} WHERE r.event_id = ? AND r.code = ? AND p.erased_at IS NULL`).get(eventId, code) as
    KioskPerson | undefined;
}

export function signaturePng(db: Db, checkInId: string): string | undefined {
  return prepared(db, 'SELECT png FROM signatures WHERE id = ?').pluck().get(checkInId) as string | undefined;
}
