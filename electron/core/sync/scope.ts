import { createHash } from 'node:crypto';
import type { Db } from '../db/driver';
import { prepared } from '../db/statements';
import type { VersionVector } from './schema';

/** A change record as the log stores it. */
export interface ChangeRow {
  hlc: string;
  device_id: string;
  entity: string;
  entity_id: string;
  fields: string;
}

/**
 * The records a bundle of an event carries: the event and its badge key, its sessions and import mappings, its
 * registrations with their people, their check-ins with the signatures drawn for them, their badge records, the
 * event's programme and the person-match decisions about its people, and its feedback form, questions and responses.
 * A kiosk's own settings (its PIN, its printer) stay on the device. Participants are shared between events,
 * so a person's whole history travels with every event they are registered for.
 */
const scope = `
  WITH regs AS (SELECT id, participant_id FROM registrations WHERE event_id = $event),
  scope (entity, entity_id) AS (
    SELECT 'event', $event
    UNION ALL SELECT 'badge_key', $event
    UNION ALL SELECT 'session', id FROM sessions WHERE event_id = $event
    UNION ALL SELECT 'import_mapping', id FROM import_mappings WHERE event_id = $event
    UNION ALL SELECT 'registration', id FROM regs
    UNION ALL SELECT 'badge_issue', id FROM regs
    UNION ALL SELECT 'participant', participant_id FROM regs
    -- By session: a check-in's session and registration are of the same event, and checkins_by_person starts
    -- with the session (and, the table being WITHOUT ROWID, ends with the id), so this reads that index alone.
    UNION ALL SELECT 'checkin', c.id FROM sessions s JOIN checkins c ON c.session_id = s.id WHERE s.event_id = $event
    UNION ALL SELECT 'badge_print', b.id FROM badge_prints b JOIN regs r ON r.id = b.registration_id
    -- The programme the event belongs to, so a programme comes together wherever its events are synced, and the
    -- decisions about whether two records are one person, for anyone registered here.
    UNION ALL SELECT 'programme_event', $event
    UNION ALL SELECT 'programme', programme_id FROM programme_events WHERE id = $event AND programme_id IS NOT NULL
    UNION ALL SELECT 'person_match', m.id FROM person_matches m JOIN regs r ON r.participant_id = m.participant_a
    UNION ALL SELECT 'person_match', m.id FROM person_matches m JOIN regs r ON r.participant_id = m.participant_b
    -- The signature drawn at the kiosk, keyed by its check-in: headquarters prints it on the sign-in sheet.
    UNION ALL SELECT 'signature', g.id FROM sessions s JOIN checkins c ON c.session_id = s.id
      JOIN signatures g ON g.id = c.id WHERE s.event_id = $event
    -- The event's feedback form (keyed by the event), its questions and the responses given to it.
    UNION ALL SELECT 'feedback_form', $event
    UNION ALL SELECT 'feedback_question', id FROM feedback_questions WHERE event_id = $event
    UNION ALL SELECT 'feedback_response', id FROM feedback_responses WHERE event_id = $event
  )`;

// One pass over the log, probing the scope (which SQLite materialises once): check-ins are deliberately not in the
// per-record index (migration 0010), so a scan is the only plan that finds them, and it is linear in the log.
const changesSql = `${scope}
  SELECT c.hlc, c.device_id, c.entity, c.entity_id, c.fields FROM changes c
  WHERE (c.entity, c.entity_id) IN (SELECT entity, entity_id FROM scope)
  ORDER BY c.hlc`;

const timestampsSql = `${scope}
  SELECT c.hlc FROM changes c
  WHERE (c.entity, c.entity_id) IN (SELECT entity, entity_id FROM scope)
  ORDER BY c.hlc`;

/** Every change of the event's records, oldest first by clock (causal order, so parents come before children). */
export function eventChanges(db: Db, eventId: string): ChangeRow[] {
  return prepared(db, changesSql).all({ event: eventId }) as ChangeRow[];
}

/** The device a timestamp came from: its last 16 hex digits (changes/clock.ts). */
export function deviceOf(hlc: string): string {
  return hlc.slice(-16);
}

export interface EventState {
  vector: VersionVector;
  /** sha-256 over the sorted timestamps of the event's changes; equal digests mean equal change sets. */
  digest: string;
  changes: number;
}

/**
 * What this replica knows of an event. The digest covers the set of change records (each named by its timestamp,
 * which includes its device) rather than the tables: the merge rules are deterministic, so replicas holding the same
 * changes hold the same rows, and hashing timestamps reads one column instead of canonicalising every table.
 */
// The change log is only ever appended to, so its newest local number names its state: an event's vector and digest
// are read again only after something was written (a re-imported bundle, or a status poll every few seconds, then
// costs one index lookup instead of a scan).
const states = new WeakMap<Db, Map<string, { seq: number; state: EventState }>>();

export function eventState(db: Db, eventId: string): EventState {
  const seq = (prepared(db, 'SELECT max(seq) FROM changes').pluck().get() as number | null) ?? 0;
  let cache = states.get(db);
  if (!cache) states.set(db, (cache = new Map()));
  const cached = cache.get(eventId);
  if (cached && cached.seq === seq) return structuredClone(cached.state);
  const state = computeState(db, eventId);
  if (!db.inTransaction) cache.set(eventId, { seq, state: structuredClone(state) });
  return state;
}

function computeState(db: Db, eventId: string): EventState {
  const hash = createHash('sha256');
  const vector: VersionVector = {};
  let changes = 0;
  for (const hlc of prepared(db, timestampsSql).pluck().iterate({ event: eventId }) as Iterable<string>) {
    hash.update(hlc).update('\n');
    const device = deviceOf(hlc);
    // Rows arrive sorted, so the last one per device is its newest.
    vector[device] = hlc;
    changes += 1;
  }
  return { vector, digest: hash.digest('hex'), changes };
}

/**
 * The event's changes a peer with `since` lacks: each device's changes newer than the peer's newest from it. A person
 * registered for the event after the peer last synced joins the event's scope with their older history, which the
 * vector would skip, so a registration that names its person brings that person's whole history along (a change the
 * peer already has is a no-op there).
 */
export function changesSince(rows: readonly ChangeRow[], since: VersionVector | undefined): ChangeRow[] {
  if (!since) return [...rows];
  const newer = (row: ChangeRow) => {
    const seen = since[row.device_id];
    return seen === undefined || row.hlc > seen;
  };
  const joined = new Set<string>();
  for (const row of rows) {
    if (row.entity === 'registration' && newer(row)) {
      const fields = JSON.parse(row.fields) as Record<string, unknown>;
      if (typeof fields.participant_id === 'string') joined.add(fields.participant_id);
    }
  }
  return rows.filter((row) => newer(row) || (row.entity === 'participant' && joined.has(row.entity_id)));
}

// Only the log's tail after a local change number: a range of its primary key, probed against the event's scope.
const tailSql = `${scope}
  SELECT c.seq, c.device_id FROM changes c
  WHERE c.seq > $after AND (c.entity, c.entity_id) IN (SELECT entity, entity_id FROM scope)`;

/** The event's changes written here (made or received) after local change number `after`: their number and device. */
export function eventChangesAfter(db: Db, eventId: string, after: number): { seq: number; device_id: string }[] {
  return prepared(db, tailSql).all({ event: eventId, after }) as { seq: number; device_id: string }[];
}
