import type { Context } from '../context';
import { whenWritable } from '../db/transaction';
import { takeBackup } from './backup';

/** How often a running app backs up, when something changed since the last backup. */
export const backupEveryMinutes = 15;

/**
 * Backs up once at start-up, then every `everyMinutes` while the app runs (skipped when nothing changed). A failed
 * backup is logged and tried again next time: it must never stop the desk. Returns the function that stops it.
 */
export function scheduleBackups(
  ctx: Context,
  everyMinutes = backupEveryMinutes,
  log: (message: string) => void = (m) => console.warn(m),
): () => void {
  let running: Promise<unknown> = Promise.resolve();
  const run = (reason: 'start-up' | 'scheduled') => {
    running = running
      // An import being saved holds the store for seconds: the backup waits for it, rather than failing until the next.
      .then(async () => whenWritable(ctx.db, () => takeBackup(ctx, reason)))
      .catch((error: unknown) => log(`[muster] ${reason} backup failed: ${(error as Error).message}`));
  };
  run('start-up');
  const timer = setInterval(() => run('scheduled'), everyMinutes * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
