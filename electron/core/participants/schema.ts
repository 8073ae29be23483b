import { z } from 'zod';
import { country, id, language } from '../events/schema';
import { dropInvisible } from '../text/invisible';
import { normaliseCode } from './code';

export const genders = ['female', 'male', 'another', 'not_stated'] as const;
export const gender = z.enum(genders);
export type Gender = z.infer<typeof gender>;

export const organisationTypes = [
  'government',
  'law_enforcement',
  'prosecution_judiciary',
  'security_agency',
  'diplomatic_mission',
  'international_organisation',
  'un_entity',
  'private_sector',
  'civil_society_academia',
  'other',
] as const;
export const organisationType = z.enum(organisationTypes);

export const categories = [
  'partner_state_delegate',
  'embassy',
  'private_sector',
  'international_organisation',
  'un',
  'civil_society_academia',
  'speaker_expert',
  'organiser_staff',
  'observer',
] as const;
export const category = z.enum(categories);
export type Category = z.infer<typeof category>;

export const statuses = ['invited', 'confirmed', 'cancelled', 'walk_in'] as const;
export const status = z.enum(statuses);
export type Status = z.infer<typeof status>;

// Names arrive from keyboards, spreadsheets and scanners in either Unicode form; store one (NFC). A control character
// (NUL, a bell, an escape) is never part of a name and breaks the files and badges it would print on: refused. Notes
// and needs may hold line breaks and tabs.
const controls = /\p{Cc}/u;
const paragraphControls = /[^\P{Cc}\n\r\t]/u;
const text = (max: number, refused: RegExp = controls) =>
  z
    .string()
    .overwrite(dropInvisible)
    .trim()
    .normalize('NFC')
    .max(max)
    .refine((s) => !refused.test(s), { params: { key: 'controlCharacters' } });
const paragraph = (max: number) => text(max, paragraphControls);
const required = (max: number) => text(max).refine((s) => s.length > 0, { params: { key: 'blank' } });

/** Optional values that are either present or null; an empty form field means absent. */
const emptyIsNull = <T extends z.ZodType<string | null>>(schema: T) =>
  schema.transform((v) => (v === '' ? null : v)).nullable();

const emailFormat = z.email();
const email = emptyIsNull(
  z
    .string()
    .overwrite(dropInvisible)
    .trim()
    .toLowerCase()
    .max(254)
    .refine((v) => v === '' || emailFormat.safeParse(v).success, { params: { key: 'invalidEmail' } }),
);
/**
 * What the contract checks before any region is known: phone characters only, and a sane number of digits.
 * Whether the number exists depends on the event's country, which the handler knows (phone.ts, kept out of this
 * module so screens importing the schema do not bundle the numbering plans of the world).
 */
function looksLikePhone(text: string): boolean {
  // Digits of any script: a phone keyboard set to Arabic types ٠٧١٢…, which libphonenumber reads as 0712….
  const digits = text.replace(/\P{Nd}/gu, '').length;
  return /^\+?[\p{Nd}\s().\-/]+$/u.test(text) && digits >= 6 && digits <= 17;
}

const phone = emptyIsNull(
  z
    .string()
    .overwrite(dropInvisible)
    .trim()
    .max(40)
    .refine((v) => v === '' || looksLikePhone(v), { params: { key: 'invalidPhone' } }),
);
const optionalCountry = emptyIsNull(
  z
    .string()
    .trim()
    .toUpperCase()
    .refine((v) => v === '' || country.safeParse(v).success, { params: { key: 'unknownCountry' } }),
);

export const consentInput = z
  .object({
    /** The version of the privacy notice the person was shown, e.g. "2023-09". */
    noticeVersion: required(50),
    /** When they agreed; now if left out. */
    at: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

/**
 * A person, as a form or an import describes them. This object is where required and optional are decided:
 * the family name (the primary identifier, as on a passport; people with one name have only this one), gender,
 * country represented, organisation and its type are what the reports need, so they are required.
 */
export const participantShape = z.object({
  honorific: text(30),
  givenNames: text(100),
  familyName: required(100),
  badgeName: text(100),
  gender,
  /** The country represented (the partner state, for delegates), ISO 3166-1 alpha-2. */
  country,
  nationality: optionalCountry,
  organisation: required(200),
  organisationType,
  jobTitle: text(150),
  email,
  /** Stored in E.164; a number without +country code is read as a number of the event's country. */
  phone,
  preferredLanguage: language.nullable(),
  accessibility: paragraph(500),
  dietary: paragraph(500),
  consent: consentInput.nullable(),
  photoConsent: z.boolean(),
  notes: paragraph(2000),
});
export type ParticipantFields = z.output<typeof participantShape>;

/** A person's details as typed on a form or read from a file: all but the consents, which are recorded, not typed. */
export const personDetailFields = participantShape.keyof().exclude(['consent', 'photoConsent']).options;

const requiredKeys = ['familyName', 'gender', 'country', 'organisation', 'organisationType'] as const;
const optionalFields = participantShape
  .partial()
  .required(Object.fromEntries(requiredKeys.map((k) => [k, true])) as { [K in (typeof requiredKeys)[number]]: true });

/** A check-in code as typed or scanned (7kq2-m9xd, 7KQ2M9XD, O for 0), made canonical. */
export const checkInCode = z
  .string()
  .max(20)
  .transform((v, ctx) => {
    const code = normaliseCode(v);
    if (code === null) {
      ctx.addIssue({ code: 'custom', params: { key: 'invalidCode' } });
      return z.NEVER;
    }
    return code;
  });

export const checkInMethods = ['search', 'qr', 'walk_in', 'manual'] as const;
export const checkInMethod = z.enum(checkInMethods);

export const operator = text(100);

/** Registering someone for an event, new to the database: a walk-in at the desk, or a name typed in ahead. */
export const participantCreate = optionalFields
  .extend({
    eventId: id,
    category,
    status: status.default('confirmed'),
    /** A code printed ahead (imported badges); a new one is made if left out. */
    code: checkInCode.optional(),
    /** Check the person in at once, e.g. a walk-in at the desk. `id` is the caller's nonce for the check-in. */
    checkIn: z
      .object({ id, sessionId: id, method: checkInMethod.default('walk_in'), operator: operator.optional() })
      .strict()
      .optional(),
  })
  .strict();

export const participantUpdate = z
  .object({
    id,
    changes: participantShape.partial().strict(),
    /**
     * The old gender, country or organisation type was a mistake ("her country was always Uganda"): correct it in
     * the registrations of past events too. Without it, events that are over keep the figures they were reported with.
     */
    correctPast: z.boolean().optional(),
  })
  .strict();

export const participant = z.object({
  id,
  honorific: z.string(),
  givenNames: z.string(),
  familyName: z.string(),
  badgeName: z.string(),
  gender,
  country: z.string(),
  nationality: z.string().nullable(),
  organisation: z.string(),
  organisationType,
  jobTitle: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  preferredLanguage: language.nullable(),
  accessibility: z.string(),
  dietary: z.string(),
  consent: z.object({ at: z.string(), noticeVersion: z.string() }).nullable(),
  photoConsent: z.boolean(),
  notes: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Participant = z.infer<typeof participant>;

export const registration = z.object({
  id,
  eventId: id,
  participantId: id,
  category,
  status,
  code: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Registration = z.infer<typeof registration>;

export const registrationUpdate = z.object({ id, changes: z.object({ category, status }).partial().strict() }).strict();

export const participantWithRegistrations = z.object({
  participant,
  registrations: z.array(registration),
  /** Registrations for events that are over: an edit keeps their figures unless it says it is a correction. */
  pastEvents: z.number().int().min(0),
});

/** Where a person stands for one session, derived from the appended check-in records. */
export const attendance = z.object({
  state: z.enum(['checked_in', 'checked_out']),
  checkInId: id,
  at: z.string(),
  device: z.string(),
  method: checkInMethod.nullable(),
  operator: z.string().nullable(),
  checkedOutAt: z.string().nullable(),
  /** More than one live check-in: two offline kiosks both checked the person in; staff should look. */
  duplicates: z.boolean(),
});
export type Attendance = z.infer<typeof attendance>;

/** One line of an event's roster: the registration, who the person is, and their check-in for the chosen session. */
export const rosterRow = z.object({
  registrationId: id,
  participantId: id,
  code: z.string(),
  status,
  category,
  honorific: z.string(),
  givenNames: z.string(),
  familyName: z.string(),
  badgeName: z.string(),
  gender,
  country: z.string(),
  organisation: z.string(),
  organisationType,
  jobTitle: z.string(),
  email: z.string().nullable(),
  /** Null when no session was chosen or the person is not checked in to it. */
  attendance: attendance.nullable(),
});
export type RosterRow = z.infer<typeof rosterRow>;

export const rosterSorts = ['name', 'country', 'organisation', 'category', 'status', 'registered'] as const;
export const maxPage = 500;

export const rosterList = z
  .object({
    eventId: id,
    /** The session whose check-ins the rows carry and the `checkedIn` filter reads. */
    sessionId: id.optional(),
    status: z.array(status).max(statuses.length).optional(),
    category: z.array(category).max(categories.length).optional(),
    country: z.array(country).max(250).optional(),
    gender: z.array(gender).max(genders.length).optional(),
    checkedIn: z.boolean().optional(),
    sort: z.enum(rosterSorts).default('name'),
    direction: z.enum(['asc', 'desc']).default('asc'),
    limit: z.number().int().min(1).max(maxPage).default(100),
    offset: z.number().int().min(0).max(10_000_000).default(0),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.checkedIn !== undefined && !value.sessionId)
      ctx.addIssue({ code: 'custom', path: ['sessionId'], params: { key: 'checkedInNeedsSession' } });
  });

export const rosterPage = z.object({ total: z.number().int(), rows: z.array(rosterRow) });

export const rosterSearch = z
  .object({
    eventId: id,
    sessionId: id.optional(),
    query: z.string().max(200),
    limit: z.number().int().min(1).max(100).default(20),
  })
  .strict();

export const matchKinds = ['exact', 'prefix', 'substring'] as const;
/** exact: every word typed is a whole word of the person's names, organisation or email, or the code itself. */
export const searchHit = rosterRow.extend({ match: z.enum(matchKinds) });
export type SearchHit = z.infer<typeof searchHit>;

export const duplicateQuery = z
  .object({
    givenNames: text(100).default(''),
    familyName: text(100).default(''),
    country: country.optional(),
    email: email.optional(),
    /** Leave out this person (the one being edited). */
    excludeId: id.optional(),
  })
  .strict();

export const duplicate = z.object({
  participant,
  reasons: z.array(z.enum(['email', 'name_country'])),
  registrations: z.array(registration),
});
