// The only module that imports the SQLite driver (lint enforces it). Swapping better-sqlite3 for its encrypted
// twin, better-sqlite3-multiple-ciphers, is a change to this file alone.
import Database from 'better-sqlite3';
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

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  let db: Db;
  try {
    db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
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

function readVersion(db: Db, file: string): number {
  try {
    return Number(db.pragma('user_version', { simple: true }));
  } catch (error) {
    throw new StoreError('not_a_database', `${file} is not a Muster database (${(error as Error).message}).`);
  }
}
