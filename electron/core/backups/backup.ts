import { mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { keepingDeviceAccess } from '../access/restore';
import { MusterError, notFound } from '../api/errors';
import { keepTrail, recordBackup } from '../audit/backups';
import type { Context } from '../context';
import { isEncrypted, openOptionsOf, openSnapshot, replaceWith } from '../db/driver';
import { latestVersion } from '../db/migrate';
import { storageFailure } from '../db/store-error';
import { keepingErasures } from '../erasure/backups';
import { prepared } from '../db/statements';
import { replacingStore } from '../db/transaction';
import { runInWorker } from '../jobs/worker-host';
import {
  backupName,
  backupsDir,
  listBackups,
  publishBackup,
  rotateBackups,
  type BackupManifest,
  type BackupReason,
} from './files';

/** How many backups a data folder keeps (plus the newest one taken before an upgrade). */
export const keptBackups = 20;

function changesSeq(ctx: Context): number {
  return Number(prepared(ctx.db, 'SELECT coalesce(max(seq), 0) FROM changes').pluck().get());
}

async function check(ctx: Context, file: string) {
  return runInWorker('backup.check', { file, open: openOptionsOf(ctx.db) }).result;
}

/**
 * Copies the live database with SQLite's online backup API (in steps, so check-ins go on meanwhile), checks the
 * copy on a worker thread (integrity_check, content digest), and only then lists it. A scheduled backup is skipped
 * when nothing changed since the last one.
 */
export async function takeBackup(
  ctx: Context,
  reason: BackupReason,
  /** A backup the rotation must leave in place: the one a restore is about to copy back. */
  spare?: string,
): Promise<BackupManifest | null> {
  const dir = backupsDir(ctx.db.name);
  const seq = changesSeq(ctx);
  if (reason === 'scheduled' && listBackups(dir)[0]?.changesSeq === seq) return null;
  mkdirSync(dir, { recursive: true });
  const at = ctx.now();
  const name = backupName(at, reason);
  const tmp = path.join(dir, `${name}.tmp`);
  try {
    // An encrypted database is copied by a worker with its key (the backup API would refuse, see copyEncrypted).
    if (isEncrypted(ctx.db)) {
      await runInWorker('backup.copy', { file: ctx.db.name, dest: tmp, open: openOptionsOf(ctx.db) }).result;
    } else {
      await ctx.db.backup(tmp);
    }
    const checked = await check(ctx, tmp);
    if (checked.integrity !== 'ok') throw new Error(`the copy failed its integrity check: ${checked.integrity}`);
    const manifest: BackupManifest = {
      name,
      createdAt: at.toISOString(),
      reason,
      schemaVersion: checked.schemaVersion,
      bytes: statSync(tmp).size,
      changesSeq: seq,
      digest: checked.digest,
    };
    await recordBackup(ctx, manifest);
    publishBackup(dir, tmp, manifest);
    removeSideFiles(tmp);
    rotateBackups(dir, keptBackups, spare);
    return manifest;
  } catch (error) {
    rmSync(tmp, { force: true });
    removeSideFiles(tmp);
    if (error instanceof MusterError) throw error;
    // A full or failing disk is something staff can act on (free space, another disk): say so, not "internal".
    const storage = storageFailure(error);
    throw new MusterError(
      storage ?? 'internal',
      `The backup could not be made: ${storage === 'storage_full' ? 'the disk is full' : (error as Error).message}. Nothing changed.`,
    );
  }
}

/** Reading the copy to check it leaves its (empty) -wal and -shm under the temporary name: nothing uses them. */
function removeSideFiles(tmp: string): void {
  for (const side of [`${tmp}-wal`, `${tmp}-shm`]) rmSync(side, { force: true });
}

/**
 * Puts a backup's content back into the live database, through the same online backup API (from the backup file
 * into this one), after checking the backup is whole and taking a backup of what is replaced. Only a backup of this
 * version's schema can go back into a running app; an older one is restored with `muster backup restore` while the
 * app is closed, and migrated on the next start.
 */
export async function restoreBackup(
  ctx: Context,
  name: string,
  /** The command line, which closes the store right after, takes an older backup too: the next start migrates it. */
  closingAfter = false,
): Promise<BackupManifest> {
  // An import committed meanwhile waits for the restore, rather than saving into the file the restore replaces.
  return replacingStore(ctx.db, () => restore(ctx, name, closingAfter));
}

async function restore(ctx: Context, name: string, closingAfter: boolean): Promise<BackupManifest> {
  const dir = backupsDir(ctx.db.name);
  const manifest = listBackups(dir).find((b) => b.name === name);
  if (!manifest) throw notFound('Backup', name);
  const fits = closingAfter ? manifest.schemaVersion <= latestVersion : manifest.schemaVersion === latestVersion;
  if (!fits) {
    throw new MusterError(
      'conflict',
      `${name} was made by another version of Muster (schema ${manifest.schemaVersion}, this one is ${latestVersion}): close the app and restore it with "muster backup restore".`,
    );
  }
  const file = path.join(dir, name);
  const checked = await checkToRestore(ctx, file, name);
  // The version is the file's own, not the manifest's word: a file from a newer Muster put back in place of the live
  // database would be refused at the reopen, with the live data already gone.
  if (
    checked.integrity !== 'ok' ||
    checked.digest !== manifest.digest ||
    checked.schemaVersion !== manifest.schemaVersion
  ) {
    throw new MusterError('conflict', `${name} is damaged (it no longer matches what was backed up); nothing changed.`);
  }
  // Restoring the oldest of a full folder must not rotate away the very backup it is about to copy back.
  await takeBackup(ctx, 'before-restore', name);
  // The erasures the live database knows are read before and applied after, so a restore never brings anyone back;
  // who may use this device (staff, kiosk) and its audit trail are its own record: carried over, not rolled back.
  await keepingErasures(ctx, () => keepingDeviceAccess(ctx, () => keepTrail(ctx, manifest, () => putBack(ctx, file))));
  return manifest;
}

/**
 * Checks a backup before it goes back. A file that cannot even be opened with this database's key (cut short, or
 * another installation's, sealed with its own key) is refused as one that does not match what was backed up.
 */
async function checkToRestore(ctx: Context, file: string, name: string) {
  try {
    return await check(ctx, file);
  } catch {
    throw new MusterError(
      'conflict',
      `${name} cannot be read with this database's key: it is damaged, or it is another installation's backup. Nothing changed.`,
    );
  }
}

/** Puts a checked backup file's content in place of the live database's. */
async function putBack(ctx: Context, file: string): Promise<void> {
  if (isEncrypted(ctx.db)) {
    // Same key, so the backup's file is the restored database as is; everything holding ctx sees the new connection.
    ctx.db = replaceWith(ctx.db, file);
    return;
  }
  const source = openSnapshot(file, openOptionsOf(ctx.db));
  try {
    await source.backup(ctx.db.name);
  } finally {
    source.close();
  }
}
