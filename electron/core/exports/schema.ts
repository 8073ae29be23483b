import { z } from 'zod';
import { id, language } from '../events/schema';
import { badgeLayout } from '../badges/schema';
import { jobStatus } from '../imports/schema';

export const exportFormats = ['csv', 'xlsx', 'signin-pdf', 'summary-pdf', 'badges-pdf'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** The formats drawn for people to read, in the workshop's language. */
export const pdfFormats: ReadonlySet<ExportFormat> = new Set(['signin-pdf', 'summary-pdf', 'badges-pdf']);

/** Personal fields a roster export can carry; the user picks them (data minimisation). */
export const exportFields = [
  'honorific',
  'givenNames',
  'familyName',
  'badgeName',
  'gender',
  'country',
  'nationality',
  'organisation',
  'organisationType',
  'jobTitle',
  'email',
  'phone',
  'category',
  'status',
  'code',
  'preferredLanguage',
  'dietary',
  'accessibility',
] as const;
export const exportField = z.enum(exportFields);
export type ExportField = z.infer<typeof exportField>;

/** What an export carries unless the user chooses: what donors ask for. Email and phone only when asked. */
export const defaultExportFields: readonly ExportField[] = [
  'honorific',
  'givenNames',
  'familyName',
  'gender',
  'country',
  'organisation',
  'organisationType',
  'jobTitle',
  'category',
  'status',
];

export const exportInput = z
  .object({
    /** The caller's id for the job: export.status and export.cancel take it while this call runs. */
    jobId: id,
    eventId: id,
    format: z.enum(exportFormats),
    /** Sign-in sheets: one session's; all sessions' when left out. */
    sessionId: id.optional(),
    /** CSV and XLSX: the personal fields, in this order (see defaultExportFields). */
    fields: z
      .array(exportField)
      .min(1)
      .max(exportFields.length)
      .refine((list) => new Set(list).size === list.length, { params: { key: 'fieldRepeated' } })
      .optional(),
    /** Cancelled registrations are left out unless asked for. */
    includeCancelled: z.boolean().default(false),
    /** Badges: the page layout (electron/core/badges/pdf.ts). */
    layout: badgeLayout.default('a4-8'),
    /** Badges: only these registrations, in this order (a reprint, one person at the desk); all when left out. */
    registrationIds: z.array(id).min(1).max(100_000).optional(),
    /**
     * PDFs: the language the document is written in; the event's first language when left out. CSV and XLSX are
     * always English (labels.ts says why), so asking them for another language is refused rather than ignored.
     */
    language: language.optional(),
  })
  .strict()
  .refine((input) => input.language === undefined || pdfFormats.has(input.format), {
    path: ['language'],
    params: { key: 'languageOnlyForPdf' },
  });

export const exportPhases = ['reading', 'rendering', 'done', 'failed', 'cancelled'] as const;
export const exportStatus = jobStatus.extend({ phase: z.enum(exportPhases) });

export const exportResult = z.object({
  jobId: id,
  /** A suggested file name, e.g. ct-tech-workshop-attendance.xlsx. */
  fileName: z.string(),
  mediaType: z.string(),
  /** The file, base64: the screen saves it where the user chooses; the command line writes it atomically. */
  data: z.string(),
  bytes: z.number().int(),
  /** Registrations in the file. */
  rows: z.number().int(),
  pages: z.number().int().nullable(),
});
