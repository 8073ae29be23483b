import { backupsDir, listBackups } from '../backups/files';
import type { Context } from '../context';
import { openOptionsOf, type Db } from '../db/driver';
import { prepared } from '../db/statements';
import { writeWhenFree } from '../db/transaction';
import { runInWorker } from '../jobs/worker-host';
import type { SyncChange } from '../sync/schema';
import type { ScrubResult } from './backup-scrub';
import { applyErasures } from './backup-scrub';
import { clearWal } from './erase';

// The newest erasure change (by seq) every backup has been scrubbed of. Local, like every meta key: each replica
// scrubs its own backups. It only moves once all of them are done, so a kill mid-way leaves the work pending.
const scrubbedKey = 'backups_scrubbed_seq';

interface Erasures {
  changes: SyncChange[];
  /** seq of the newest one, 0 when there is none. */
  lastSeq: number;
}

/** The erasure change records the database holds, oldest first: what a backup or a restored copy must apply. */
export function erasureRecords(db: Db, afterSeq = 0): Erasures {
  const rows = prepared(
    db,
    `SELECT seq, hlc, entity, entity_id, fields FROM changes
     WHERE seq > ? AND entity = 'participant' AND json_extract(fields, '$.erased_at') IS NOT NULL
     ORDER BY seq`,
  ).all(afterSeq) as { seq: number; hlc: string; entity: 'participant'; entity_id: string; fields: string }[];
  return {
    changes: rows.map((r) => ({
      hlc: r.hlc,
      entity: r.entity,
      id: r.entity_id,
      fields: JSON.parse(r.fields) as SyncChange['fields'],
    })),
    lastSeq: rows.at(-1)?.seq ?? 0,
  };
}

function scrubbedUpTo(db: Db): number {
  return Number(prepared(db, `SELECT value FROM meta WHERE key = '${scrubbedKey}'`).pluck().get() ?? 0);
}

// How far this connection's change log was looked through and found no erasure: the schedule asks every 15 minutes,
// and reading a 100,000-person change log from the start each time would stall the desk for a moment.
const lookedUpTo = new WeakMap<Db, number>();

/** Whether an erasure (made here, received by sync, or re-applied by a restore) has not reached every backup yet. */
export function backupScrubPending(db: Db): boolean {
  const after = Math.max(scrubbedUpTo(db), lookedUpTo.get(db) ?? 0);
  const last = Number(prepared(db, 'SELECT coalesce(max(seq), 0) FROM changes').pluck().get());
  const pending =
    prepared(
      db,
      `SELECT 1 FROM changes
       WHERE seq > ? AND entity = 'participant' AND json_extract(fields, '$.erased_at') IS NOT NULL LIMIT 1`,
    ).get(after) !== undefined;
  if (!pending) lookedUpTo.set(db, last);
  return pending;
}

/**
 * Rewrites every backup that still holds someone erased (erasure/backup-scrub.ts, on a worker thread), then records
 * how far the backups are scrubbed. Null when nothing was pending.
 */
export async function scrubBackups(ctx: Context): Promise<ScrubResult | null> {
  // Closed meanwhile (a command that erased and ended, a test): the next start finds the work pending.
  if (!ctx.db.open || !backupScrubPending(ctx.db)) return null;
  const dir = backupsDir(ctx.db.name);
  const { changes, lastSeq } = erasureRecords(ctx.db);
  const result =
    listBackups(dir).length === 0
      ? { checked: 0, rewritten: [] }
      : await runInWorker('erasure.scrubBackups', { dir, open: openOptionsOf(ctx.db), erasures: changes }).result;
  if (!ctx.db.open) return result;
  // After the worker's await: an import's save may hold the store now, and is waited for.
  await writeWhenFree(ctx.db, () =>
    prepared(
      ctx.db,
      `INSERT INTO meta (key, value) VALUES ('${scrubbedKey}', ?)
       ON CONFLICT (key) DO UPDATE SET value = max(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER))`,
    ).run(String(lastSeq)),
  );
  return result;
}

// One scrub at a time per data folder; a request while one runs queues one more run (which finds what is new).
const running = new Map<string, Promise<unknown>>();

/**
 * Starts scrubbing the backups in the background, after an erasure committed or at start-up (a scrub a kill
 * interrupted is finished then). A failure is logged and tried again on the next occasion: it never reaches the desk.
 */
export function startBackupScrub(ctx: Context, log: (message: string) => void = (m) => console.warn(m)): Promise<void> {
  const dir = backupsDir(ctx.db.name);
  const next = (running.get(dir) ?? Promise.resolve())
    .then(() => scrubBackups(ctx))
    .then(
      (result) => {
        if (result && result.rewritten.length > 0) {
          log(`[muster] erased people removed from ${result.rewritten.length} older backups`);
        }
      },
      (error: unknown) => log(`[muster] removing erased people from the backups failed: ${(error as Error).message}`),
    );
  running.set(dir, next);
  void next.then(() => {
    if (running.get(dir) === next) running.delete(dir);
  });
  return next;
}

/** Resolves once the background scrub of this database's backups (if any) has finished. */
export function backupScrubSettled(ctx: Context): Promise<unknown> {
  return running.get(backupsDir(ctx.db.name)) ?? Promise.resolve();
}

/**
 * Restores a backup without bringing anyone back: reads the erasures the live database knows, lets `restore` put the
 * backup in place, then applies them to what it restored (the same path a scrubbed backup takes), empties the WAL and
 * scrubs the backups (the backup just restored included).
 */
export async function keepingErasures(ctx: Context, restore: () => Promise<void>): Promise<void> {
  const { changes } = erasureRecords(ctx.db);
  await restore();
  // The restored change log may be shorter than the one looked through: its erasures must be looked for again.
  lookedUpTo.delete(ctx.db);
  if (changes.length === 0) return;
  if (applyErasures(ctx.db, changes) > 0) clearWal(ctx.db);
  // Awaited (it runs on a worker): the command line closes the store right after a restore.
  await startBackupScrub(ctx);
}
