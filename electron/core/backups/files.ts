import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const backupReasons = ['start-up', 'scheduled', 'manual', 'before-migration', 'before-restore'] as const;
export type BackupReason = (typeof backupReasons)[number];

/** What Muster knows of a backup without opening it, kept beside it as NAME.json. */
export const backupManifest = z
  .object({
    name: z.string().regex(/^muster-[0-9TZ-]+-[a-z-]+\.sqlite$/),
    createdAt: z.iso.datetime(),
    reason: z.enum(backupReasons),
    schemaVersion: z.number().int().min(1),
    bytes: z.number().int().min(0),
    /** The change log's position when the copy was taken: a scheduled backup is skipped when nothing changed since. */
    changesSeq: z.number().int().min(0),
    /** sha-256 of the content (contentDigest): a restore must give back exactly this. */
    digest: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
export type BackupManifest = z.infer<typeof backupManifest>;

/** Backups live in a folder beside the database, so moving the data folder moves them too. */
export function backupsDir(databaseFile: string): string {
  return path.join(path.dirname(databaseFile), 'backups');
}

export function backupName(at: Date, reason: BackupReason): string {
  return `muster-${at.toISOString().replace(/[:.]/g, '-')}-${reason}.sqlite`;
}

/** Every backup whose manifest reads as one, newest first; anything else in the folder is left alone. */
export function listBackups(dir: string): BackupManifest[] {
  if (!existsSync(dir)) return [];
  const found: BackupManifest[] = [];
  for (const entry of readdirSync(dir)) {
    if (!entry.endsWith('.sqlite.json')) continue;
    try {
      const manifest = backupManifest.parse(JSON.parse(readFileSync(path.join(dir, entry), 'utf8')));
      if (existsSync(path.join(dir, manifest.name))) found.push(manifest);
    } catch {
      // A manifest cut short by a crash or edited by hand: its backup is not offered, and not deleted either.
    }
  }
  return found.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.name.localeCompare(a.name));
}

/**
 * Puts a finished copy and its manifest in place: the copy is renamed into its name only once complete, and the
 * manifest is written last, so a crash mid-way leaves a stray temporary file, never a backup that looks whole.
 */
export function publishBackup(dir: string, tmpFile: string, manifest: BackupManifest): void {
  mkdirSync(dir, { recursive: true });
  renameSync(tmpFile, path.join(dir, manifest.name));
  const json = path.join(dir, `${manifest.name}.json`);
  writeFileSync(`${json}.tmp`, `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(`${json}.tmp`, json);
}

/**
 * Keeps the newest `keep` backups, and always the newest one taken before a migration (the way back from an
 * upgrade) and the one named `spare`. Older ones are deleted, manifest first, so a half-deleted backup is never listed.
 */
export function rotateBackups(dir: string, keep: number, spare?: string): void {
  const all = listBackups(dir);
  const lastMigration = all.find((b) => b.reason === 'before-migration');
  for (const old of all.slice(keep)) {
    if (old === lastMigration || old.name === spare) continue;
    rmSync(path.join(dir, `${old.name}.json`), { force: true });
    rmSync(path.join(dir, old.name), { force: true });
  }
}

/** A manifest written ahead of the rewritten backup it describes (replaceBackup), until that backup is in place. */
const waitingSuffix = '.next';

function fsyncPath(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Puts a rewritten copy in place of a listed backup, crash-safe: the new manifest is written beside the old one
 * first, then the copy is renamed over the backup, then the new manifest over the old. A crash leaves the old backup
 * with its manifest, or the new backup with its manifest waiting beside it: `waitingManifests` finds those, and the
 * caller settles each by the file's digest (finishReplacement).
 */
export function replaceBackup(dir: string, tmpFile: string, manifest: BackupManifest): void {
  const json = path.join(dir, `${manifest.name}.json`);
  const waiting = `${json}${waitingSuffix}`;
  writeFileSync(`${waiting}.tmp`, `${JSON.stringify(manifest, null, 2)}\n`);
  fsyncPath(`${waiting}.tmp`);
  renameSync(`${waiting}.tmp`, waiting);
  fsyncPath(tmpFile);
  renameSync(tmpFile, path.join(dir, manifest.name));
  renameSync(waiting, json);
  fsyncPath(dir);
}

/** Manifests a replacement wrote and did not get to put in place (a crash between the renames of replaceBackup). */
export function waitingManifests(dir: string): BackupManifest[] {
  if (!existsSync(dir)) return [];
  const found: BackupManifest[] = [];
  for (const entry of readdirSync(dir)) {
    if (!entry.endsWith(`.sqlite.json${waitingSuffix}`)) continue;
    try {
      found.push(backupManifest.parse(JSON.parse(readFileSync(path.join(dir, entry), 'utf8'))));
    } catch {
      rmSync(path.join(dir, entry), { force: true });
    }
  }
  return found;
}

/**
 * Settles a waiting manifest: the backup's content is the one it describes (the rename of the file happened), so it
 * becomes the manifest; otherwise the old backup is still whole and the waiting manifest is dropped.
 */
export function finishReplacement(dir: string, waiting: BackupManifest, currentDigest: string | null): void {
  const json = path.join(dir, `${waiting.name}.json`);
  if (currentDigest === waiting.digest) renameSync(`${json}${waitingSuffix}`, json);
  else rmSync(`${json}${waitingSuffix}`, { force: true });
}
