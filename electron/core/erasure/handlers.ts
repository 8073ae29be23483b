import type { Handlers } from '../api/handler';
import { writeTransaction } from '../db/transaction';
import { clearWal, erasePerson, purgeSearchText } from './erase';
import { retentionStatus, runRetention } from './retention';

/**
 * Erasing is a task, not a mutation: after its transaction commits, the WAL must be checkpointed and emptied (which
 * cannot happen inside a transaction), so that the erased values leave the -wal file as well as the database.
 */
export const erasureHandlers = {
  'person.erase': (ctx, input) => {
    const done = writeTransaction(ctx.db, () => {
      const erasure = erasePerson(ctx, input.participantId, 'request');
      if (!erasure.alreadyErased) purgeSearchText(ctx.db);
      return erasure;
    });
    return Promise.resolve({ ...done, walCleared: done.alreadyErased || clearWal(ctx.db) });
  },
  'retention.run': (ctx) => Promise.resolve(runRetention(ctx)),
  'retention.status': (ctx) => retentionStatus(ctx),
} satisfies Partial<Handlers>;
