import { conflict, MusterError, notFound } from '../api/errors';
import { verifyBadge } from '../badges/verify';
import type { Handlers } from '../api/handler';
import { create, write } from '../changes/write';
import { writeWhenFree } from '../db/transaction';
import { kioskActor, recordAction } from '../audit/record';
import { checkIn } from '../checkin/handlers';
import { deskSession, findRecord, presence, type DeskSession } from '../checkin/store';
import type { Context } from '../context';
import { getEvent } from '../events/store';
import { normaliseCode } from '../participants/code';
import type { SearchHit } from '../participants/schema';
import { searchRoster } from '../participants/search';
import { participantEntity } from '../participants/store';
import { fold } from '../text/fold';
import { nameForms } from '../text/search-text';
import { hashPin, lockSeconds, verifyPin } from './pin';
import { maxSignatureHeight, maxSignatureWidth, signatureProblem, type SignatureProblem } from './png';
import { badgeLayout } from '../badges/schema';
import {
  maxNameResults,
  maxSignatureBytes,
  type KioskIdentity,
  type KioskMatches,
  type KioskState,
  type SignatureRefusal,
  type kioskCheckIn,
  type kioskEnter,
  type kioskCheckedIn,
  type kioskLeft,
  type kioskWho,
} from './schema';
import {
  isActive,
  kioskEnded,
  kioskEntity,
  kioskPerson,
  kioskPersonByCode,
  kioskRow,
  signatureEntity,
  signaturePng,
  type KioskPerson,
  type KioskRow,
} from './store';
import type { z } from 'zod';

/** Operator recorded on kiosk check-ins, so staff can tell them from their own in the desk's list and the audit. */
export const kioskOperator = 'kiosk';

interface ActiveKiosk {
  row: KioskRow & { event_id: string; session_id: string; pin_hash: string; started_at: string };
  session: DeskSession;
  state: Extract<KioskState, { active: true }>;
}

const notKiosk = () => new MusterError('forbidden', 'This device is not in kiosk mode.');

/** This device's running kiosk, or a refusal: the attendee methods work only while a kiosk is running, on its event. */
function activeKiosk(ctx: Context): ActiveKiosk {
  const row = kioskRow(ctx.db, ctx.device);
  if (!isActive(row)) throw notKiosk();
  const session = deskSession(ctx.db, row.session_id);
  if (!session) throw notFound('Session', row.session_id);
  const event = getEvent(ctx.db, row.event_id);
  const notice =
    event.privacyNotice && event.privacyNoticeVersion
      ? { text: event.privacyNotice, version: event.privacyNoticeVersion }
      : null;
  return {
    row,
    session,
    state: {
      active: true,
      eventId: event.id,
      sessionId: session.id,
      eventTitle: event.title,
      sessionName: session.name,
      timeZone: event.timeZone,
      languages: event.languages,
      idleSeconds: row.idle_seconds ?? 30,
      signatureRequired: event.signatureRequired,
      notice,
      badges:
        row.badge_printer === null ? null : { printer: row.badge_printer, layout: badgeLayout.parse(row.badge_layout) },
      startedAt: row.started_at,
    },
  };
}

function state(ctx: Context): KioskState {
  return isActive(kioskRow(ctx.db, ctx.device)) ? activeKiosk(ctx).state : { active: false };
}

async function enter(ctx: Context, input: z.output<typeof kioskEnter>): Promise<KioskState> {
  const check = () => {
    const session = deskSession(ctx.db, input.sessionId);
    if (!session) throw notFound('Session', input.sessionId);
    if (session.archived) throw conflict(`The event "${session.eventTitle}" is archived; restore it to run a kiosk.`);
    if (isActive(kioskRow(ctx.db, ctx.device))) throw conflict('This device is already a kiosk; leave it first.');
    return session;
  };
  check();
  // Hashed outside any transaction (scrypt takes tens of milliseconds), then checked again as it commits; an import's
  // save that started meanwhile is waited for.
  const pinHash = await hashPin(input.pin);
  await writeWhenFree(ctx.db, () => {
    const session = check();
    write(ctx, kioskEntity, ctx.device, {
      event_id: session.eventId,
      session_id: session.id,
      pin_hash: pinHash,
      idle_seconds: input.idleSeconds,
      badge_printer: input.badges?.printer ?? null,
      badge_layout: input.badges?.layout ?? null,
      started_at: ctx.now().toISOString(),
      ended_at: null,
    });
  });
  return state(ctx);
}

function retryAfter(ctx: Context, row: KioskRow): number {
  if (!row.locked_until) return 0;
  return Math.max(0, Math.ceil((Date.parse(row.locked_until) - ctx.now().getTime()) / 1000));
}

function rateLimited(seconds: number): MusterError {
  return new MusterError('rate_limited', `Too many wrong PINs: try again in ${seconds} s.`, undefined, {
    retryAfterSeconds: seconds,
  });
}

/**
 * Leaves kiosk mode with the PIN it was started with. Wrong PINs are counted in the database (a restart does not
 * forget them) and, after a few, refused without even being checked until the wait is over. The count is written in
 * its own transaction before `forbidden` is answered, so the refusal cannot roll it back.
 */
async function leave(ctx: Context, input: { pin: string }): Promise<z.input<typeof kioskLeft>> {
  const before = kioskRow(ctx.db, ctx.device);
  if (!isActive(before)) throw notKiosk();
  const wait = retryAfter(ctx, before);
  if (wait > 0) throw rateLimited(wait);
  const right = /^\d{4,12}$/.test(input.pin) && (await verifyPin(input.pin, before.pin_hash));
  const outcome = await writeWhenFree(ctx.db, () => {
    const row = kioskRow(ctx.db, ctx.device);
    if (!isActive(row) || row.pin_hash !== before.pin_hash) throw notKiosk();
    const waitNow = retryAfter(ctx, row);
    if (waitNow > 0) return { left: false as const, wait: waitNow, limited: true };
    if (!right) {
      const failures = row.failed_attempts + 1;
      const seconds = lockSeconds(failures);
      const until = seconds > 0 ? new Date(ctx.now().getTime() + seconds * 1000).toISOString() : null;
      write(ctx, kioskEntity, ctx.device, { failed_attempts: failures, locked_until: until });
      // Like a refused sign-in: the trail shows the guesses (never the PIN), and this is not the task's commit.
      recordAction(ctx, kioskActor, 'kiosk.leave.refused', {}, { failures });
      return { left: false as const, wait: seconds, limited: false };
    }
    write(ctx, kioskEntity, ctx.device, kioskEnded(ctx.now()));
    return { left: true as const, eventId: row.event_id, sessionId: row.session_id };
  });
  if (!outcome.left) {
    if (outcome.limited) throw rateLimited(outcome.wait);
    throw new MusterError(
      'forbidden',
      'That is not the kiosk PIN.',
      undefined,
      outcome.wait > 0 ? { retryAfterSeconds: outcome.wait } : undefined,
    );
  }
  return { active: false, eventId: outcome.eventId, sessionId: outcome.sessionId };
}

/** The person a scan or a chosen line is about, on the kiosk's own event; anything else is "see the desk". */
function person(ctx: Context, kiosk: ActiveKiosk, who: z.output<typeof kioskWho>): KioskPerson {
  if ('registrationId' in who) {
    const found = kioskPerson(ctx.db, who.registrationId);
    if (!found || found.eventId !== kiosk.state.eventId) throw new MusterError('not_found', 'No such registration.');
    return found;
  }
  const code = normaliseCode(who.scan);
  if (code) {
    const found = kioskPersonByCode(ctx.db, kiosk.state.eventId, code);
    if (!found) throw new MusterError('not_found', 'No one registered for this event has that code.');
    return found;
  }
  // Not a short code: the badge's signed QR token, verified offline against the event's key (malformed, forged,
  // another event's, revoked or unknown are each refused as invalid_badge with the reason).
  const registration = verifyBadge(ctx.db, kiosk.state.eventId, who.scan);
  const found = kioskPerson(ctx.db, registration.id);
  if (!found) throw new MusterError('not_found', 'No such registration.');
  return found;
}

function needsConsent(kiosk: ActiveKiosk, found: KioskPerson): boolean {
  return kiosk.state.notice !== null && found.consentNotice !== kiosk.state.notice.version;
}

function identify(ctx: Context, who: z.output<typeof kioskWho>): KioskIdentity {
  const kiosk = activeKiosk(ctx);
  const found = person(ctx, kiosk, who);
  if (found.status === 'cancelled') throw new MusterError('cancelled', 'This registration is cancelled.');
  return {
    registrationId: found.registrationId,
    name: found.name,
    organisation: found.organisation,
    needsConsent: needsConsent(kiosk, found),
    checkedInAt: presence(ctx.db, kiosk.session.id, found.registrationId)?.at ?? null,
  };
}

const separators = /[^\p{L}\p{N}\p{M}\p{Co}]+/u;
const words = (text: string) => fold(text).split(separators).filter(Boolean);

/**
 * The kiosk's name search. Only names are matched (every word typed starts a word of the person's names), never an
 * organisation or an email, so typing a ministry's name or an address lists no one. At most five lines; people who
 * share both name and organisation become one line that cannot be chosen (the kiosk asks for their badge instead).
 */
function find(ctx: Context, query: string): KioskMatches {
  const kiosk = activeKiosk(ctx);
  const typed = words(query);
  // The index also matches organisations and emails, which the kiosk leaves out: read more hits until enough are
  // names or there are no more, so a delegation from the "Kenya Police Service" does not hide a Kennedy.
  for (let limit = 50; ; limit *= 10) {
    const hits = searchRoster(ctx.db, { eventId: kiosk.state.eventId, sessionId: kiosk.session.id, query, limit });
    const lines = nameLines(hits, typed);
    if (lines.length > maxNameResults || hits.length < limit || limit >= maxKioskHits) {
      return { results: lines.slice(0, maxNameResults), more: lines.length > maxNameResults };
    }
  }
}

/** Past this many hits for what was typed, the person is asked for more letters rather than the roster read on. */
const maxKioskHits = 5000;

/** The hits whose names start with every word typed, one line per name and organisation. */
function nameLines(hits: readonly SearchHit[], typed: readonly string[]) {
  const groups = new Map<string, { name: string; organisation: string; ids: string[] }>();
  for (const hit of hits) {
    const name = hit.badgeName.trim() || `${hit.givenNames} ${hit.familyName}`.trim();
    // Every way the name is written, so 王小明 (family name first, unspaced) finds 王 + 小明 as well as 小明 王.
    const nameWords = [...nameForms(hit.givenNames, hit.familyName), hit.badgeName].flatMap(words);
    if (!typed.every((w) => nameWords.some((n) => n.startsWith(w)))) continue;
    const key = `${fold(name)}\u0000${fold(hit.organisation)}`;
    const group = groups.get(key) ?? { name, organisation: hit.organisation, ids: [] };
    group.ids.push(hit.registrationId);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ ids: [only, ...others], name, organisation }) =>
    only !== undefined && others.length === 0
      ? { kind: 'person' as const, registrationId: only, name, organisation }
      : { kind: 'ambiguous' as const, name, organisation },
  );
}

function invalid(path: string, key: string, message: string): MusterError {
  return new MusterError('invalid_input', message, [{ path: [path], key, message }]);
}

/** Why a signature is refused: the key (screens translate it) and the message the command line shows. */
const signatureRefusal: Record<SignatureProblem, [key: SignatureRefusal, message: string]> = {
  notPng: ['signatureNotPng', 'The signature must be a PNG image.'],
  undecodable: ['signatureNotPng', 'The signature’s PNG image is damaged: it cannot be decoded.'],
  tooLarge: [
    'signatureTooLarge',
    `The signature image is too large: at most ${maxSignatureWidth} × ${maxSignatureHeight} pixels and ${maxSignatureBytes / 1024} KiB.`,
  ],
  blank: ['signatureBlank', 'The signature is blank or only a dot: sign with your name.'],
};

/**
 * The kiosk's one write: the check-in, the signature and the consent, in the dispatch transaction, so a person is
 * never checked in without the signature the event asks for, nor recorded as consenting without being checked in.
 * The nonce makes it idempotent: the same id again answers the first check-in and writes nothing.
 */
function kioskCheckInOnce(ctx: Context, input: z.output<typeof kioskCheckIn>): z.input<typeof kioskCheckedIn> {
  const kiosk = activeKiosk(ctx);
  const found = kioskPerson(ctx.db, input.registrationId);
  if (!found || found.eventId !== kiosk.state.eventId) throw new MusterError('not_found', 'No such registration.');
  const earlier = findRecord(ctx.db, input.id);
  if (earlier) {
    if (earlier.kind !== 'check_in' || earlier.registrationId !== found.registrationId)
      throw conflict(`The id ${input.id} was already used for another check-in record.`);
    return {
      checkInId: earlier.id,
      at: earlier.at,
      name: found.name,
      signatureStored: signaturePng(ctx.db, earlier.id) !== undefined,
    };
  }
  const consent = needsConsent(kiosk, found);
  if (consent && input.consent?.noticeVersion !== kiosk.state.notice?.version) {
    throw invalid('consent', 'consentRequired', 'Agree to the data-protection notice to check in.');
  }
  if (kiosk.state.signatureRequired && !input.signature) {
    throw invalid('signature', 'signatureRequired', 'Sign in the box to check in.');
  }
  const problem = input.signature ? signatureProblem(Buffer.from(input.signature, 'base64')) : null;
  if (problem) throw invalid('signature', ...signatureRefusal[problem]);
  const record = checkIn(ctx, {
    id: input.id,
    sessionId: kiosk.session.id,
    registrationId: found.registrationId,
    method: input.method,
    operator: kioskOperator,
  });
  if (input.signature) create(ctx, signatureEntity, record.id, { png: input.signature });
  if (consent && kiosk.state.notice) {
    write(ctx, participantEntity, found.participantId, {
      consent_at: record.at,
      consent_notice: kiosk.state.notice.version,
      updated_at: record.at,
    });
  }
  return { checkInId: record.id, at: record.at, name: found.name, signatureStored: input.signature !== undefined };
}

export const kioskHandlers = {
  'kiosk.state': (ctx) => state(ctx),
  'kiosk.enter': (ctx, input) => enter(ctx, input),
  'kiosk.leave': (ctx, input) => leave(ctx, input),
  'kiosk.find': (ctx, input) => find(ctx, input.query),
  'kiosk.identify': (ctx, input) => identify(ctx, input.who),
  'kiosk.checkIn': (ctx, input) => kioskCheckInOnce(ctx, input),
} satisfies Partial<Handlers>;
