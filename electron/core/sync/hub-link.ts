import { notFound } from '../api/errors';
import type { Context } from '../context';
import type { Db } from '../db/driver';
import { prepared } from '../db/statements';
import { requireEvent } from '../participants/store';
import type { HubFailure, SyncHubState } from './hub-link-schema';
import { eventChangesAfter } from './scope';

/** A kiosk's link to an event's hub, as the background loop reads it. */
export interface HubLink {
  eventId: string;
  url: string;
  passphrase: string;
  /** When this link was made: a round started under an older link (left, joined again) records nothing. */
  joinedAt: string;
}

interface LinkRow {
  event_id: string;
  url: string;
  passphrase: string;
  joined_at: string;
  last_attempt_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  last_error_kind: HubFailure | null;
  last_applied: number;
  failures: number;
  synced_seq: number;
  pulled_seq: number;
}

/**
 * Links the event to a hub (replacing any earlier link): the loop in the process that owns the database takes it up.
 * The event need not be here yet: a kiosk set up at the venue joins with what the hub's code says, and its first
 * round downloads the whole event.
 */
export function joinHub(ctx: Context, input: { eventId: string; url: string; passphrase: string }): SyncHubState {
  prepared(
    ctx.db,
    `INSERT INTO hub_links (event_id, url, passphrase, joined_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (event_id) DO UPDATE SET url = excluded.url, passphrase = excluded.passphrase,
       joined_at = excluded.joined_at, last_attempt_at = NULL, last_success_at = NULL, last_error = NULL,
       last_error_kind = NULL, last_applied = 0, failures = 0, synced_seq = 0, pulled_seq = 0`,
  ).run(input.eventId, input.url, input.passphrase, ctx.now().toISOString());
  return hubState(ctx, input.eventId);
}

/** Forgets the event's hub (and its passphrase): the loop stops syncing it; the data stays. */
export function leaveHub(ctx: Context, eventId: string): SyncHubState {
  if (prepared(ctx.db, 'DELETE FROM hub_links WHERE event_id = ?').run(eventId).changes === 0) {
    throw notFound('Hub link of event', eventId);
  }
  return unlinked(eventId);
}

/** Events joined on a hub that have not arrived here yet: the first round has not succeeded (wrong passphrase, no hub). */
export function waitingLinks(ctx: Context): SyncHubState[] {
  const ids = prepared(
    ctx.db,
    'SELECT event_id FROM hub_links l WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = l.event_id) ORDER BY joined_at',
  )
    .pluck()
    .all() as string[];
  return ids.map((eventId) => hubState(ctx, eventId));
}

/** Every event linked to a hub, for the loop. */
export function hubLinks(db: Db): HubLink[] {
  return (
    prepared(db, 'SELECT event_id, url, passphrase, joined_at FROM hub_links ORDER BY event_id').all() as Pick<
      LinkRow,
      'event_id' | 'url' | 'passphrase' | 'joined_at'
    >[]
  ).map((row) => ({ eventId: row.event_id, url: row.url, passphrase: row.passphrase, joinedAt: row.joined_at }));
}

/** The newest local change number: where a round stood before it read what to upload, and after it applied. */
export function lastSeq(db: Db): number {
  return (prepared(db, 'SELECT max(seq) FROM changes').pluck().get() as number | null) ?? 0;
}

export function recordSuccess(
  db: Db,
  link: HubLink,
  outcome: { at: Date; before: number; after: number; applied: number },
): void {
  prepared(
    db,
    `UPDATE hub_links SET last_attempt_at = $at, last_success_at = $at, last_error = NULL, last_error_kind = NULL,
       failures = 0, last_applied = $applied, synced_seq = $before, pulled_seq = $after
     WHERE event_id = $event AND joined_at = $joined`,
  ).run({
    at: outcome.at.toISOString(),
    applied: outcome.applied,
    before: outcome.before,
    after: outcome.after,
    event: link.eventId,
    joined: link.joinedAt,
  });
}

export function recordFailure(db: Db, link: HubLink, failure: { at: Date; kind: HubFailure; message: string }): number {
  prepared(
    db,
    `UPDATE hub_links SET last_attempt_at = $at, last_error = $message, last_error_kind = $kind,
       failures = failures + 1
     WHERE event_id = $event AND joined_at = $joined`,
  ).run({
    at: failure.at.toISOString(),
    message: failure.message,
    kind: failure.kind,
    event: link.eventId,
    joined: link.joinedAt,
  });
  return (
    (prepared(db, 'SELECT failures FROM hub_links WHERE event_id = ? AND joined_at = ?')
      .pluck()
      .get(link.eventId, link.joinedAt) as number | undefined) ?? 0
  );
}

/**
 * The event's link as the status indicator shows it. Changes waiting are those written here after the last
 * successful round read what to upload, except those that round itself brought down from the hub (another device's,
 * applied before it finished): a check-in made during a round may be counted once too often, never once too few.
 */
export function hubState(ctx: Context, eventId: string): SyncHubState {
  const row = prepared(ctx.db, 'SELECT * FROM hub_links WHERE event_id = ?').get(eventId) as LinkRow | undefined;
  if (!row) {
    requireEvent(ctx.db, eventId);
    return unlinked(eventId);
  }
  // An event not here yet has nothing of its own to upload.
  const here = prepared(ctx.db, 'SELECT 1 FROM events WHERE id = ?').get(eventId) !== undefined;
  const waiting = here ? waitingChanges(ctx, eventId, row) : 0;
  return {
    eventId,
    linked: true,
    url: row.url,
    connection: row.last_attempt_at === null ? 'connecting' : row.failures > 0 ? 'offline' : 'online',
    lastAttemptAt: row.last_attempt_at,
    lastSuccessAt: row.last_success_at,
    lastApplied: row.last_applied,
    failures: row.failures,
    lastError: row.last_error_kind === null ? null : { kind: row.last_error_kind, message: row.last_error ?? '' },
    waiting,
  };
}

function unlinked(eventId: string): SyncHubState {
  return {
    eventId,
    linked: false,
    url: null,
    connection: 'none',
    lastAttemptAt: null,
    lastSuccessAt: null,
    lastApplied: 0,
    failures: 0,
    lastError: null,
    waiting: null,
  };
}

// The indicator asks every few seconds; with nothing written since, the answer is the same, so the event's scope
// (all its people and check-ins) is not gathered again: one lookup of the newest change number instead.
const waitingCache = new WeakMap<Db, Map<string, { key: string; waiting: number }>>();

function waitingChanges(ctx: Context, eventId: string, row: LinkRow): number {
  const key = `${lastSeq(ctx.db)}:${row.synced_seq}:${row.pulled_seq}`;
  let cache = waitingCache.get(ctx.db);
  if (!cache) waitingCache.set(ctx.db, (cache = new Map()));
  const cached = cache.get(eventId);
  if (cached?.key === key) return cached.waiting;
  const waiting = eventChangesAfter(ctx.db, eventId, row.synced_seq).filter(
    (change) => change.device_id === ctx.device || change.seq > row.pulled_seq,
  ).length;
  cache.set(eventId, { key, waiting });
  return waiting;
}
