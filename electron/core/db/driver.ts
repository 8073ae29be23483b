// The only module that imports the SQLite driver (lint enforces it): better-sqlite3-multiple-ciphers, better-sqlite3
// with SQLite3 Multiple Ciphers compiled in, so a database opened with a key is encrypted page by page (WAL included).
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { contentDigest } from '../backups/digest';
import { backupName, backupsDir, listBackups, publishBackup } from '../backups/files';
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
  /**
   * The database key, 64 hex digits (keyring.ts unlocks it). Without one the file is plain SQLite: only throwaway
   * databases in tests open that way; every entry point of the app passes a key.
   */
  key?: string;
}

// The native build and key each connection was opened with, so work on another thread (checking a backup) opens the
// file the same way. A string key crosses to a worker thread as is.
const bindings = new WeakMap<Db, OpenOptions>();

/**
 * ChaCha20-Poly1305 (SQLite3 Multiple Ciphers' default): every page sealed with its own nonce and tag, so a changed
 * byte is an error rather than silently different data; fast in software on machines without AES instructions.
 */
const cipher = 'chacha20';
const hexKey = /^[0-9a-f]{64}$/;

/** Given as a raw key (x'…'): the key is already random, so the cipher's own passphrase KDF would only slow opens. */
function applyKey(db: Db, key: string): void {
  if (!hexKey.test(key)) throw new StoreError('cannot_open', 'The database key is not 64 hex digits.');
  db.pragma(`cipher = '${cipher}'`);
  db.pragma(`key = "x'${key}'"`);
}

function driverBinding(options: OpenOptions): { nativeBinding?: string } {
  return options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
}

function driverOptions(options: OpenOptions): OpenOptions {
  return {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.key ? { key: options.key } : {}),
  };
}

/** Whether the connection encrypts what it writes (its backups must then be made with the same key). */
export function isEncrypted(db: Db): boolean {
  return Boolean(bindings.get(db)?.key);
}

// Every plain SQLite file starts with these 16 bytes; an encrypted one starts with random salt.
const plainHeader = Buffer.from('SQLite format 3\0', 'latin1');

/** Whether `file` is a plain (unencrypted) SQLite database: an earlier version's, or one a crash left half-done. */
export function isPlainDatabase(file: string): boolean {
  if (!existsSync(file)) return false;
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(plainHeader.length);
    return readSync(fd, head, 0, head.length, 0) === head.length && head.equals(plainHeader);
  } finally {
    closeSync(fd);
  }
}

/** The options a connection was opened with, for a worker that must open a file the same way. */
export function openOptionsOf(db: Db): OpenOptions {
  return bindings.get(db) ?? {};
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  // A database from before encryption (or whose encryption a crash interrupted) is encrypted first, whole.
  if (options.key && isPlainDatabase(file)) encryptInPlace(file, options);
  let db: Db;
  try {
    db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
    bindings.set(db, driverOptions(options));
  } catch (error) {
    throw new StoreError('cannot_open', `Cannot open the database ${file}: ${(error as Error).message}`);
  }
  try {
    if (options.key) applyKey(db, options.key);
    // Look before touching anything: a database from a newer Muster must stay exactly as it is.
    const version = readVersion(db, file);
    if (version > latestVersion) {
      throw new StoreError(
        'too_new',
        `The database ${file} was made by a newer version of Muster (schema ${version}, this one knows ${latestVersion}). ` +
          'Update Muster to open it; nothing was changed.',
      );
    }
    configure(db);
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
      throw new StoreError(
        'not_a_database',
        `${file} is not a Muster database, or not one this key opens (${message}).`,
      );
    }
    throw error;
  }
}

/** The settings every connection to the live store runs with, whichever thread opened it. */
function configure(db: Db): void {
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
}

/**
 * A second connection to the live store, for a long write on a worker thread (imports/save.ts): the same key,
 * settings and functions as the main one, and no checks or migrations, which the main connection already ran.
 */
export function openWriter(file: string, options: OpenOptions): Db {
  return openExisting(file, options, configure);
}

/** Opens a file that must exist, with its key, then `settle`s the connection; any failure closes it and names the file. */
function openExisting(file: string, options: OpenOptions, settle: (db: Db) => void): Db {
  let db: Db;
  try {
    db = new Database(file, { fileMustExist: true, ...driverBinding(options) });
  } catch (error) {
    throw new StoreError('cannot_open', `Cannot open ${file}: ${(error as Error).message}`);
  }
  try {
    bindings.set(db, driverOptions(options));
    if (options.key) applyKey(db, options.key);
    settle(db);
    return db;
  } catch (error) {
    db.close();
    throw new StoreError('cannot_open', `Cannot open ${file}: ${(error as Error).message}`);
  }
}

/**
 * Encrypts a plain database and the plain backups beside it. Each is copied, the copy encrypted (PRAGMA rekey),
 * checked against the original's content digest, synced, and only then renamed over the original: a crash at any
 * point leaves either the plain file (encrypted again on the next open) or the encrypted one, never a mix. That is
 * why no plain "before" copy is kept: it would be the very file the encryption exists to get rid of.
 */
function encryptInPlace(file: string, options: OpenOptions): void {
  encryptFile(file, options, true);
  const dir = backupsDir(file);
  for (const manifest of listBackups(dir)) {
    const backup = path.join(dir, manifest.name);
    if (!isPlainDatabase(backup)) continue;
    encryptFile(backup, options, false);
    publishBackup(dir, backup, { ...manifest, bytes: statSync(backup).size });
  }
}

function encryptFile(file: string, options: OpenOptions, live: boolean): void {
  const key = options.key ?? '';
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  const tmp = `${file}.encrypting`;
  for (const leftover of [tmp, `${tmp}-journal`]) rmSync(leftover, { force: true });
  let digest: string;
  try {
    const plain = new Database(file, { ...binding, fileMustExist: true });
    try {
      // The WAL's committed pages go into the file first, so copying the file copies everything.
      if (live) plain.pragma('wal_checkpoint(TRUNCATE)');
      registerFunctions(plain);
      digest = contentDigest(plain);
    } finally {
      plain.close();
    }
    copyFileSync(file, tmp);
    const copy = new Database(tmp, binding);
    try {
      // SQLite3 Multiple Ciphers cannot rekey a WAL database; the copy is alone, so a rollback journal is safe.
      copy.pragma('journal_mode = DELETE');
      // Rekeying rewrites every page through a VACUUM, which evaluates the schema's expressions (muster_fold), and
      // builds the plain pages in a temporary database: in memory, so no plain copy lands in the temp folder.
      registerFunctions(copy);
      copy.pragma('temp_store = MEMORY');
      copy.pragma(`cipher = '${cipher}'`);
      if (!hexKey.test(key)) throw new Error('the key is not 64 hex digits');
      copy.pragma(`rekey = "x'${key}'"`);
    } finally {
      copy.close();
    }
    const check = openSnapshot(tmp, options);
    try {
      if (contentDigest(check) !== digest) throw new Error('the encrypted copy does not hold the same content');
    } finally {
      check.close();
    }
    const fd = openSync(tmp, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
    for (const side of [`${file}-wal`, `${file}-shm`]) rmSync(side, { force: true });
  } catch (error) {
    rmSync(tmp, { force: true });
    if (error instanceof StoreError) throw error;
    throw new StoreError('cannot_open', `Cannot encrypt ${file}: ${(error as Error).message}. It was left as it was.`);
  }
}

/**
 * Copies an encrypted database into `dest` with its own key, as one consistent snapshot (VACUUM INTO inside a read
 * transaction; the WAL lets check-ins go on meanwhile). SQLite's backup API cannot do this here: it opens the target
 * without a key, and SQLite3 Multiple Ciphers refuses to copy an encrypted database into a plain one.
 */
export function copyEncrypted(file: string, dest: string, options: OpenOptions): void {
  let source: Db;
  try {
    source = new Database(file, { readonly: true, fileMustExist: true, ...driverBinding(options) });
  } catch (error) {
    throw new StoreError('cannot_open', `Cannot open the database ${file} to copy it: ${(error as Error).message}`);
  }
  try {
    if (options.key) applyKey(source, options.key);
    registerFunctions(source);
    source.prepare('VACUUM INTO ?').run(dest);
  } finally {
    source.close();
  }
}

/**
 * Puts a backup file (encrypted with the same key) in place of the live database: the connection is closed, the
 * backup copied beside the live file, synced and renamed over it, and a fresh connection opened. The backup API
 * cannot write into an encrypted database (see copyEncrypted), and a whole-file copy is what it would produce anyway.
 */
export function replaceWith(db: Db, backupFile: string): Db {
  const options = openOptionsOf(db);
  const file = db.name;
  const tmp = `${file}.restoring`;
  copyFileSync(backupFile, tmp);
  const fd = openSync(tmp, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  db.close();
  renameSync(tmp, file);
  for (const side of [`${file}-wal`, `${file}-shm`]) rmSync(side, { force: true });
  return openDatabase(file, options);
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
    bindings.set(db, driverOptions(options));
    if (options.key) applyKey(db, options.key);
    registerFunctions(db);
    return db;
  } catch (error) {
    throw new StoreError('cannot_open', `Cannot open the backup ${file}: ${(error as Error).message}`);
  }
}

/**
 * A private copy of a backup opened to be changed (erasure/backup-scrub.ts applies erasures to it): the key, the
 * functions the schema's triggers call, and no migrations or checks. Its rollback journal is kept in memory: the copy
 * is thrown away whole if anything goes wrong, and `temp_store` in memory keeps plain pages out of the temp folder.
 */
export function openScratch(file: string, options: OpenOptions = {}): Db {
  return openExisting(file, options, (db) => {
    registerFunctions(db);
    db.pragma('journal_mode = MEMORY');
    db.pragma('foreign_keys = ON');
    db.pragma('secure_delete = ON');
    db.pragma('temp_store = MEMORY');
  });
}

function readVersion(db: Db, file: string): number {
  try {
    return Number(db.pragma('user_version', { simple: true }));
  } catch (error) {
    throw new StoreError('not_a_database', `${file} is not a Muster database (${(error as Error).message}).`);
  }
}
