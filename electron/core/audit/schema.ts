import { z } from 'zod';

const day = z.iso.date();

/** The viewer's filters: who, what (a method name or its domain, such as "import"), and which days (UTC). */
export const auditFilter = z.strictObject({
  actor: z.string().trim().max(64).optional(),
  action: z
    .string()
    .trim()
    .regex(/^[a-zA-Z.]{1,64}$/)
    .optional(),
  from: day.optional(),
  to: day.optional(),
});

export const auditListInput = auditFilter.extend({
  /** Entries before this one (newest first), for the next page. */
  beforeSeq: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(500).default(100),
});

export const auditEntry = z.strictObject({
  seq: z.number().int(),
  at: z.string(),
  device: z.string(),
  actor: z.string(),
  /** The actor's name when they are a member of this device, for the screen; the entry itself holds only the id. */
  actorName: z.string().nullable(),
  role: z.string(),
  action: z.string(),
  ids: z.record(z.string(), z.string()),
  counts: z.record(z.string(), z.number()),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const auditPage = z.strictObject({ entries: z.array(auditEntry), more: z.boolean() });

export const auditVerification = z.strictObject({
  entries: z.number().int(),
  intact: z.boolean(),
  /** The first entry that does not hold together, and why; null when the whole chain does. */
  firstBroken: z
    .strictObject({
      seq: z.number().int(),
      reason: z.enum(['changed', 'missing', 'truncated']),
    })
    .nullable(),
  /**
   * Restores of a backup whose trail was not a prefix of this device's (another device's, or edited): the entries
   * before each are the backup's history, and what this device recorded before the restore is not in this chain.
   */
  restarts: z.array(z.strictObject({ seq: z.number().int(), at: z.string(), backup: z.string() })),
});
export type AuditVerification = z.infer<typeof auditVerification>;
