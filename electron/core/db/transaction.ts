import { AsyncLocalStorage } from 'node:async_hooks';
import { MusterError } from '../api/errors';
import type { Db } from './driver';
import { prepared } from './statements';

const doc = 'muster_search_text(p.given_names, p.family_name, p.badge_name, p.organisation, p.email)';

/**
 * Runs `work` in one immediate transaction and finishes what the schema deferred to the end of it (the search
 * indexes and the roster projection, see migrations 0009 and 0011) before committing. Every write transaction goes through here: dispatch for mutations,
 * and anything else that writes (loaders, sync). `work` must be synchronous: a transaction never spans an await.
 */
export function writeTransaction<T>(db: Db, work: () => T): T {
  if (away.has(db) && !committed.has(db)) throw new StoreHeldElsewhere();
  const scope = committed.has(db) ? undefined : scopes.getStore();
  const run = () =>
    db
      .transaction(() => {
        const value = scope ? scope.join(db, work) : work();
        indexQueuedSearch(db);
        projectQueuedRoster(db);
        return value;
      })
      .immediate();
  // Inside another write transaction this one is a savepoint: what waits for a commit waits for the outer one.
  if (committed.has(db)) return run();
  const queue: (() => void)[] = [];
  committed.set(db, queue);
  let value: T;
  try {
    value = run();
  } finally {
    committed.delete(db);
  }
  for (const then of queue) then();
  return value;
}

const committed = new WeakMap<Db, (() => void)[]>();

/**
 * A long write on another connection to the same store (an import saved on a worker thread, imports/save.ts) holds
 * SQLite's one write lock for seconds. Meanwhile this connection must not write: SQLite would keep it waiting for the
 * lock with the event loop stopped, which is what moving the write to a worker is for. Whatever can wait (dispatch,
 * before each write; any write after an await) goes through `writeWhenFree`, or `runWhenFree` for reads that write
 * on first need; a write that comes anyway is refused with a clear conflict, not stalled.
 */
const away = new WeakMap<Db, Promise<void>>();

/**
 * Runs `work` (which writes) once no write holds the store elsewhere: at once, in the caller's turn, when none does
 * (so a task registers its job before the caller's next status poll), or else as soon as the store is let go, looking
 * and writing in one step: other callers resume too, and one of them may take the store again (a second import
 * queued behind the first), so a write that waited its turn must look again before it writes.
 */
export function whenWritable<T>(db: Db, work: () => T): T | Promise<T> {
  const held = away.get(db);
  return held ? (held.then(() => whenWritable(db, work)) as Promise<T>) : work();
}

/**
 * Runs `work` in a write transaction once no write holds the store elsewhere (whenWritable): what every write that
 * can wait does, and every write that comes after an await must (an import's save may have started meanwhile).
 */
export function writeWhenFree<T>(db: Db, work: () => T): T | Promise<T> {
  return whenWritable(db, () => writeTransaction(db, work));
}

/**
 * The refusal of a write that came while an import held the store: a `conflict`, so a caller that cannot wait tells
 * the person to try again, and its own class, so work that only now and then writes (runWhenFree) can wait instead.
 */
export class StoreHeldElsewhere extends MusterError {
  constructor() {
    super('conflict', 'An import is being saved: try again in a moment, once it has finished.');
    this.name = 'StoreHeldElsewhere';
  }
}

/**
 * Runs `work`, which reads and only now and then writes (an event's badge key or this device's sync key, made on
 * first need), at once; if it was refused for writing while an import held the store, runs it again once the store
 * is free. So `work` must change nothing before its write: run twice, it must be as if run once.
 */
export function runWhenFree<T>(db: Db, work: () => T): T | Promise<T> {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof StoreHeldElsewhere)) throw error;
    // A promise resolved with a promise takes that promise's value: this settles with `work`'s.
    return whenWritable(db, () => runWhenFree(db, work)) as Promise<T>;
  }
}

/** Runs `work`, which writes to the store through another connection, with this connection's writes held back. */
export async function writingElsewhere<T>(db: Db, work: () => Promise<T>): Promise<T> {
  // No await between the last look and taking the store: two callers must not both find it free.
  for (let held = away.get(db) ?? replacing.get(db.name); held; held = away.get(db) ?? replacing.get(db.name)) {
    await held;
  }
  let release: () => void = () => undefined;
  away.set(db, new Promise<void>((resolve) => (release = resolve)));
  try {
    return await work();
  } finally {
    away.delete(db);
    release();
  }
}

/**
 * Restores under way, by the store's file: a restore puts another file in its place, and may open a new connection
 * on it (backups/backup.ts), so a save must not start on a worker's connection meanwhile: its rows would go into the
 * file being replaced, or be overwritten by the backup, after staff were told they were saved.
 */
const replacing = new Map<string, Promise<void>>();

/** Runs `work`, which replaces the store's content (a restore), with no save starting on the store until it ends. */
export async function replacingStore<T>(db: Db, work: () => Promise<T>): Promise<T> {
  const file = db.name;
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  replacing.set(file, held);
  try {
    return await work();
  } finally {
    if (replacing.get(file) === held) replacing.delete(file);
    release();
  }
}

/**
 * Something a caller needs written in the same commit as whatever its callees write: a task's audit entry
 * (audit/task.ts). `join` wraps the work of each outermost write transaction started anywhere in the scope's async
 * flow, inside that transaction, so what it adds commits or rolls back with the work.
 */
export interface CommitScope {
  join<T>(db: Db, work: () => T): T;
}

const scopes = new AsyncLocalStorage<CommitScope>();

/** Runs `body` (and everything it awaits) with `scope` joining its write transactions. */
export function withCommitScope<T>(scope: CommitScope, body: () => T): T {
  return scopes.run(scope, body);
}

/**
 * Runs `then` once the current write transaction has committed, and never if it rolls back: for state kept outside
 * the database (an import job's "committed"), which must not claim a write the disk then refused at COMMIT.
 */
export function afterCommit(db: Db, then: () => void): void {
  const queue = committed.get(db);
  if (!queue) throw new Error('afterCommit is only for work inside writeTransaction.');
  queue.push(then);
}

/**
 * Brings both search indexes up to date with every person written in this transaction, set-wise. Each person's text
 * is made once, into a table of this connection's own (in memory, and rolled back with the transaction), and both
 * indexes read it there: making it in JavaScript was most of the indexing's own cost, and was paid twice.
 */
export function indexQueuedSearch(db: Db): void {
  if (prepared(db, 'SELECT 1 FROM search_queue LIMIT 1').get() === undefined) return;
  prepared(db, 'CREATE TEMP TABLE IF NOT EXISTS search_docs (seq INTEGER PRIMARY KEY, doc TEXT NOT NULL)').run();
  prepared(
    db,
    `INSERT INTO temp.search_docs (seq, doc) SELECT p.seq, ${doc} FROM search_queue q JOIN participants p ON p.seq = q.seq`,
  ).run();
  for (const index of ['participant_words', 'participant_text']) {
    prepared(db, `DELETE FROM ${index} WHERE rowid IN (SELECT seq FROM search_queue WHERE indexed = 1)`).run();
    prepared(db, `INSERT INTO ${index} (rowid, doc) SELECT seq, doc FROM temp.search_docs`).run();
  }
  prepared(db, 'DELETE FROM temp.search_docs').run();
  prepared(db, 'DELETE FROM search_queue').run();
}

/**
 * Rebuilds the roster projection's rows of every registration written in this transaction, set-wise. In name order:
 * most of the projection's indexes end in the name, so an import's rows then land in them next to each other
 * instead of all over the tree (a 100,000-person import's projection takes a third less time).
 */
export function projectQueuedRoster(db: Db): void {
  if (prepared(db, 'SELECT 1 FROM roster_queue LIMIT 1').get() === undefined) return;
  prepared(
    db,
    'DELETE FROM roster WHERE registration_id IN (SELECT registration_id FROM roster_queue WHERE projected = 1)',
  ).run();
  prepared(
    db,
    `INSERT INTO roster
       (event_id, sort_name, registration_id, participant_seq, gender, country, organisation, status, category, created_at)
     SELECT r.event_id, p.sort_name, r.id, p.seq, coalesce(r.gender, p.gender), coalesce(r.country, p.country),
            p.organisation, r.status, r.category, r.created_at
     FROM roster_queue q
     JOIN registrations r ON r.id = q.registration_id
     JOIN participants p ON p.id = r.participant_id
     ORDER BY p.sort_name`,
  ).run();
  prepared(db, 'DELETE FROM roster_queue').run();
}
