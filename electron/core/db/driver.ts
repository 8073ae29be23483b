// The only module that imports the SQLite driver (lint enforces it). Swapping better-sqlite3 for its encrypted
// twin, better-sqlite3-multiple-ciphers, is a change to this file alone.
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { contentDigest } from '../backups/digest';
import { backupName, backupsDir, publishBackup } from '../backups/files';
import { registerFunctions } from './functions';
import { latestVersion, migrate } from './migrate';
import { StoreError } from './store-error';

export { StoreError } from './store-error';
export type { StoreErrorReason } from './store-error';

export type Db = Database.Database;
export type Statement = Database.Statement;

export interface OpenOptions {
  /** Path of a better_sqlite3.node built for another runtime (Electron during development). */
  nativeBinding?: string;
}

// The native build each connection was opened with, so work on another thread (checking a backup) loads the same.
const bindings = new WeakMap<Db, OpenOptions>();

/** The options a connection was opened with, for a worker that must open a file the same way. */
export function openOptionsOf(db: Db): OpenOptions {
  return bindings.get(db) ?? {};
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  let db: Db;
  try {
    db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
    bindings.set(db, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (error) {
    throw new StoreError('cannot_open', `Cannot open the database ${file}: ${(error as Error).message}`);
  }
  try {
    // Look before touching anything: a database from a newer Muster must stay exactly as it is.
    const version = readVersion(db, file);
    if (version > latestVersion) {
      throw new StoreError(
        'too_new',
        `The database ${file} was made by a newer version of Muster (schema ${version}, this one knows ${latestVersion}). ` +
          'Update Muster to open it; nothing was changed.',
      );
    }
    db.pragma('journal_mode = WAL');
    // better-sqlite3 pairs WAL with NORMAL, which can lose a committed check-in on power loss.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('secure_delete = ON'); // erased names must not linger in freed pages (erasure/erase.ts)
    db.pragma('busy_timeout = 5000');
    // SQLite's default page cache is 2 MB; a 100,000-person roster with its search indexes is a few hundred MB, and
    // every page missing from the cache is a system call on each keystroke and check-in. Up to 64 MB, used as needed.
    db.pragma('cache_size = -65536');
    // Every insert that fires a trigger (the roster projection, the search queue) keeps a statement journal so the
    // one statement can be undone alone; on disk that is a temporary file written per row, which tripled an import's
    // time. Those journals hold only the pages one statement touched and are never needed after a crash (the WAL is).
    db.pragma('temp_store = MEMORY');
    registerFunctions(db);
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') {
      throw new StoreError('corrupt', `The database ${file} is damaged (${String(check)}). Restore a backup.`);
    }
    if (version > 0 && version < latestVersion) copyBeforeMigration(db, file, version);
    migrate(db);
    // Table statistics let the planner pick the right index for a 100-person or a 100,000-person roster (SQLite's
    // advice for long-lived connections; cheap, as it samples at most a few hundred rows per index).
    db.pragma('optimize = 0x10002');
    return db;
  } catch (error) {
    db.close();
    if (error instanceof StoreError) throw error;
    const message = (error as Error).message;
    if (/file is not a database|file is encrypted/i.test(message)) {
      throw new StoreError('not_a_database', `${file} is not a Muster database (${message}).`);
    }
    throw error;
  }
}

/**
 * The way back from an upgrade: before migrations change an existing database, a plain copy of it (this is the only
 * connection, so after a checkpoint the file is the whole database), kept with the other backups.
 */
function copyBeforeMigration(db: Db, file: string, version: number): void {
  const dir = backupsDir(file);
  mkdirSync(dir, { recursive: true });
  const at = new Date();
  const name = backupName(at, 'before-migration');
  const tmp = path.join(dir, `${name}.tmp`);
  db.pragma('wal_checkpoint(TRUNCATE)');
  copyFileSync(file, tmp);
  publishBackup(dir, tmp, {
    name,
    createdAt: at.toISOString(),
    reason: 'before-migration',
    schemaVersion: version,
    bytes: statSync(tmp).size,
    changesSeq: Number(db.prepare('SELECT coalesce(max(seq), 0) FROM changes').pluck().get()),
    digest: contentDigest(db),
  });
}

/**
 * A backup file opened to be read (checked, digested, or copied back): no pragmas, no migrations, nothing written.
 * `fileMustExist` so a wrong name is an error rather than a new empty database.
 */
export function openSnapshot(file: string, options: OpenOptions = {}): Db {
  try {
    const db = new Database(file, {
      readonly: true,
      fileMustExist: true,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    registerFunctions(db);
    return db;
  } catch (error) {
    throw new StoreError('cannot_open', `Cannot open the backup ${file}: ${(error as Error).message}`);
  }
}

function readVersion(db: Db, file: string): number {
  try {
    return Number(db.pragma('user_version', { simple: true }));
  } catch (error) {
    throw new StoreError('not_a_database', `${file} is not a Muster database (${(error as Error).message}).`);
  }
}
