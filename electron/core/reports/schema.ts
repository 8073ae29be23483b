import { z } from 'zod';
import { id, isoDate, language } from '../events/schema';
import { genders, organisationTypes } from '../participants/schema';
import { feedbackSummary } from '../feedback/report';
import { reportCategories } from './closed-lists';

const name = z
  .string()
  .trim()
  .max(200)
  .refine((s) => s.length > 0, { params: { key: 'blank' } });

export const programme = z.object({
  id,
  name: z.string(),
  /** Its events, by start date. */
  eventIds: z.array(id),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Programme = z.infer<typeof programme>;

export const programmeCreate = z.object({ name, eventIds: z.array(id).max(200).default([]) }).strict();
export const programmeRename = z.object({ id, name }).strict();
export const programmeAssign = z.object({ programmeId: id, eventId: id }).strict();

/** A report covers one event, or every event of a programme. */
export const reportScope = z.union([z.object({ eventId: id }).strict(), z.object({ programmeId: id }).strict()]);
export type ReportScope = z.output<typeof reportScope>;

const count = z.number().int().nonnegative();
/** A closed list's counts with every key present (0 when none), so a script can read `byCategory.embassy` blind. */
const countsOf = <K extends string>(keys: readonly [K, ...K[]]) =>
  z.object(Object.fromEntries(keys.map((k) => [k, count])) as Record<K, typeof count>);

export const byCategory = countsOf(reportCategories);
export const byGender = countsOf(genders);
export const byOrganisationType = countsOf(organisationTypes);

/** Women over attendees whose gender is stated (female, male or another), and how many did not state it. */
export const womenShare = z.object({
  women: count,
  genderStated: count,
  genderNotStated: count,
  /** 100 × women / genderStated, to one decimal; null when nobody stated a gender. */
  womenPercent: z.number().nullable(),
});

export const sessionAttendance = z.object({
  eventId: id,
  sessionId: id,
  name: z.string(),
  date: isoDate,
  /** Registered for the session's event (not cancelled). */
  registered: count,
  /** Checked in to this session, each person once. */
  attended: count,
  /** 100 × attended / registered, to one decimal; null when nobody is registered. */
  ratePercent: z.number().nullable(),
});

export const workshop = z.object({
  eventId: id,
  title: z.string(),
  city: z.string(),
  country: z.string(),
  startDate: isoDate,
  endDate: isoDate,
  sessions: count,
  registered: count,
  attended: count,
  noShows: count,
  attendedAllSessions: count,
  countries: count,
  ...womenShare.shape,
  byCategory,
  /** Attendees who are neither partner-state delegates nor organisers or staff: the totals' rule, per workshop. */
  otherParticipants: count,
  attendance: z.array(sessionAttendance),
});
export type Workshop = z.infer<typeof workshop>;

export const countryCount = z.object({ country: z.string(), name: z.string(), attended: count });

export const totals = z.object({
  /** People registered (not cancelled) to at least one of the events, each counted once. */
  registered: count,
  /** People who attended at least one session of at least one event, each counted once. */
  uniqueParticipants: count,
  /** Workshop attendances: the workshops' attended figures added up (a person at two workshops counts twice). */
  attendances: count,
  /** Attendees who attended every session of every workshop they attended. */
  attendedAllSessions: count,
  /** Distinct countries represented by partner-state delegates who attended. */
  partnerStates: count,
  /** Distinct countries represented by all attendees. */
  countries: count,
  ...womenShare.shape,
  byGender,
  byCategory,
  /** Attendees who are not partner-state delegates, organisers or staff: embassies, private sector, IOs, UN, ... */
  otherParticipants: count,
  byOrganisationType,
  byCountry: z.array(countryCount),
  attendance: z.array(sessionAttendance),
});
export type Totals = z.infer<typeof totals>;

export const matchSummary = z.object({ confirmed: count, pending: count, rejected: count });

export const report = z.object({
  scope: z.enum(['event', 'programme']),
  /** The programme's id and name; for an event report, the programme it belongs to, if any. */
  programme: z.object({ id, name: z.string() }).nullable(),
  generatedAt: z.string(),
  /** What each figure means, in words, printed with the report. */
  definitions: z.record(z.string(), z.string()),
  workshops: z.array(workshop),
  totals,
  matches: matchSummary,
  /** Participant feedback per event (electron/core/feedback). */
  feedback: feedbackSummary,
});
export type Report = z.infer<typeof report>;

export const matchReasons = ['email', 'name_country_organisation'] as const;
export const matchDecisions = ['pending', 'confirmed', 'rejected'] as const;

const matchPerson = z.object({
  participantId: id,
  givenNames: z.string(),
  familyName: z.string(),
  country: z.string(),
  organisation: z.string(),
  email: z.string().nullable(),
  /** The programme's events they are registered to. */
  eventIds: z.array(id),
});

export const match = z.object({
  /** The pair's key: both participant ids, sorted, joined by "|". */
  id: z.string(),
  a: matchPerson,
  b: matchPerson,
  /** Why the pair was suggested; empty for a pair staff merged by hand. */
  reasons: z.array(z.enum(matchReasons)),
  decision: z.enum(matchDecisions),
  /**
   * The decision is not followed: newer decisions about other pairs say otherwise (a confirmation that would join
   * records a newer one keeps apart, or a refusal of records newer confirmations joined). See `personKeys`.
   */
  overridden: z.boolean(),
});
export type Match = z.infer<typeof match>;

export const matchesInput = z.object({ programmeId: id, decision: z.enum(matchDecisions).optional() }).strict();
export const matchesOutput = z.object({ summary: matchSummary, matches: z.array(match) });

export const personPair = z
  .object({ a: id, b: id })
  .strict()
  .refine((p) => p.a !== p.b, { params: { key: 'samePerson' } });

export const personDecision = z.object({ id: z.string(), a: id, b: id, decision: z.enum(matchDecisions) });

/** report.export: the report as a file, through the export jobs (export.status and export.cancel follow it). */
export const reportExportInput = z
  .object({
    jobId: id,
    format: z.enum(['xlsx', 'pdf']),
    eventId: id.optional(),
    programmeId: id.optional(),
    /**
     * The PDF's language: for one event, its first language when left out; for a programme (several events, perhaps
     * in several languages), English. The workbook stays English like every workbook, so it refuses a language.
     */
    language: language.optional(),
  })
  .strict()
  .refine((v) => (v.eventId === undefined) !== (v.programmeId === undefined), {
    params: { key: 'oneOfEventOrProgramme' },
  })
  .refine((v) => v.language === undefined || v.format === 'pdf', {
    path: ['language'],
    params: { key: 'languageOnlyForPdf' },
  });

/** The live event dashboard: one session, now. */
export const dashboardInput = z
  .object({ sessionId: id, bucketMinutes: z.number().int().min(1).max(240).default(15) })
  .strict();

const expectedVsIn = z.object({ expected: count, checkedIn: count });

export const dashboard = z.object({
  eventId: id,
  sessionId: id,
  generatedAt: z.string(),
  /** Registered for the event (not cancelled): who is expected at each session. */
  expected: count,
  /** Checked in to the session so far, each person once (a double check-in from two kiosks counts once). */
  checkedIn: count,
  /** Checked in and not checked out again: in the room now. */
  present: count,
  /** Arrivals per time slot (UTC start of the slot), with the running total. */
  arrivals: z.array(z.object({ at: z.string(), count, total: count })),
  byGender: z.object(
    Object.fromEntries(genders.map((g) => [g, expectedVsIn])) as Record<(typeof genders)[number], typeof expectedVsIn>,
  ),
  byCategory: z.object(
    Object.fromEntries(reportCategories.map((c) => [c, expectedVsIn])) as Record<
      (typeof reportCategories)[number],
      typeof expectedVsIn
    >,
  ),
  byOrganisationType: z.object(
    Object.fromEntries(organisationTypes.map((o) => [o, expectedVsIn])) as Record<
      (typeof organisationTypes)[number],
      typeof expectedVsIn
    >,
  ),
  byCountry: z.array(z.object({ country: z.string(), expected: count, checkedIn: count })),
});
export type Dashboard = z.infer<typeof dashboard>;
