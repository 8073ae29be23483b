import { z } from 'zod';
import { id } from '../events/schema';
import { importField } from './fields';
import { importLimits, maxBase64Chars } from './limits';
import { importMapping, mappingSources } from './mapping';
import { delimiters, encodings } from './table';

/**
 * A file as the screens send it: its name and its bytes in base64 (the one form both IPC and the HTTP transport
 * carry as JSON). The size cap is the contract's; the bytes are checked again once decoded.
 */
export const fileUpload = z
  .object({
    name: z.string().trim().min(1).max(255),
    data: z
      .string()
      .max(maxBase64Chars)
      .refine((data) => data.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(data), {
        params: { key: 'notBase64' },
      }),
  })
  .strict();

/**
 * Reads a file and previews its import, or previews again with another sheet, header row or mapping (leave out
 * `file` then: the job keeps it). `jobId` is the caller's: it can poll import.status and cancel with it while
 * this call is still running.
 */
export const importPreviewInput = z
  .object({
    jobId: id,
    eventId: id,
    file: fileUpload.optional(),
    sheet: z.string().min(1).max(100).optional(),
    /** The row with the column names; 0 when the file has none and every row is a person. */
    headerRow: z.number().int().min(0).max(importLimits.headerRow).optional(),
    mapping: importMapping.optional(),
  })
  .strict();

export const importPhases = [
  'reading',
  'normalising',
  'checking',
  'ready',
  'saving',
  'committed',
  'failed',
  'cancelled',
] as const;

export const jobStatus = z.object({
  jobId: id,
  phase: z.string(),
  done: z.number().int(),
  total: z.number().int(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});

export const importStatus = jobStatus.extend({ phase: z.enum(importPhases) });

export const importColumn = z.object({
  index: z.number().int(),
  header: z.string(),
  field: importField.nullable(),
  samples: z.array(z.string()),
});

export const importPreview = z.object({
  jobId: id,
  eventId: id,
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  encoding: z.enum(encodings).nullable(),
  delimiter: z.enum(delimiters).nullable(),
  sheets: z.array(z.object({ name: z.string(), rows: z.number().int() })),
  sheet: z.string().nullable(),
  /** The row (as numbered in the file) read as the header. */
  headerRow: z.number().int(),
  columns: z.array(importColumn),
  mapping: importMapping,
  mappingSource: z.enum(mappingSources),
  totals: z.object({
    rows: z.number().int(),
    /** Rows that will be added as they are, with no problem and no possible duplicate. */
    ready: z.number().int(),
    errors: z.number().int(),
    warnings: z.number().int(),
    duplicates: z.number().int(),
  }),
  /**
   * Rows without errors that are hidden in the spreadsheet: skipped unless the person chooses to add them (rowAction).
   * Listed so the screen can plan them and send its decisions without paging through every row.
   */
  hiddenRows: z.array(z.number().int()),
});

export const importActions = ['add', 'update', 'skip'] as const;
export const importAction = z.enum(importActions);

const previewIssue = z.object({ field: importField.nullable(), key: z.string(), message: z.string() });

export const rosterMatch = z.object({
  participantId: id,
  name: z.string(),
  country: z.string(),
  email: z.string().nullable(),
  reasons: z.array(z.enum(['email', 'name_country'])),
  registered: z.boolean(),
});

export const previewRow = z.object({
  row: z.number().int(),
  values: z.partialRecord(importField, z.string()),
  errors: z.array(previewIssue),
  warnings: z.array(previewIssue),
  duplicate: z
    .discriminatedUnion('of', [
      z.object({ of: z.literal('file'), row: z.number().int() }),
      z.object({ of: z.literal('roster'), matches: z.array(rosterMatch) }),
    ])
    .nullable(),
  /** What the commit does with the row unless told otherwise; `fail` for a row with errors. */
  action: z.enum([...importActions, 'fail']),
});

export const importRowsInput = z
  .object({
    jobId: id,
    filter: z.enum(['all', 'errors', 'warnings', 'duplicates']).default('all'),
    offset: z.number().int().min(0).max(importLimits.rows).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();

export const importRowsPage = z.object({ total: z.number().int(), rows: z.array(previewRow) });

export const importDecision = z
  .object({
    row: z.number().int().min(1),
    action: importAction,
    /** Which of the row's matches to update, when it has several; the first (same email first) otherwise. */
    participantId: id.optional(),
  })
  .strict();

/**
 * What the commit does with a possible duplicate nobody chose for: a match on the roster gets `onDuplicate`; a repeat
 * of an earlier row of the file has no one on the roster to update, so it is added only when duplicates are added.
 * Here, beside the schema, so the import screen counts its plan by the same rule the commit applies.
 */
export function defaultAction(
  duplicateOf: 'roster' | 'file',
  onDuplicate: z.output<typeof importAction>,
): z.output<typeof importAction> {
  if (duplicateOf === 'roster') return onDuplicate;
  return onDuplicate === 'add' ? 'add' : 'skip';
}

/**
 * What happens to a row nobody chose for: a row with errors fails; a row hidden in the spreadsheet is skipped (its
 * organisers hid a declined nominee, whatever else it matches); a possible duplicate follows defaultAction; the rest
 * are added. The preview shows this action, and the commit must apply the same one.
 */
export function rowAction(
  row: { create: object | null; hidden: boolean; duplicate: { of: 'roster' | 'file' } | null },
  onDuplicate: z.output<typeof importAction>,
): z.output<typeof importAction> | 'fail' {
  if (row.create === null) return 'fail';
  if (row.hidden) return 'skip';
  return row.duplicate ? defaultAction(row.duplicate.of, onDuplicate) : 'add';
}

export const importCommitInput = z
  .object({
    jobId: id,
    /** What to do with rows that match someone on the roster, unless `decisions` says otherwise for the row. */
    onDuplicate: importAction.default('skip'),
    decisions: z.array(importDecision).max(importLimits.rows).default([]),
    /** Work out the report, then roll everything back. */
    dryRun: z.boolean().default(false),
  })
  .strict();

const rows = z.array(z.number().int());

/** The import report: the file's row numbers by outcome, and why each failed row failed. */
export const importReport = z.object({
  jobId: id,
  dryRun: z.boolean(),
  counts: z.object({
    added: z.number().int(),
    updated: z.number().int(),
    skipped: z.number().int(),
    failed: z.number().int(),
  }),
  added: rows,
  updated: rows,
  skipped: rows,
  /** Each row that could not be imported, with the same keyed issues its preview showed. */
  failed: z.array(z.object({ row: z.number().int(), reasons: z.array(previewIssue) })),
});
export type ImportReport = z.input<typeof importReport>;

export const jobInput = z.object({ jobId: id }).strict();
