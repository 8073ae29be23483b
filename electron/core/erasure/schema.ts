import { z } from 'zod';
import { id, isoDate } from '../events/schema';

export const personEraseInput = z.object({ participantId: id }).strict();

/** What an erasure did, in ids only: an audit entry can record it whole. */
export const erasure = z.object({
  participantId: id,
  registrationIds: z.array(id),
  signatures: z.number().int().nonnegative(),
  erasedAt: z.string(),
  reason: z.enum(['request', 'retention']),
  alreadyErased: z.boolean(),
  walCleared: z.boolean(),
});

export const retentionRun = z.object({
  ranAt: z.string(),
  participantIds: z.array(id),
  walCleared: z.boolean(),
});

export const retentionStatus = z.object({
  lastRunAt: z.string().nullable(),
  today: isoDate,
  events: z.array(
    z.object({
      eventId: id,
      title: z.string(),
      endDate: isoDate,
      retentionDays: z.number().int().nullable(),
      keepUntil: isoDate.nullable(),
      passed: z.boolean(),
      peopleWithData: z.number().int().nonnegative(),
    }),
  ),
});
