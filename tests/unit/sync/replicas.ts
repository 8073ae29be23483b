// Replicas for sync tests: cores on real SQLite files with clocks the test moves, and bundle delivery between them.
import { randomUUID } from 'node:crypto';
import type { Input } from '../../../electron/core/api/contract';
import type { Core } from '../../../electron/core/context';
import { exportBundle, importBundle, type ImportResult } from '../../../electron/core/sync/sync';
import { eventState } from '../../../electron/core/sync/scope';
import { nairobi, ok, tempCore } from '../helpers';

export const passphrase = 'kiosks of the Nairobi workshop';
export const start = Date.parse('2023-09-12T06:00:00.000Z');

export interface Replica {
  core: Core;
  /** Moves this replica's wall clock (milliseconds since `start`). */
  setTime(ms: number): void;
}

export function replica(at = 0): Replica {
  let now = start + at;
  const core = tempCore({ wallClock: () => now });
  return { core, setTime: (ms) => (now = start + ms) };
}

export function hasEvent(core: Core, eventId: string): boolean {
  return core.ctx.db.prepare('SELECT 1 FROM events WHERE id = ?').get(eventId) !== undefined;
}

/** Sends `to` what it lacks of the event (everything when it has never seen it), as a sealed file would. */
export async function deliver(from: Core, to: Core, eventId: string): Promise<ImportResult> {
  const since = hasEvent(to, eventId) ? eventState(to.ctx.db, eventId).vector : undefined;
  const { bytes } = await exportBundle(from.ctx, { eventId, passphrase, since });
  return importBundle(to.ctx, bytes, { passphrase, eventId });
}

export async function seedEvent(core: Core): Promise<{ eventId: string; sessionIds: string[] }> {
  const event = await ok(core, 'event.create', nairobi);
  return { eventId: event.id, sessionIds: event.sessions.map((s) => s.id) };
}

export async function addPerson(
  core: Core,
  eventId: string,
  familyName: string,
  extra: Partial<Input<'participant.create'>> = {},
) {
  return ok(core, 'participant.create', {
    eventId,
    givenNames: 'Amina',
    familyName,
    gender: 'female',
    country: 'KE',
    organisation: 'National Police Service',
    organisationType: 'law_enforcement',
    category: 'partner_state_delegate',
    ...extra,
  } as Input<'participant.create'>);
}

export async function checkIn(core: Core, sessionId: string, registrationId: string) {
  return ok(core, 'checkin.create', { id: randomUUID(), sessionId, registrationId, method: 'manual' });
}

/** What a replica's users see of an event: people with their fields, registrations, and attendance per session. */
export function content(core: Core, eventId: string): unknown {
  const db = core.ctx.db;
  return {
    event: db.prepare('SELECT * FROM events WHERE id = ?').get(eventId),
    sessions: db.prepare('SELECT * FROM sessions WHERE event_id = ? ORDER BY id').all(eventId),
    // Whole rows, local row numbers aside (each replica numbers its rows in its own arrival order).
    people: (
      db
        .prepare(
          `SELECT p.*, r.id AS registration, r.status, r.category, r.code, r.updated_at AS registration_updated_at
           FROM registrations r JOIN participants p ON p.id = r.participant_id WHERE r.event_id = ? ORDER BY r.id`,
        )
        .all(eventId) as Record<string, unknown>[]
    ).map((row) => Object.fromEntries(Object.entries(row).filter(([column]) => column !== 'seq'))),
    roster: db
      .prepare('SELECT registration_id, sort_name, status, category FROM roster WHERE event_id = ? ORDER BY 1')
      .all(eventId),
    attendance: db
      .prepare(
        `SELECT a.session_id, a.registration_id, a.checkin_id, a.active_count, a.checkout_id FROM attendance a
         JOIN sessions s ON s.id = a.session_id WHERE s.event_id = ? ORDER BY 1, 2`,
      )
      .all(eventId),
    checkins: db
      .prepare(
        `SELECT c.id, c.kind, c.reverses FROM checkins c JOIN registrations r ON r.id = c.registration_id
         WHERE r.event_id = ? ORDER BY c.id`,
      )
      .all(eventId),
  };
}
