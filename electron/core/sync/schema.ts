import { z } from 'zod';
import { parseTimestamp } from '../changes/clock';
import { recordKinds } from '../checkin/schema';
import { clockTime, country, id, isoDate, language } from '../events/schema';
import { category, checkInMethod, gender, organisationType, status } from '../participants/schema';
import { entityNames, syncedEntities } from './entities';
import { passphrase } from './passphrase';

/** A clock timestamp as the change log writes it; it ends in the id of the device that made the change. */
export const hlc = z
  .string()
  .max(64)
  .refine((text) => parseTimestamp(text) !== null, 'Not a clock timestamp.');
export const deviceId = z.string().regex(/^[0-9a-f]{16}$/);

/** Per device, the newest change of an event a replica holds: what a peer needs to send only what is missing. */
export const versionVector = z.record(deviceId, hlc);
export type VersionVector = z.infer<typeof versionVector>;

const fieldValue = z.union([z.string().max(1_000_000), z.number().finite(), z.null()]);

/**
 * The values a column may hold where the screens read it as one of a closed list. A newer Muster that adds a gender,
 * a category or a check-in method would otherwise land a value this one cannot show: every read of that person, the
 * roster and the reports would fail. Refused whole like an unknown field (update Muster first), so no replica or
 * hub takes in what the others could not read.
 */
const nullable = <T extends z.ZodType>(schema: T) => schema.nullable();
// Stored as JSON text; every screen of the event reads it as a list of the languages Muster speaks.
const languageList = z.string().refine((text) => {
  try {
    return z.array(language).safeParse(JSON.parse(text)).success;
  } catch {
    return false;
  }
});
const columnValues: Record<string, Record<string, z.ZodType>> = {
  // Not the time zone: screens take any name, and a peer's newer time-zone data may know one this one does not.
  event: { start_date: isoDate, end_date: isoDate, languages: languageList },
  session: { date: isoDate, start_time: clockTime, end_time: clockTime },
  participant: {
    gender,
    country,
    nationality: nullable(country),
    organisation_type: organisationType,
    preferred_language: nullable(language),
  },
  registration: {
    category,
    status,
    // The person's figures at this event; NULL from an older Muster means "not recorded" (migration 0022).
    gender: nullable(gender),
    country: nullable(country),
    organisation_type: nullable(organisationType),
  },
  checkin: { kind: z.enum(recordKinds), method: nullable(checkInMethod) },
};

/** One change record as a bundle carries it: the device is the timestamp's suffix, so the two cannot disagree. */
export const syncChange = z
  .object({
    hlc,
    entity: z.enum(entityNames),
    id: z.string().min(1).max(200),
    fields: z.record(z.string(), fieldValue),
  })
  .strict()
  .superRefine((change, context) => {
    const columns = syncedEntities[change.entity]?.columns ?? [];
    const values = columnValues[change.entity];
    for (const [field, value] of Object.entries(change.fields)) {
      if (!columns.includes(field)) {
        context.addIssue({ code: 'custom', path: ['fields', field], message: `${change.entity} has no ${field}.` });
      } else if (values?.[field] && !values[field].safeParse(value).success) {
        context.addIssue({
          code: 'custom',
          path: ['fields', field],
          message: `${change.entity} ${field} cannot be ${JSON.stringify(value).slice(0, 40)}.`,
        });
      }
    }
  });
export type SyncChange = z.infer<typeof syncChange>;

/** What is inside a bundle once decrypted and unpacked. */
export const bundleBody = z
  .object({
    format: z.literal(1),
    eventId: id,
    changes: z.array(syncChange),
  })
  .strict();
export type BundleBody = z.infer<typeof bundleBody>;

/** The passphrase rule lives on its own so the screens can load it (sync/passphrase.ts). */
export { passphrase };

export const syncStatusInput = z.object({ eventId: id }).strict();
export const syncStatus = z.object({
  eventId: id,
  device: deviceId,
  vector: versionVector,
  digest: z.string().regex(/^[0-9a-f]{64}$/),
  changes: z.number().int().nonnegative(),
});

/** A screen that wants progress names the job (its own id, as for imports and exports) and polls sync.progress. */
const jobId = id.optional();

export const syncExportInput = z.object({ eventId: id, passphrase, since: versionVector.optional(), jobId }).strict();
export const syncExportResult = z.object({
  fileName: z.string(),
  data: z.string(),
  bytes: z.number().int().nonnegative(),
  changes: z.number().int().nonnegative(),
});

/** A bundle as the contract carries it (base64), at most the file limit of sync/bundle.ts. */
const maxBundleBase64 = Math.ceil((64 * 1024 * 1024) / 3) * 4;
export const syncRequestBytes = maxBundleBase64 + 64 * 1024;

export const syncImportInput = z
  .object({ data: z.base64().max(maxBundleBase64), passphrase, eventId: id.optional(), jobId })
  .strict();

export const syncPhases = [
  'reading',
  'sealing',
  'verifying',
  'checking',
  'applying',
  'done',
  'failed',
  'cancelled',
] as const;
export const syncProgressInput = z.object({ jobId: id }).strict();
export const syncProgress = z.object({
  jobId: id,
  phase: z.enum(syncPhases),
  done: z.number().int(),
  total: z.number().int(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export const syncImportResult = z.object({
  eventId: id,
  from: deviceId,
  received: z.number().int().nonnegative(),
  applied: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  digest: z.string().regex(/^[0-9a-f]{64}$/),
});
