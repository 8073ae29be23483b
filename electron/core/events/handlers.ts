import type { z } from 'zod';
import { conflict, MusterError } from '../api/errors';
import type { Handlers } from '../api/handler';
import { create, write } from '../changes/write';
import { ensureEventKey } from '../badges/store';
import type { Context } from '../context';
import {
  daysBetween,
  defaultRetentionDays,
  eventDays,
  maxEventDays,
  type Event,
  type EventInput,
  type eventInput,
  type Session,
} from './schema';
import { attendedSessions, eventEntity, getEvent, getSession, listEvents, sessionEntity } from './store';
import { newId } from '../api/ids';
import { documentWords } from '../exports/words';

const defaultStart = '09:00';
const defaultEnd = '17:00';

function invalid(path: string, key: string, message: string): MusterError {
  return new MusterError('invalid_input', message, [{ path: [path], key, message }]);
}

function editable(ctx: Context, id: string): Event {
  const event = getEvent(ctx.db, id);
  if (event.archived) throw conflict(`The event "${event.title}" is archived; restore it before changing it.`);
  return event;
}

/**
 * "Day 2", or "Day 2 – session 2" when that day already has a session, in the event's first language ("Jour 2",
 * "День 2"): the name is printed on sign-in sheets and read at the kiosk. Only new sessions get it: a stored name is
 * data someone may have edited and synced, so it is never rewritten.
 */
function defaultName(event: Pick<Event, 'startDate' | 'sessions' | 'languages'>, date: string): string {
  const words = documentWords(event.languages[0] ?? 'en');
  // Digits as typed, not the language's numerals: a session name is an ordinary editable string.
  const day = words.text('session.day', { number: String(daysBetween(event.startDate, date) + 1) });
  const sameDay = event.sessions.filter((s) => s.date === date).length;
  return sameDay ? words.text('session.dayAndSession', { day, session: String(sameDay + 1) }) : day;
}

function addSession(
  ctx: Context,
  eventId: string,
  fields: { date: string; name: string; startTime?: string | undefined; endTime?: string | undefined },
): string {
  const id = newId();
  const stamp = ctx.now().toISOString();
  create(ctx, sessionEntity, id, {
    event_id: eventId,
    name: fields.name,
    date: fields.date,
    start_time: fields.startTime ?? defaultStart,
    end_time: fields.endTime ?? defaultEnd,
    created_at: stamp,
    updated_at: stamp,
  });
  return id;
}

function inRange(event: Pick<Event, 'startDate' | 'endDate'>, date: string): boolean {
  return date >= event.startDate && date <= event.endDate;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A session people checked in to is part of the attendance handed to donors: removing it would drop them from every
 * figure, and re-dating it would put their check-ins on a day they were not there. Refused, naming the sessions.
 */
function refuseIfAttended(ctx: Context, sessions: readonly Session[], doing: string): void {
  const attended = attendedSessions(
    ctx.db,
    sessions.map((s) => s.id),
  );
  if (attended.size === 0) return;
  const named = sessions
    .filter((s) => attended.has(s.id))
    .map((s) => `"${s.name}" (${s.date}, ${attended.get(s.id)} checked in)`);
  throw conflict(
    `People checked in to ${named.join(', ')}: ${doing}. Undo those check-ins first if they were mistakes.`,
  );
}

type EventColumns = Parameters<typeof write<(typeof eventEntity.columns)[number]>>[3];

function eventColumns(input: Partial<EventInput>): EventColumns {
  return {
    title: input.title,
    venue: input.venue,
    city: input.city,
    country: input.country,
    start_date: input.startDate,
    end_date: input.endDate,
    time_zone: input.timeZone,
    languages: input.languages && JSON.stringify(input.languages),
    signature_required: input.signatureRequired === undefined ? undefined : Number(input.signatureRequired),
    privacy_notice: input.privacyNotice,
    privacy_notice_version: input.privacyNoticeVersion,
    retention_days: input.retentionDays,
  };
}

function createEvent(ctx: Context, input: z.output<typeof eventInput>): Event {
  const id = newId();
  const stamp = ctx.now().toISOString();
  create(ctx, eventEntity, id, {
    ...eventColumns(input),
    retention_days: input.retentionDays === undefined ? defaultRetentionDays : input.retentionDays,
    created_at: stamp,
    updated_at: stamp,
  });
  for (const date of eventDays(input.startDate, input.endDate))
    addSession(ctx, id, {
      date,
      name: defaultName({ startDate: input.startDate, sessions: [], languages: input.languages }, date),
    });
  // The badge signing key is made with the event and travels with it, so every desk that receives the event signs
  // and verifies with the same key (two desks each making one on first use, offline, would refuse each other's).
  ensureEventKey(ctx, id);
  return getEvent(ctx.db, id);
}

function updateEvent(ctx: Context, id: string, changes: Partial<EventInput>): Event {
  const current = editable(ctx, id);
  const changed = Object.fromEntries(
    Object.entries(changes).filter(
      ([key, value]) => JSON.stringify(value) !== JSON.stringify(current[key as keyof EventInput]),
    ),
  ) as Partial<EventInput>;
  // A second click on Save, or a form sent unchanged, writes nothing.
  if (Object.keys(changed).length === 0) return current;

  const next = { ...current, ...changed };
  const span = daysBetween(next.startDate, next.endDate);
  if (span < 0) throw invalid('endDate', 'endBeforeStart', 'The end date must be on or after the start date.');
  if (span >= maxEventDays) throw invalid('endDate', 'eventTooLong', `An event can last at most ${maxEventDays} days.`);
  if (next.privacyNotice && !next.privacyNoticeVersion) {
    throw invalid('privacyNoticeVersion', 'noticeNeedsVersion', 'Give the notice a version, such as 2026-03.');
  }
  // The same length at other dates is the workshop moved (postponed a week): its days move with it, keeping their
  // names and times, unless one already has check-ins (that day happened).
  const moveBy = daysBetween(current.startDate, next.startDate);
  const moved = moveBy !== 0 && daysBetween(current.startDate, current.endDate) === span;
  if (moved) refuseIfAttended(ctx, current.sessions, 'the event’s dates cannot move');
  const outside = moved ? [] : current.sessions.filter((s) => !inRange(next, s.date));
  if (outside.length) {
    // Sessions can only move within the event's dates, so "move them first" cannot help a workshop that moves and
    // changes length at once: it moves in one edit (same length), then grows or shrinks in another.
    const hint = moveBy !== 0 ? ' To move the event, first change both dates by the same number of days.' : '';
    throw conflict(
      `Sessions ${outside.map((s) => `"${s.name}" (${s.date})`).join(', ')} fall outside the new dates; move or remove them first.${hint}`,
    );
  }

  write(ctx, eventEntity, id, { ...eventColumns(changed), updated_at: ctx.now().toISOString() });
  if (moved) {
    for (const s of current.sessions) {
      write(ctx, sessionEntity, s.id, { date: addDays(s.date, moveBy), updated_at: ctx.now().toISOString() });
    }
  }
  // Extending an event gives each new day its session, as creating it would have. Its number counts from the day
  // the existing sessions count from, so a day added before "Day 1" is "Day 0", not a second "Day 1".
  const covered = new Set(current.sessions.map((s) => (moved ? addDays(s.date, moveBy) : s.date)));
  const counted = { ...next, startDate: moved ? next.startDate : current.startDate, sessions: [] };
  for (const date of eventDays(next.startDate, next.endDate)) {
    if (!covered.has(date)) addSession(ctx, id, { date, name: defaultName(counted, date) });
  }
  return getEvent(ctx.db, id);
}

function setArchived(ctx: Context, id: string, archived: boolean): Event {
  const current = getEvent(ctx.db, id);
  if (current.archived === archived) return current;
  const stamp = ctx.now().toISOString();
  write(ctx, eventEntity, id, { archived_at: archived ? stamp : null, updated_at: stamp });
  return getEvent(ctx.db, id);
}

function updateSession(ctx: Context, id: string, changes: Partial<Omit<Session, 'id' | 'eventId'>>): Session {
  const current = getSession(ctx.db, id);
  const event = editable(ctx, current.eventId);
  const next = { ...current, ...changes };
  if (!inRange(event, next.date)) {
    throw invalid(
      'date',
      'sessionOutsideEvent',
      `The session must fall between ${event.startDate} and ${event.endDate}.`,
    );
  }
  if (next.endTime <= next.startTime) {
    throw invalid('endTime', 'endTimeBeforeStart', 'The session must end after it starts.');
  }
  const fields = {
    name: changes.name !== current.name ? changes.name : undefined,
    date: changes.date !== current.date ? changes.date : undefined,
    start_time: changes.startTime !== current.startTime ? changes.startTime : undefined,
    end_time: changes.endTime !== current.endTime ? changes.endTime : undefined,
  };
  if (Object.values(fields).every((v) => v === undefined)) return current;
  if (fields.date !== undefined) refuseIfAttended(ctx, [current], 'it keeps its date');
  write(ctx, sessionEntity, id, { ...fields, updated_at: ctx.now().toISOString() });
  return getSession(ctx.db, id);
}

function removeSession(ctx: Context, id: string): Event {
  const session = getSession(ctx.db, id);
  const event = editable(ctx, session.eventId);
  if (event.sessions.length <= 1)
    throw conflict('An event needs at least one session; add another before removing this one.');
  refuseIfAttended(ctx, [session], 'the session cannot be removed');
  const stamp = ctx.now().toISOString();
  // A tombstone, not a DELETE: the removal is a change like any other, so it syncs.
  write(ctx, sessionEntity, id, { removed_at: stamp, updated_at: stamp });
  return getEvent(ctx.db, event.id);
}

export const eventHandlers = {
  'event.list': (ctx, input) => listEvents(ctx.db, input.includeArchived),
  'event.get': (ctx, input) => getEvent(ctx.db, input.id),
  'event.create': (ctx, input) => createEvent(ctx, input),
  'event.update': (ctx, input) => updateEvent(ctx, input.id, input.changes),
  'event.archive': (ctx, input) => setArchived(ctx, input.id, input.archived),
  'session.add': (ctx, input) => {
    const event = editable(ctx, input.eventId);
    if (!inRange(event, input.date)) {
      throw invalid(
        'date',
        'sessionOutsideEvent',
        `The session must fall between ${event.startDate} and ${event.endDate}.`,
      );
    }
    if ((input.endTime ?? defaultEnd) <= (input.startTime ?? defaultStart)) {
      throw invalid('endTime', 'endTimeBeforeStart', 'The session must end after it starts.');
    }
    return getSession(
      ctx.db,
      addSession(ctx, event.id, { ...input, name: input.name ?? defaultName(event, input.date) }),
    );
  },
  'session.update': (ctx, input) => updateSession(ctx, input.id, input.changes),
  'session.remove': (ctx, input) => removeSession(ctx, input.id),
} satisfies Partial<Handlers>;
