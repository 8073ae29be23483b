import type { z } from 'zod';
import { refuseIfErased } from '../erasure/erase';
import { unspacedScript } from '../text/search-text';
import { conflict, MusterError, notFound } from '../api/errors';
import type { Handlers } from '../api/handler';
import { create, write, type SqlValue } from '../changes/write';
import { checkIn } from '../checkin/handlers';
import type { CheckInRecord } from '../checkin/schema';
import { findRecord } from '../checkin/store';
import type { Context } from '../context';
import { prepared } from '../db/statements';
import { formatCode, newCode } from './code';
import { findDuplicates } from './duplicates';
import { carryFigures, figureColumns, figureFields, pastEventCount, type PersonFigures } from './figures';
import { toE164 } from './phone';
import { listRoster } from './roster';
import type {
  Category,
  Participant,
  ParticipantFields,
  participantCreate,
  Registration,
  registrationUpdate,
  Status,
} from './schema';
import { searchRoster } from './search';
import {
  codeInUse,
  eventBasics,
  type EventBasics,
  type EventFacts,
  eventCountriesOf,
  factsFor,
  getParticipant,
  getRegistration,
  requireEvent,
  participantEntity,
  registrationEntity,
  registrationsOf,
  type ParticipantColumn,
} from './store';
import { newId } from '../api/ids';

type Fields = Partial<ParticipantFields>;

function invalid(path: string, key: string, message: string): MusterError {
  return new MusterError('invalid_input', message, [{ path: [path], key, message }]);
}

/** Phones are stored in E.164; a local number is read as one of the given regions' (the event's country first). */
function phoneE164(phone: string | null | undefined, regions: string[]): string | null | undefined {
  if (phone === undefined || phone === null) return phone;
  const e164 = toE164(phone, regions);
  if (e164 === null) {
    throw invalid(
      'phone',
      'invalidPhone',
      `${phone} is not a phone number; give it with its country code (such as +254 712 345 678).`,
    );
  }
  return e164;
}

/** The columns for the fields given; undefined (left out) stays out, so an update records only what it changes. */
function columns(fields: Fields, now: string): Partial<Record<ParticipantColumn, SqlValue>> {
  const consent = fields.consent === undefined ? undefined : fields.consent;
  return {
    honorific: fields.honorific,
    given_names: fields.givenNames,
    family_name: fields.familyName,
    badge_name: fields.badgeName,
    gender: fields.gender,
    country: fields.country,
    nationality: fields.nationality,
    organisation: fields.organisation,
    organisation_type: fields.organisationType,
    job_title: fields.jobTitle,
    email: fields.email,
    phone: fields.phone,
    preferred_language: fields.preferredLanguage,
    accessibility: fields.accessibility,
    dietary: fields.dietary,
    consent_at: consent === undefined ? undefined : consent && (consent.at ?? now),
    consent_notice: consent === undefined ? undefined : consent && consent.noticeVersion,
    photo_consent: fields.photoConsent === undefined ? undefined : Number(fields.photoConsent),
    notes: fields.notes,
  };
}

/** The name a badge prints when none is given: as the person writes it, so 王 + 小明 is 王小明, not "小明 王". */
function defaultBadge(p: { givenNames?: string | undefined; familyName?: string | undefined }): string {
  const given = p.givenNames ?? '';
  const family = p.familyName ?? '';
  if (unspacedScript.test(given) || unspacedScript.test(family)) return `${family}${given}`.trim();
  return `${given} ${family}`.trim();
}

/**
 * A check-in code nobody registered for the event has: the one wanted, or a new one. With `facts` (one transaction
 * registering many people) it looks in their code set instead of the database, and notes the code it gives.
 */
export function uniqueCode(ctx: Context, eventId: string, wanted: string | undefined, facts?: EventFacts): string {
  const known = factsFor(eventId, facts)?.codes;
  const inUse = known ? (code: string) => known.has(code) : (code: string) => codeInUse(ctx.db, eventId, code);
  let code = wanted;
  if (code !== undefined) {
    if (inUse(code)) throw conflict(`The code ${formatCode(code)} is already someone else's.`);
  } else {
    // 32^8 codes: a collision is rare, so a few tries always suffice in practice.
    do code = newCode();
    while (inUse(code));
  }
  known?.add(code);
  return code;
}

/** The event's facts: from `facts` when the caller read them for this event, else from the database. */
function basicsOf(ctx: Context, eventId: string, facts: EventFacts | undefined): EventBasics {
  return factsFor(eventId, facts)?.basics ?? eventBasics(ctx.db, eventId);
}

/**
 * Registers a new person for an event, with the desk's rules (E.164 phone, default badge name, a unique code) and
 * their change records: the one way a person is added, for the desk and for imports. Answers the new ids.
 */
export function registerNewPerson(
  ctx: Context,
  input: z.output<typeof participantCreate>,
  facts?: EventFacts,
): { participantId: string; registrationId: string; checkIn: CheckInRecord | null } {
  const event = basicsOf(ctx, input.eventId, facts);
  if (event.archived) throw conflict(`The event "${event.title}" is archived; restore it to register people.`);
  const { eventId, category, status, code, checkIn: checkInNow } = input;
  const now = ctx.now().toISOString();
  const participantId = newId();
  // Filled in place, not spread from copies of the input (an import runs this 100,000 times); the keys stay in the
  // order `columns` gives them, which is the order of the change record's fields.
  const row = columns(input, now);
  row.phone = phoneE164(input.phone, [event.country, input.country]);
  row.badge_name = input.badgeName || defaultBadge(input);
  row.created_at = now;
  row.updated_at = now;
  create(ctx, participantEntity, participantId, row);
  // The person's figures come from the row just written, not a read back: an import runs this 100,000 times.
  const registrationId = registerAs(ctx, eventId, participantId, { category, status, code }, input, facts);
  const record = checkInNow
    ? checkIn(ctx, {
        id: checkInNow.id,
        sessionId: checkInNow.sessionId,
        registrationId,
        method: checkInNow.method,
        operator: checkInNow.operator,
      })
    : null;
  return { participantId, registrationId, checkIn: record };
}

/**
 * Registers someone already in the database for an event, with a code of their own (the one asked for, if free).
 * The registration records the person's figures as they stand now, read from the person (a caller's row may hold
 * defaults where the person has real values).
 */
export function register(
  ctx: Context,
  eventId: string,
  participantId: string,
  fields: { category: Category; status: Status; code?: string | undefined },
  facts?: EventFacts,
): string {
  const person = prepared(
    ctx.db,
    'SELECT gender, country, organisation_type AS organisationType FROM participants WHERE id = ?',
  ).get(participantId) as PersonFigures | undefined;
  if (!person) throw notFound('Participant', participantId);
  return registerAs(ctx, eventId, participantId, fields, person, facts);
}

function registerAs(
  ctx: Context,
  eventId: string,
  participantId: string,
  fields: { category: Category; status: Status; code?: string | undefined },
  person: PersonFigures,
  facts: EventFacts | undefined,
): string {
  const now = ctx.now().toISOString();
  const registrationId = newId();
  create(ctx, registrationEntity, registrationId, {
    event_id: eventId,
    participant_id: participantId,
    category: fields.category,
    status: fields.status,
    code: uniqueCode(ctx, eventId, fields.code, facts),
    ...figureFields(person),
    created_at: now,
    updated_at: now,
  });
  return registrationId;
}

/**
 * A walk-in sent again with the check-in nonce of one that already committed (the desk keeps the nonce after an
 * uncertain failure, such as a lost answer): the person that request registered and checked in, not a second one.
 */
function earlierWalkIn(ctx: Context, input: z.output<typeof participantCreate>) {
  const record = input.checkIn && findRecord(ctx.db, input.checkIn.id);
  if (!record || record.kind !== 'check_in' || record.sessionId !== input.checkIn?.sessionId) return undefined;
  const registration = getRegistration(ctx.db, record.registrationId);
  if (registration.eventId !== input.eventId) return undefined;
  return { participant: getParticipant(ctx.db, registration.participantId), registration, checkIn: record };
}

function createParticipant(
  ctx: Context,
  input: z.output<typeof participantCreate>,
): { participant: Participant; registration: Registration; checkIn: CheckInRecord | null } {
  const earlier = earlierWalkIn(ctx, input);
  if (earlier) return earlier;
  const { participantId, registrationId, checkIn: record } = registerNewPerson(ctx, input);
  return {
    participant: getParticipant(ctx.db, participantId),
    registration: getRegistration(ctx.db, registrationId),
    checkIn: record,
  };
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Writes only the fields that really change, so the change log (and sync) carries edits, not whole forms. A change
 * to the person's figures reaches their registrations for events not yet over, or every one when `correctPast`
 * says the old value was a mistake (participants/figures.ts).
 */
function updateParticipant(ctx: Context, id: string, changes: Fields, correctPast = false): Participant {
  const current = getParticipant(ctx.db, id);
  refuseIfErased(ctx.db, id);
  const next: Fields = { ...changes };
  if (changes.phone)
    next.phone = phoneE164(changes.phone, [...eventCountriesOf(ctx.db, id), changes.country ?? current.country]);
  // A badge name that was only the default follows the name it was made from.
  if (next.badgeName === undefined && current.badgeName === defaultBadge(current)) {
    next.badgeName = defaultBadge({ ...current, ...changes });
  }
  const { consent, ...rest } = next;
  const changed = Object.fromEntries(
    Object.entries(rest).filter(([key, value]) => !same(value, current[key as keyof Participant])),
  ) as Fields;
  // Re-saving a form with the same notice is not a new consent; only a different notice (or a withdrawal) is.
  const sameConsent =
    consent === null
      ? current.consent === null
      : consent?.noticeVersion === current.consent?.noticeVersion &&
        (!consent?.at || consent.at === current.consent?.at);
  if (consent !== undefined && !sameConsent) changed.consent = consent;
  const figuresChanged = new Set((Object.keys(figureColumns) as (keyof PersonFigures)[]).filter((k) => k in changed));
  if (Object.keys(changed).length > 0) {
    write(ctx, participantEntity, id, {
      ...columns(changed, ctx.now().toISOString()),
      updated_at: ctx.now().toISOString(),
    });
  }
  const person = Object.keys(changed).length > 0 ? getParticipant(ctx.db, id) : current;
  carryFigures(ctx, id, person, figuresChanged, correctPast);
  return person;
}

function updateRegistration(ctx: Context, input: z.output<typeof registrationUpdate>): Registration {
  const current = getRegistration(ctx.db, input.id);
  const event = eventBasics(ctx.db, current.eventId);
  if (event.archived) throw conflict(`The event "${event.title}" is archived; restore it to change registrations.`);
  const fields = {
    category: input.changes.category !== current.category ? input.changes.category : undefined,
    status: input.changes.status !== current.status ? input.changes.status : undefined,
  };
  if (fields.category === undefined && fields.status === undefined) return current;
  write(ctx, registrationEntity, input.id, { ...fields, updated_at: ctx.now().toISOString() });
  return getRegistration(ctx.db, input.id);
}

export const participantHandlers = {
  'participant.create': (ctx, input) => createParticipant(ctx, input),
  'participant.update': (ctx, input) => updateParticipant(ctx, input.id, input.changes, input.correctPast),
  'participant.get': (ctx, input) => ({
    participant: getParticipant(ctx.db, input.id),
    registrations: registrationsOf(ctx.db, input.id),
    pastEvents: pastEventCount(ctx, input.id),
  }),
  'participant.findDuplicates': (ctx, input) => findDuplicates(ctx.db, input),
  'registration.update': (ctx, input) => updateRegistration(ctx, input),
  'roster.list': (ctx, input) => {
    requireEvent(ctx.db, input.eventId);
    return listRoster(ctx.db, input);
  },
  'roster.search': (ctx, input) => {
    requireEvent(ctx.db, input.eventId);
    return searchRoster(ctx.db, input);
  },
} satisfies Partial<Handlers>;
