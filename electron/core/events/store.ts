import { defineEntity } from '../changes/write';
import type { Db } from '../db/driver';
import { prepared } from '../db/statements';
import { notFound } from '../api/errors';
import type { Event, EventSummary, Language, Session } from './schema';

export const eventEntity = defineEntity('event', 'events', [
  'title',
  'venue',
  'city',
  'country',
  'start_date',
  'end_date',
  'time_zone',
  'languages',
  'signature_required',
  'privacy_notice',
  'privacy_notice_version',
  'archived_at',
  'created_at',
  'updated_at',
  'retention_days',
] as const);

export const sessionEntity = defineEntity('session', 'sessions', [
  'event_id',
  'name',
  'date',
  'start_time',
  'end_time',
  'removed_at',
  'created_at',
  'updated_at',
] as const);

interface EventRow {
  id: string;
  title: string;
  venue: string;
  city: string;
  country: string;
  start_date: string;
  end_date: string;
  time_zone: string;
  languages: string;
  signature_required: number;
  privacy_notice: string;
  privacy_notice_version: string;
  retention_days: number | null;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
  session_count: number;
}

interface SessionRow {
  id: string;
  event_id: string;
  name: string;
  date: string;
  start_time: string;
  end_time: string;
}

const summarySql = `
  SELECT e.*, (SELECT count(*) FROM sessions s WHERE s.event_id = e.id AND s.removed_at IS NULL) AS session_count
  FROM events e`;

function toSummary(row: EventRow): EventSummary {
  return {
    id: row.id,
    title: row.title,
    venue: row.venue,
    city: row.city,
    country: row.country,
    startDate: row.start_date,
    endDate: row.end_date,
    timeZone: row.time_zone,
    languages: JSON.parse(row.languages) as Language[],
    signatureRequired: row.signature_required === 1,
    privacyNotice: row.privacy_notice,
    privacyNoticeVersion: row.privacy_notice_version,
    retentionDays: row.retention_days,
    archived: row.archived_at !== null,
    sessionCount: row.session_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toSession(row: SessionRow): Session {
  return {
    id: row.id,
    eventId: row.event_id,
    name: row.name,
    date: row.date,
    startTime: row.start_time,
    endTime: row.end_time,
  };
}

export function listEvents(db: Db, includeArchived: boolean): EventSummary[] {
  const where = includeArchived ? '' : ' WHERE e.archived_at IS NULL';
  const rows = db.prepare(`${summarySql}${where} ORDER BY e.start_date DESC, e.title`).all() as EventRow[];
  return rows.map(toSummary);
}

export function getEvent(db: Db, id: string): Event {
  const row = db.prepare(`${summarySql} WHERE e.id = ?`).get(id) as EventRow | undefined;
  if (!row) throw notFound('Event', id);
  return { ...toSummary(row), sessions: listSessions(db, id) };
}

export function listSessions(db: Db, eventId: string): Session[] {
  const rows = db
    .prepare('SELECT * FROM sessions WHERE event_id = ? AND removed_at IS NULL ORDER BY date, start_time, name')
    .all(eventId) as SessionRow[];
  return rows.map(toSession);
}

export function getSession(db: Db, id: string): Session {
  const row = db.prepare('SELECT * FROM sessions WHERE id = ? AND removed_at IS NULL').get(id) as
    SessionRow | undefined;
  if (!row) throw notFound('Session', id);
  return toSession(row);
}

/** How many people stand checked in (or checked in, then out) per session, for those of `sessionIds` that have any. */
export function attendedSessions(db: Db, sessionIds: readonly string[]): Map<string, number> {
  const rows = prepared(
    db,
    `SELECT session_id AS id, count(*) AS people FROM attendance
     WHERE session_id IN (SELECT value FROM json_each(?)) GROUP BY session_id`,
  ).all(JSON.stringify(sessionIds)) as { id: string; people: number }[];
  return new Map(rows.map((r) => [r.id, r.people]));
}
