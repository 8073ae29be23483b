import type { contract, MethodName } from '../api/contract';
import type { Db } from '../db/driver';
import { prepared } from '../db/statements';
import { afterCommit, withCommitScope, type CommitScope } from '../db/transaction';

export type TaskName = { [M in MethodName]: (typeof contract)[M]['kind'] extends 'task' ? M : never }[MethodName];

/**
 * When dispatch writes a task's audit entry (a task missing here does not compile):
 * - `commit`: the task's lasting effect is a write transaction (a merge, an erasure, a new member, the kiosk's
 *   state), so the entry is appended inside it (TaskEntry below): a crash or a full disk leaves both or neither.
 *   A task that commits nothing (a bundle applied before, a person already erased) gets its entry after it.
 * - `after`: the task's result is a file the caller saves, or the caller's session (held in memory, lost with the
 *   process): the entry is committed after the task, before its result leaves the core, so a file whose entry could
 *   not be written is never handed out, and a crash loses the sign-in with its entry.
 * - `self`: backups write their own entries (backups/backup.ts, audit/restore.ts), because the scheduled ones have
 *   no caller and a restore replaces the very table the entry goes into; an import's commit writes its entry in
 *   the transaction its worker commits (imports/save.ts).
 */
export const taskEntries: Record<TaskName, 'commit' | 'after' | 'self'> = {
  'import.preview': 'after',
  // Written on the worker's connection with the import itself (imports/save.ts).
  'import.commit': 'self',
  'export.run': 'after',
  'kiosk.enter': 'commit',
  'kiosk.leave': 'commit',
  'backup.create': 'self',
  'backup.restore': 'self',
  'sync.export': 'after',
  'sync.import': 'commit',
  'report.export': 'after',
  'person.erase': 'commit',
  'retention.run': 'commit',
  'access.setup': 'commit',
  'access.signIn': 'after',
  'access.unlock': 'after',
  'access.signOut': 'after',
  'access.addMember': 'commit',
  'access.setSecret': 'commit',
  'audit.export': 'after',
  // The keyring is a file beside the database, not a row: its entry follows the rewrite, as a sign-in's does.
  'store.unlock': 'after',
  'store.setPassphrase': 'after',
};

/**
 * Tasks that only read until dispatch writes their entry after them: they start at once, even while an import is
 * being saved (the store is read as it was before the save), and only their entry waits for the save. What they make
 * on first need (an event's badge key, this device's sync key) waits for it too (runWhenFree in db/transaction.ts).
 * Every other task waits for the save before it starts, as it may write at any point.
 */
export const readsUntilItsEntry: ReadonlySet<TaskName> = new Set<TaskName>([
  'import.preview',
  'export.run',
  'report.export',
  'audit.export',
  'sync.export',
]);

/**
 * A task's entry, joined to the first write transaction the task commits (withCommitScope in db/transaction.ts
 * carries it through the task's awaits, so tasks running side by side each find their own). A transaction that
 * changes nothing, or records the task's refusal (`….refused`: a wrong PIN counted before the task says no), is
 * not the task's commit and is passed over. The entry says what that transaction returned: the written part of the
 * result, with its ids and counts.
 */
export class TaskEntry implements CommitScope {
  private state: 'open' | 'written' | 'closed' = 'open';

  constructor(
    private readonly db: Db,
    private readonly append: (committed: unknown) => void,
  ) {}

  join<T>(db: Db, work: () => T): T {
    if (this.state !== 'open' || db !== this.db) return work();
    const changesBefore = totalChanges(db);
    const headBefore = auditHead(db);
    const value = work();
    if (totalChanges(db) === changesBefore || refusedSince(db, headBefore)) return value;
    this.append(value);
    // Only once the commit returned: a COMMIT the disk refused rolls the entry back with the work.
    afterCommit(db, () => {
      if (this.state === 'open') this.state = 'written';
    });
    return value;
  }

  /** Whether the entry is committed; dispatch writes it after the task otherwise. */
  get written(): boolean {
    return this.state === 'written';
  }

  /** The task is over: anything still running in its async flow (a timer it started) no longer joins. */
  close(): void {
    if (this.state === 'open') this.state = 'closed';
  }
}

/**
 * Runs work nobody called through dispatch (a scheduled retention run, a hub sync round) with `record` joined to its
 * first commit, as a task's entry is; `written` says whether it was, so the caller can record work that committed
 * nothing here (an upload) after it.
 */
export async function withJoinedEntry<T>(
  db: Db,
  record: (committed: unknown) => void,
  work: () => T | Promise<T>,
): Promise<{ value: T; written: boolean }> {
  const entry = new TaskEntry(db, record);
  try {
    const value = await withCommitScope(entry, work);
    return { value, written: entry.written };
  } finally {
    entry.close();
  }
}

/** A scope that joins nothing: tasks whose entry is written after them, and queries, shadow any outer scope. */
export const noEntry: CommitScope = { join: (_db, work) => work() };

function totalChanges(db: Db): number {
  return Number(prepared(db, 'SELECT total_changes()').pluck().get());
}

function auditHead(db: Db): number {
  return Number(prepared(db, 'SELECT coalesce(max(seq), 0) FROM audit').pluck().get());
}

function refusedSince(db: Db, seq: number): boolean {
  return prepared(db, "SELECT 1 FROM audit WHERE seq > ? AND action LIKE '%.refused' LIMIT 1").get(seq) !== undefined;
}
