import { recordAction, systemActor } from '../audit/record';
import { withJoinedEntry } from '../audit/task';
import type { Context } from '../context';
import { whenWritable } from '../db/transaction';
import { backupScrubPending, startBackupScrub } from './backups';
import { runRetention } from './retention';

/** How often a running app looks for events whose retention has passed. */
export const retentionEveryHours = 24;

/** How often it looks for erasures (received by sync, say) not yet carried into the older backups. */
export const backupScrubEveryMinutes = 15;

/**
 * Runs retention once at start-up, then every `everyHours` while the app runs (a kiosk left on for weeks still
 * erases on time). A failure is logged and tried again next time: it must never stop the desk. Erasures not yet
 * carried into the older backups (a scrub a kill interrupted, an erasure that came by sync) are carried at start-up
 * and looked for every `backupScrubEveryMinutes`. Returns the stopper.
 */
export function scheduleRetention(
  ctx: Context,
  everyHours = retentionEveryHours,
  log: (message: string) => void = (m) => console.warn(m),
): () => void {
  const run = () => {
    // Recorded as the system's, in the run's own commit (a run with no one due still records that it ran). An import
    // being saved holds the store for seconds: the run waits for it rather than failing until the next day.
    void Promise.resolve(
      whenWritable(ctx.db, () =>
        withJoinedEntry(
          ctx.db,
          (committed) => recordAction(ctx, systemActor, 'retention.run', {}, { participantIds: committed }),
          () => runRetention(ctx),
        ),
      ),
    ).then(
      ({ value }) => {
        if (value.participantIds.length > 0) {
          log(`[muster] retention erased the personal data of ${value.participantIds.length} people`);
        }
      },
      (error: unknown) => log(`[muster] retention failed: ${(error as Error).message}`),
    );
  };
  const scrub = () => {
    try {
      if (backupScrubPending(ctx.db)) void startBackupScrub(ctx, log);
    } catch (error) {
      log(`[muster] could not look for backups to scrub: ${(error as Error).message}`);
    }
  };
  run();
  scrub();
  const timer = setInterval(() => {
    run();
    scrub();
  }, everyHours * 3_600_000);
  timer.unref();
  const scrubTimer = setInterval(scrub, backupScrubEveryMinutes * 60_000);
  scrubTimer.unref();
  return () => {
    clearInterval(timer);
    clearInterval(scrubTimer);
  };
}
