import isoCountries from 'i18n-iso-countries';
import { z } from 'zod';

/** Languages the kiosk and the screens are translated into. */
export const languages = ['en', 'fr', 'es', 'ru', 'ar'] as const;
export const language = z.enum(languages);
export type Language = z.infer<typeof language>;

export const id = z.uuid();
export const isoDate = z.iso.date();
export const clockTime = z
  .string()
  .refine((t) => /^([01]\d|2[0-3]):[0-5]\d$/.test(t), { params: { key: 'clockTime' } });

const alpha2 = new Set(Object.keys(isoCountries.getAlpha2Codes()));
export const country = z
  .string()
  .length(2)
  .refine((code) => alpha2.has(code), { params: { key: 'unknownCountry' } });

/**
 * An IANA zone, stored as the zone database spells it: Intl accepts "america/port_of_spain", but screens compare
 * it with their list and documents print it, so the case typed is not what is kept.
 */
export const timeZone = z
  .string()
  .min(1)
  .max(64)
  .refine((name) => zoneName(name) !== null, { params: { key: 'unknownTimeZone' } })
  .transform((name) => zoneName(name) ?? name);

function zoneName(name: string): string | null {
  try {
    const resolved = new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
    // Intl answers an alias with its own canonical name; only the spelling is taken from it, never another zone.
    return resolved.toLowerCase() === name.toLowerCase() ? resolved : name;
  } catch {
    return null;
  }
}

const text = (max: number) => z.string().trim().max(max);
const required = (max: number) => text(max).refine((s) => s.length > 0, { params: { key: 'blank' } });

export const maxEventDays = 62;

/** A new event keeps its people's personal data this long after it ends, unless staff choose otherwise. */
export const defaultRetentionDays = 365;

export function daysBetween(start: string, end: string): number {
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000);
}

/** The days from start to end inclusive, as YYYY-MM-DD. */
export function eventDays(start: string, end: string): string[] {
  const first = Date.parse(`${start}T00:00:00Z`);
  return Array.from({ length: daysBetween(start, end) + 1 }, (_, i) =>
    new Date(first + i * 86_400_000).toISOString().slice(0, 10),
  );
}

/**
 * The years an event's dates may fall in. A date field given "23" as the year keeps year 0023: such an event is over
 * and past its retention the moment it is saved, so the next retention run would erase everyone registered for it.
 */
export const eventYears = { first: 2000, last: 2099 } as const;
const eventDate = isoDate.refine((date) => date >= `${eventYears.first}-01-01` && date <= `${eventYears.last}-12-31`, {
  params: { key: 'dateOutOfRange' },
});

export const eventFields = z.object({
  title: required(200),
  venue: text(200),
  city: required(100),
  country,
  startDate: eventDate,
  endDate: eventDate,
  timeZone,
  languages: z
    .array(language)
    .min(1)
    .refine((list) => new Set(list).size === list.length, { params: { key: 'duplicateLanguage' } }),
  /** The kiosk asks each person to sign on screen; the sign-in sheet then carries the signatures. Off if left out. */
  signatureRequired: z.boolean().optional(),
  /** The data-protection notice the kiosk shows to people who have not consented yet; none if empty. */
  privacyNotice: text(4000).optional(),
  /** Its version, recorded with each consent (a new version asks everyone again). */
  privacyNoticeVersion: text(50).optional(),
  /** Days after the event's end its people's personal data is kept (erasure/retention.ts); null: until erased by hand. */
  retentionDays: z.number().int().min(0).max(36_500).nullable().optional(),
});

type DateRange = { startDate?: string | undefined; endDate?: string | undefined };

/** Dates in order and a span that makes sense; applied wherever both dates are present. */
function checkDates(value: DateRange, ctx: z.RefinementCtx): void {
  const { startDate, endDate } = value;
  if (!startDate || !endDate) return;
  const span = daysBetween(startDate, endDate);
  if (span < 0) ctx.addIssue({ code: 'custom', path: ['endDate'], params: { key: 'endBeforeStart' } });
  else if (span >= maxEventDays) ctx.addIssue({ code: 'custom', path: ['endDate'], params: { key: 'eventTooLong' } });
}

/** A notice without a version could not say later what someone agreed to. */
function checkNotice(
  value: { privacyNotice?: string | undefined; privacyNoticeVersion?: string | undefined },
  ctx: z.RefinementCtx,
) {
  if (value.privacyNotice && value.privacyNoticeVersion === '')
    ctx.addIssue({ code: 'custom', path: ['privacyNoticeVersion'], params: { key: 'noticeNeedsVersion' } });
  if (value.privacyNotice && value.privacyNoticeVersion === undefined)
    ctx.addIssue({ code: 'custom', path: ['privacyNoticeVersion'], params: { key: 'noticeNeedsVersion' } });
}

export const eventInput = eventFields.strict().superRefine(checkDates).superRefine(checkNotice);
export type EventInput = z.input<typeof eventInput>;

export const eventUpdate = z
  .object({
    id,
    changes: eventFields
      .partial()
      .strict()
      .superRefine(checkDates)
      .superRefine((value, ctx) => {
        // A version alone (or text alone) may change: the handler checks the pair as stored.
        if (value.privacyNotice !== undefined && value.privacyNoticeVersion !== undefined) checkNotice(value, ctx);
      }),
  })
  .strict();

export const sessionFields = z.object({
  name: required(100),
  date: isoDate,
  startTime: clockTime,
  endTime: clockTime,
});

function checkTimes(value: { startTime?: string | undefined; endTime?: string | undefined }, ctx: z.RefinementCtx) {
  if (value.startTime && value.endTime && value.endTime <= value.startTime)
    ctx.addIssue({ code: 'custom', path: ['endTime'], params: { key: 'endTimeBeforeStart' } });
}

export const sessionAdd = z
  .object({
    eventId: id,
    date: isoDate,
    name: required(100).optional(),
    startTime: clockTime.optional(),
    endTime: clockTime.optional(),
  })
  .strict()
  .superRefine(checkTimes);

export const sessionUpdate = z
  .object({ id, changes: sessionFields.partial().strict().superRefine(checkTimes) })
  .strict();

export const session = z.object({
  id,
  eventId: id,
  name: z.string(),
  date: isoDate,
  startTime: clockTime,
  endTime: clockTime,
});
export type Session = z.infer<typeof session>;

export const eventSummary = z.object({
  id,
  title: z.string(),
  venue: z.string(),
  city: z.string(),
  country: z.string(),
  startDate: isoDate,
  endDate: isoDate,
  timeZone: z.string(),
  languages: z.array(language),
  signatureRequired: z.boolean(),
  privacyNotice: z.string(),
  privacyNoticeVersion: z.string(),
  retentionDays: z.number().int().nullable(),
  archived: z.boolean(),
  sessionCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type EventSummary = z.infer<typeof eventSummary>;

export const event = eventSummary.extend({ sessions: z.array(session) });
export type Event = z.infer<typeof event>;
