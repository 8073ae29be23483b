import type { Handlers } from '../api/handler';
import { writeTransaction } from '../db/transaction';
import { startBackupScrub } from './backups';
import { clearWal, erasePerson, purgeSearchText } from './erase';
import { retentionStatus, runRetention } from './retention';

/**
 * Erasing is a task, not a mutation: after its transaction commits, the WAL must be checkpointed and emptied (which
 * cannot happen inside a transaction), so that the erased values leave the -wal file as well as the database; and
 * the older backups are rewritten without the person, in the background (erasure/backups.ts).
 */
export const erasureHandlers = {
  'person.erase': (ctx, input) => {
    const done = writeTransaction(ctx.db, () => {
      const erasure = erasePerson(ctx, input.participantId, 'request');
      if (!erasure.alreadyErased) purgeSearchText(ctx.db);
      return erasure;
    });
    const walCleared = done.alreadyErased || clearWal(ctx.db);
    if (!done.alreadyErased) void startBackupScrub(ctx);
    return Promise.resolve({ ...done, walCleared });
  },
  'retention.run': (ctx) => {
    const run = runRetention(ctx);
    if (run.participantIds.length > 0) void startBackupScrub(ctx);
    return Promise.resolve(run);
  },
  'retention.status': (ctx) => retentionStatus(ctx),
} satisfies Partial<Handlers>;
