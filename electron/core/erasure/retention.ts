import type { Context } from '../context';
import type { Db } from '../db/driver';
import { prepared } from '../db/statements';
import { writeTransaction } from '../db/transaction';
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

// An event still holds its people when it keeps them until erased by hand, or its retention has not passed yet.
const holds = `(e.retention_days IS NULL OR date(e.end_date, '+' || e.retention_days || ' days') >= @today)`;

/**
 * The people whose every registration is for an event whose retention has passed. Someone also registered for an
 * event that still holds their data (a later workshop, or one kept by hand) keeps it: the same record serves both.
 */
export function dueForErasure(db: Db, on: string): string[] {
  return prepared(
    db,
    `SELECT p.id FROM participants p
     WHERE p.erased_at IS NULL
       AND EXISTS (SELECT 1 FROM registrations r WHERE r.participant_id = p.id)
       AND NOT EXISTS (
         SELECT 1 FROM registrations r JOIN events e ON e.id = r.event_id
         WHERE r.participant_id = p.id AND ${holds})
     ORDER BY p.id`,
  )
    .pluck()
    .all({ today: on }) as string[];
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
    const due = dueForErasure(ctx.db, today(ctx));
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
  const on = today(ctx);
  const rows = prepared(
    ctx.db,
    `SELECT e.id, e.title, e.end_date, e.retention_days,
            (SELECT count(*) FROM registrations r JOIN participants p ON p.id = r.participant_id
             WHERE r.event_id = e.id AND p.erased_at IS NULL) AS people
     FROM events e ORDER BY e.end_date, e.title`,
  ).all() as { id: string; title: string; end_date: string; retention_days: number | null; people: number }[];
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
        passed: until !== null && until < on,
        peopleWithData: row.people,
      };
    }),
  };
}
