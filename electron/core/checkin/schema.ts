import { z } from 'zod';
import { id } from '../events/schema';
import { checkInCode, checkInMethod, gender, operator } from '../participants/schema';

export const recordKinds = ['check_in', 'check_out', 'reversal'] as const;

/** One appended fact: a check-in, a check-out, or the reversal (undo) of an earlier one. */
export const checkInRecord = z.object({
  /** The caller's nonce: sending the same one again returns this record instead of appending another. */
  id,
  kind: z.enum(recordKinds),
  registrationId: id,
  sessionId: id,
  /** For a reversal, the record it undoes. */
  reverses: id.nullable(),
  method: checkInMethod.nullable(),
  device: z.string(),
  at: z.string(),
  operator: z.string().nullable(),
});
export type CheckInRecord = z.infer<typeof checkInRecord>;

/**
 * Who: the registration (from the roster or search), the code on the badge (typed), or the badge's signed QR token
 * (scanned, verified offline against the event's key); exactly one of them.
 */
const who = {
  registrationId: id.optional(),
  code: checkInCode.optional(),
  // Bounded here so a scanner spewing garbage costs nothing; the token's own checks happen in verifyBadge.
  badge: z.string().max(512).optional(),
};

function exactlyOne(
  value: { registrationId?: string | undefined; code?: string | undefined; badge?: string | undefined },
  ctx: z.RefinementCtx,
) {
  const given = [value.registrationId, value.code, value.badge].filter((v) => v !== undefined).length;
  if (given !== 1)
    ctx.addIssue({ code: 'custom', path: ['registrationId'], params: { key: 'oneOfRegistrationCodeOrBadge' } });
}

export const checkInInput = z
  .object({ id, sessionId: id, ...who, method: checkInMethod, operator: operator.optional() })
  .strict()
  .superRefine(exactlyOne);
export type CheckInInput = z.output<typeof checkInInput>;

export const checkOutInput = z
  .object({ id, sessionId: id, ...who, operator: operator.optional() })
  .strict()
  .superRefine(exactlyOne);

export const undoInput = z
  .object({
    /** The nonce of the reversal itself, so a retried undo is one undo. */
    id,
    /** The check-in or check-out to undo. */
    recordId: id,
    operator: operator.optional(),
  })
  .strict();

const tally = z.object({ expected: z.number().int(), checkedIn: z.number().int() });

/** A session's live counters: people checked in against people expected (every registration not cancelled). */
export const counters = z.object({
  sessionId: id,
  expected: z.number().int(),
  checkedIn: z.number().int(),
  /** Checked in, then out again. Still counted as checked in: they attended. */
  checkedOut: z.number().int(),
  byGender: z.record(gender, tally),
});

export const recentInput = z.object({ sessionId: id, limit: z.number().int().min(1).max(100).default(10) }).strict();

/** The desk's "last check-ins" list (this device's): each record with who it was, and whether it was undone since. */
export const recentEntry = checkInRecord.extend({
  givenNames: z.string(),
  familyName: z.string(),
  code: z.string(),
  undone: z.boolean(),
});
