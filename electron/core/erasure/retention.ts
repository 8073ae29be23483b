import type { Context } from '../context';
import type { Db } from '../db/driver';
import { prepared } from '../db/statements';
import { writeTransaction } from '../db/transaction';
import { dayAt } from '../events/over';
import { clearWal, erasePerson, purgeSearchText } from './erase';

/** The last day an event's personal data is kept (its end date plus the retention), or null: kept until erased. */
export function keepUntil(endDate: string, retentionDays: number | null): string | null {
  if (retentionDays === null) return null;
  return new Date(Date.parse(`${endDate}T00:00:00Z`) + retentionDays * 86_400_000).toISOString().slice(0, 10);
}

/** Today as the retention rules read it: the UTC date of the context's clock, so tests can move it. */
function today(ctx: Pick<Context, 'now'>): string {
  return ctx.now().toISOString().slice(0, 10);
}

/**
 * Whether an event's retention has passed: its days are counted where it took place, as its last day is (a Port of
 * Spain workshop kept 0 days still holds its people at 21:00 on its last evening there, 01:00 UTC the next day).
 */
function passedAt(event: { endDate: string; retentionDays: number | null; timeZone: string }, now: Date): boolean {
  const until = keepUntil(event.endDate, event.retentionDays);
  return until !== null && until < dayAt(now, event.timeZone);
}

/** The events that still hold their people's data: kept until erased by hand, or their retention not yet passed. */
function holdingEvents(db: Db, now: Date): string[] {
  const events = prepared(
    db,
    'SELECT id, end_date AS endDate, retention_days AS retentionDays, time_zone AS timeZone FROM events',
  ).all() as { id: string; endDate: string; retentionDays: number | null; timeZone: string }[];
  return events.filter((event) => !passedAt(event, now)).map((event) => event.id);
}

/**
 * The people whose every registration is for an event whose retention has passed. Someone also registered for an
 * event that still holds their data (a later workshop, or one kept by hand) keeps it: the same record serves both.
 */
export function dueForErasure(db: Db, now: Date): string[] {
  return prepared(
    db,
    `SELECT p.id FROM participants p
     WHERE p.erased_at IS NULL
       AND EXISTS (SELECT 1 FROM registrations r WHERE r.participant_id = p.id)
       AND NOT EXISTS (
         SELECT 1 FROM registrations r
         WHERE r.participant_id = p.id AND r.event_id IN (SELECT value FROM json_each(@holding)))
     ORDER BY p.id`,
  )
    .pluck()
    .all({ holding: JSON.stringify(holdingEvents(db, now)) }) as string[];
}

export interface RetentionRun {
  ranAt: string;
  /** The people erased in this run, by id (what an audit entry records). */
  participantIds: string[];
  /** Whether the WAL was emptied after the erasure (false only when a reader held it; see clearWal). */
  walCleared: boolean;
}

/**
 * Erases everyone whose retention has passed, in one write transaction (all or nothing), then purges the search
 * indexes and empties the WAL. Run at start-up, daily, and on demand. Records when it ran (meta; local, not synced:
 * each replica runs its own, and the erasures it makes are what syncs).
 */
export function runRetention(ctx: Context): RetentionRun {
  const ranAt = ctx.now().toISOString();
  const participantIds = writeTransaction(ctx.db, () => {
    const due = dueForErasure(ctx.db, ctx.now());
    for (const id of due) erasePerson(ctx, id, 'retention');
    if (due.length > 0) purgeSearchText(ctx.db);
    prepared(
      ctx.db,
      `INSERT INTO meta (key, value) VALUES ('retention_ran_at', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    ).run(ranAt);
    return due;
  });
  return { ranAt, participantIds, walCleared: participantIds.length > 0 ? clearWal(ctx.db) : true };
}

export interface EventRetention {
  eventId: string;
  title: string;
  endDate: string;
  retentionDays: number | null;
  keepUntil: string | null;
  passed: boolean;
  /** People registered for the event whose personal data is still held. */
  peopleWithData: number;
}

export interface RetentionStatus {
  lastRunAt: string | null;
  today: string;
  events: EventRetention[];
}

/** Where each event stands: until when its people's data is kept, whether that passed, who still has data held. */
export function retentionStatus(ctx: Context): RetentionStatus {
  const now = ctx.now();
  const on = today(ctx);
  const rows = prepared(
    ctx.db,
    `SELECT e.id, e.title, e.end_date, e.retention_days, e.time_zone,
            (SELECT count(*) FROM registrations r JOIN participants p ON p.id = r.participant_id
             WHERE r.event_id = e.id AND p.erased_at IS NULL) AS people
     FROM events e ORDER BY e.end_date, e.title`,
  ).all() as {
    id: string;
    title: string;
    end_date: string;
    retention_days: number | null;
    time_zone: string;
    people: number;
  }[];
  const lastRunAt = prepared(ctx.db, "SELECT value FROM meta WHERE key = 'retention_ran_at'").pluck().get() as
    string | undefined;
  return {
    lastRunAt: lastRunAt ?? null,
    today: on,
    events: rows.map((row) => {
      const until = keepUntil(row.end_date, row.retention_days);
      return {
        eventId: row.id,
        title: row.title,
        endDate: row.end_date,
        retentionDays: row.retention_days,
        keepUntil: until,
        passed: passedAt({ endDate: row.end_date, retentionDays: row.retention_days, timeZone: row.time_zone }, now),
        peopleWithData: row.people,
      };
    }),
  };
}
