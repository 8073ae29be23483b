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
  if (away.has(db) && !committed.has(db)) {
    throw new MusterError('conflict', 'An import is being saved: try again in a moment, once it has finished.');
  }
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
 * before each write) goes through `whenWritable`; a write that comes anyway is refused with a clear conflict, not stalled.
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

/** Runs `work`, which writes to the store through another connection, with this connection's writes held back. */
export async function writingElsewhere<T>(db: Db, work: () => Promise<T>): Promise<T> {
  // No await between the last look and taking the store: two callers must not both find it free.
  for (let held = away.get(db); held; held = away.get(db)) await held;
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

/** Rebuilds the roster projection's rows of every registration written in this transaction, set-wise. */
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
     JOIN participants p ON p.id = r.participant_id`,
  ).run();
  prepared(db, 'DELETE FROM roster_queue').run();
}
