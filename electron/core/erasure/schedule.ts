import type { Context } from '../context';
import { runRetention } from './retention';

/** How often a running app looks for events whose retention has passed. */
export const retentionEveryHours = 24;

/**
 * Runs retention once at start-up, then every `everyHours` while the app runs (a kiosk left on for weeks still
 * erases on time). A failure is logged and tried again next time: it must never stop the desk. Returns the stopper.
 */
export function scheduleRetention(
  ctx: Context,
  everyHours = retentionEveryHours,
  log: (message: string) => void = (m) => console.warn(m),
): () => void {
  const run = () => {
    try {
      const result = runRetention(ctx);
      if (result.participantIds.length > 0) {
        log(`[muster] retention erased the personal data of ${result.participantIds.length} people`);
      }
    } catch (error) {
      log(`[muster] retention failed: ${(error as Error).message}`);
    }
  };
  run();
  const timer = setInterval(run, everyHours * 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}
