import { conflict, MusterError, notFound } from '../api/errors';
import type { Handlers } from '../api/handler';
import { create } from '../changes/write';
import { verifyBadge } from '../badges/verify';
import type { Context } from '../context';
import { erasedRefusal } from '../erasure/erase';
import { readableZone } from '../exports/time';
import { formatCode } from '../participants/code';
import type { CheckInInput, CheckInRecord } from './schema';
import {
  attendeeByCode,
  attendeeById,
  checkinEntity,
  deskSession,
  findRecord,
  presence,
  recentRecords,
  reversalOf,
  sessionCounters,
  type Attendee,
  type DeskSession,
} from './store';

interface Who {
  sessionId: string;
  registrationId?: string | undefined;
  code?: string | undefined;
  /** A scanned badge token: verified offline (signature, event, issue) before anyone is looked up. */
  badge?: string | undefined;
}

/** The open session and the registered person a check-in or check-out is about, or the reason there is none. */
function resolve(ctx: Context, who: Who): { session: DeskSession; attendee: Attendee } {
  const session = deskSession(ctx.db, who.sessionId);
  if (!session) throw notFound('Session', who.sessionId);
  if (session.archived) throw conflict(`The event "${session.eventTitle}" is archived; restore it to check people in.`);
  const registrationId =
    who.badge !== undefined ? verifyBadge(ctx.db, session.eventId, who.badge).id : who.registrationId;
  const attendee = registrationId
    ? attendeeById(ctx.db, registrationId)
    : attendeeByCode(ctx.db, session.eventId, who.code ?? '');
  if (!attendee) {
    throw registrationId
      ? notFound('Registration', registrationId)
      : new MusterError(
          'not_found',
          `No one registered for "${session.eventTitle}" has the code ${formatCode(who.code ?? '')}.`,
        );
  }
  if (attendee.eventId !== session.eventId) {
    throw conflict(`${attendee.name} is registered for another event, not "${session.eventTitle}".`);
  }
  return { session, attendee };
}

/** A retried request (same nonce) gets the record it made the first time; a nonce reused for anything else is refused. */
function replay(ctx: Context, id: string, same: (record: CheckInRecord) => boolean): CheckInRecord | undefined {
  const existing = findRecord(ctx.db, id);
  if (existing && !same(existing)) throw conflict(`The id ${id} was already used for another check-in record.`);
  return existing;
}

function clockTime(at: string, timeZone: string): string {
  const zone = readableZone(timeZone);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit' });
  // A zone this machine's data lacks: the refusal still says when, in UTC, and says so.
  return zone === timeZone ? time.format(new Date(at)) : `${time.format(new Date(at))} UTC`;
}

function where(ctx: Context, device: string): string {
  return device === ctx.device ? 'at this desk' : `on device ${device}`;
}

function append(ctx: Context, id: string, fields: Omit<CheckInRecord, 'id' | 'device' | 'at'>): CheckInRecord {
  const record: CheckInRecord = { id, ...fields, device: ctx.device, at: ctx.now().toISOString() };
  create(ctx, checkinEntity, id, {
    kind: record.kind,
    registration_id: record.registrationId,
    session_id: record.sessionId,
    reverses: record.reverses,
    method: record.method,
    device_id: record.device,
    at: record.at,
    operator: record.operator,
  });
  return record;
}

/**
 * Checks a person in for a session: once. A second check-in answers `already_checked_in` with when and where the
 * first happened; a cancelled registration answers `cancelled`. Runs inside the caller's transaction (dispatch's,
 * or participant.create's for a walk-in).
 */
export function checkIn(ctx: Context, input: CheckInInput): CheckInRecord {
  const again = replay(
    ctx,
    input.id,
    (r) =>
      r.kind === 'check_in' &&
      r.sessionId === input.sessionId &&
      (input.registrationId === undefined || r.registrationId === input.registrationId),
  );
  if (again) return again;
  const { session, attendee } = resolve(ctx, input);
  // An erased person's registration stays for the counts, but a check-in would attach a nameless attendance (and,
  // at a kiosk, a fresh signature) to someone whose data is gone: they register again instead.
  if (attendee.erased) throw erasedRefusal();
  if (attendee.status === 'cancelled') {
    throw new MusterError('cancelled', `${attendee.name}'s registration is cancelled; reinstate it to check them in.`);
  }
  const first = presence(ctx.db, session.id, attendee.registrationId);
  if (first) {
    throw new MusterError(
      'already_checked_in',
      `${attendee.name} was already checked in to ${session.name} at ${clockTime(first.at, session.timeZone)} ${where(ctx, first.device)}.`,
      undefined,
      {
        firstCheckIn: {
          id: first.checkInId,
          at: first.at,
          device: first.device,
          method: first.method,
          operator: first.operator,
        },
      },
    );
  }
  return append(ctx, input.id, {
    kind: 'check_in',
    registrationId: attendee.registrationId,
    sessionId: session.id,
    reverses: null,
    method: input.method,
    operator: input.operator ?? null,
  });
}

function checkOut(ctx: Context, input: Who & { id: string; operator?: string | undefined }): CheckInRecord {
  const again = replay(ctx, input.id, (r) => r.kind === 'check_out' && r.sessionId === input.sessionId);
  if (again) return again;
  const { session, attendee } = resolve(ctx, input);
  const current = presence(ctx.db, session.id, attendee.registrationId);
  if (!current) throw conflict(`${attendee.name} is not checked in to ${session.name}.`);
  if (current.checkedOutAt) {
    throw conflict(
      `${attendee.name} already checked out of ${session.name} at ${clockTime(current.checkedOutAt, session.timeZone)}.`,
    );
  }
  return append(ctx, input.id, {
    kind: 'check_out',
    registrationId: attendee.registrationId,
    sessionId: session.id,
    reverses: null,
    method: 'manual',
    operator: input.operator ?? null,
  });
}

/** Undo appends a reversal of a check-in or check-out; after undoing a check-in the person can check in again. */
function undo(ctx: Context, input: { id: string; recordId: string; operator?: string | undefined }): CheckInRecord {
  const again = replay(ctx, input.id, (r) => r.kind === 'reversal' && r.reverses === input.recordId);
  if (again) return again;
  const target = findRecord(ctx.db, input.recordId);
  if (!target) throw notFound('Check-in', input.recordId);
  if (target.kind === 'reversal') throw conflict('An undo cannot itself be undone; check the person in again instead.');
  const session = deskSession(ctx.db, target.sessionId);
  if (!session) throw notFound('Session', target.sessionId);
  if (session.archived)
    throw conflict(`The event "${session.eventTitle}" is archived; restore it to change check-ins.`);
  if (reversalOf(ctx.db, target.id)) throw conflict('This check-in was already undone.');
  return append(ctx, input.id, {
    kind: 'reversal',
    registrationId: target.registrationId,
    sessionId: target.sessionId,
    reverses: target.id,
    method: null,
    operator: input.operator ?? null,
  });
}

function openSession(ctx: Context, id: string): DeskSession {
  const session = deskSession(ctx.db, id);
  if (!session) throw notFound('Session', id);
  return session;
}

export const checkinHandlers = {
  'checkin.create': (ctx, input) => checkIn(ctx, input),
  'checkin.checkout': (ctx, input) => checkOut(ctx, input),
  'checkin.undo': (ctx, input) => undo(ctx, input),
  'checkin.counters': (ctx, input) =>
    sessionCounters(ctx.db, openSession(ctx, input.sessionId).eventId, input.sessionId),
  'checkin.recent': (ctx, input) =>
    recentRecords(ctx.db, ctx.device, openSession(ctx, input.sessionId).id, input.limit),
} satisfies Partial<Handlers>;
