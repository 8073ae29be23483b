// Saving an import on a worker thread, on its own connection to the store: 100,000 people take the write about ten
// seconds, during which the main process keeps answering the screens, the kiosks and the status polls of this very
// import. Only worker.ts (through jobs/tasks.ts) loads this module.
import { MusterError } from '../api/errors';
import { recordAction } from '../audit/record';
import { HybridClock } from '../changes/clock';
import type { Context } from '../context';
import { openWriter, type Db, type OpenOptions } from '../db/driver';
import { indexQueuedSearch, projectQueuedRoster, writeTransaction } from '../db/transaction';
import type { Progress } from '../jobs/worker-host';
import { eventFacts } from '../participants/store';
import { applyWrite, reportOf, rosterChangedSince, type Plan, type Write } from './commit';
import type { ImportMapping } from './mapping';
import { rememberMapping } from './mappings';
import type { ImportReport } from './schema';

export interface SaveInput {
  store: { file: string; options: OpenOptions };
  device: string;
  /** The main thread's clock, just read: every change written here sorts after everything it stamped. */
  clock: string;
  /** The main thread's wall clock at the start, so a clock a test set carries over. */
  now: number;
  jobId: string;
  eventId: string;
  /** The change log's position when the preview checked the roster. */
  checkedAt: number;
  skipped: Plan['skipped'];
  failed: Plan['failed'];
  remember: { layout: string; mapping: ImportMapping };
  dryRun: boolean;
  /** Who asked, and what they asked, for the audit entry written with the import. */
  audit: { who: { actor: string; role: string }; input: unknown };
  /** Set to 1 by the main thread to stop: the transaction rolls back and nothing is imported. */
  stop: Int32Array;
  /** The rows to write, sent after the rest in parts (jobs/worker-host.ts). */
  rows: Write[];
}

export interface SaveResult {
  report: ImportReport;
  /** The last timestamp stamped here, for the main thread's clock to move past. */
  clock: string;
}

/** Rows between looks at the stop flag and reports of progress: a stop takes effect within milliseconds. */
const stride = 250;

/** Past a few tens of thousands of people the search indexes' merges outgrow the usual 64 MB page cache. */
const largeImport = 10_000;

export function saveImport(input: SaveInput, progress: (p: Progress) => void): SaveResult {
  const db = openStore(input);
  try {
    if (input.rows.length >= largeImport) db.pragma('cache_size = -524288');
    const offset = input.now - Date.now();
    const wallClock = () => Date.now() + offset;
    const clock = new HybridClock(input.device, wallClock, undefined, input.clock);
    const ctx: Context = { db, clock, device: input.device, now: () => new Date(wallClock()) };
    const report = writeTransaction(db, () => {
      if (rosterChangedSince(db, input.checkedAt)) {
        throw new MusterError(
          'conflict',
          'People were registered or changed since this preview: preview the file again, then import.',
        );
      }
      if (input.dryRun) rehearse(db, () => writeRows(ctx, input, progress));
      else {
        writeRows(ctx, input, progress);
        rememberMapping(ctx, input.eventId, input.remember.layout, input.remember.mapping);
        // Indexing the new people for search is most of what is left after the last row (seconds for 100,000), with
        // the progress bar full: done here, then a last look, so a cancel meanwhile still writes nothing.
        indexQueuedSearch(db);
        projectQueuedRoster(db);
        stopIfAsked(input);
      }
      // Every row was written, or this threw: the report is the plan's.
      const value = reportOf(input.jobId, input.dryRun, {
        writes: input.rows,
        skipped: input.skipped,
        failed: input.failed,
      });
      recordAction(ctx, input.audit.who, 'import.commit', input.audit.input, value);
      return value;
    });
    return { report, clock: clock.now() };
  } finally {
    db.close();
  }
}

const movedStore =
  'The data file was moved or renamed since Muster opened it, so the import could not be saved; nothing was imported. ' +
  'Restart Muster, then import again.';

/**
 * The worker opens the store by the path the main connection was opened with. If the file was moved since, that path
 * holds nothing, or another store: either way this import must not be written there.
 */
function openStore(input: SaveInput): Db {
  let db: Db;
  try {
    db = openWriter(input.store.file, input.store.options);
  } catch (error) {
    console.error('[muster] the import could not open the store:', error);
    throw new MusterError('storage_failed', movedStore);
  }
  try {
    const device = db.prepare("SELECT value FROM meta WHERE key = 'device_id'").pluck().get();
    if (device === input.device) return db;
  } catch (error) {
    // Not a store this key opens: another file now has the name.
    console.error('[muster] the import found another store at the path it was opened by:', error);
  }
  db.close();
  throw new MusterError('storage_failed', movedStore);
}

function writeRows(ctx: Context, input: SaveInput, progress: (p: Progress) => void): void {
  const total = input.rows.length;
  // Read once, under this transaction's write lock: the event and its codes cannot change until it ends.
  const facts = eventFacts(ctx.db, input.eventId);
  input.rows.forEach((write, i) => {
    if (i % stride === 0) {
      stopIfAsked(input);
      progress({ phase: 'saving', done: i, total });
    }
    applyWrite(ctx, facts, write);
  });
  progress({ phase: 'saving', done: total, total });
}

function stopIfAsked(input: SaveInput): void {
  if (Atomics.load(input.stop, 0) === 1)
    throw new MusterError('cancelled', 'The import was stopped; nothing was imported.');
}

/** Does everything for real inside a savepoint, then undoes it: a dry run's report is exactly what the import would do. */
function rehearse(db: Db, work: () => void): void {
  const undo = new Error('dry run');
  try {
    db.transaction(() => {
      work();
      throw undo;
    })();
  } catch (error) {
    if (error !== undo) throw error;
  }
}
