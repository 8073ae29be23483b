// Runs on a worker thread (jobs/tasks.ts 'erasure.scrubBackups'): rewriting twenty backups takes seconds, and the
// desk must stay responsive meanwhile.
import { copyFileSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { checkBackup } from '../backups/check';
import { finishReplacement, listBackups, replaceBackup, waitingManifests } from '../backups/files';
import { openScratch, openSnapshot, type Db, type OpenOptions } from '../db/driver';
import { latestVersion, migrate } from '../db/migrate';
import { prepared } from '../db/statements';
import { writeTransaction } from '../db/transaction';
import type { Progress } from '../jobs/worker-host';
import { applyChanges } from '../sync/apply';
import type { SyncChange } from '../sync/schema';

export interface ScrubInput {
  dir: string;
  open: OpenOptions;
  /** The live database's erasure change records (erasure/backups.ts): they carry no personal value. */
  erasures: SyncChange[];
}

export interface ScrubResult {
  /** Backups looked at. */
  checked: number;
  /** Backups that held someone since erased, now rewritten without them. */
  rewritten: string[];
}

// Work files beside the backup they come from; listBackups reads only *.sqlite.json, so it never offers them.
const workSuffix = '.scrub-work';
const outSuffix = '.scrubbed';

/**
 * The people among `ids` whose personal data the database still holds. A backup from before erasure existed
 * (schema without `erased_at`) holds everyone it has.
 */
export function stillHeld(db: Db, ids: readonly string[]): string[] {
  const columns = db.pragma('table_info(participants)') as { name: string }[];
  const erasable = columns.some((c) => c.name === 'erased_at');
  return prepared(
    db,
    `SELECT id FROM participants WHERE id IN (SELECT value FROM json_each(?))${erasable ? ' AND erased_at IS NULL' : ''}`,
  )
    .pluck()
    .all(JSON.stringify(ids)) as string[];
}

/**
 * Applies the erasures of the people the database still holds, through sync's apply path: the very change records
 * the live database holds, so the result is the database as it was plus those erasures (rows blanked, old change
 * records and signatures scrubbed, search indexes merged). An older schema is brought up to date first: the
 * erasure needs its columns, and the next start would migrate it anyway. Returns how many people were erased.
 */
export function applyErasures(db: Db, erasures: readonly SyncChange[]): number {
  if (Number(db.pragma('user_version', { simple: true })) < latestVersion) migrate(db);
  const held = new Set(stillHeld(db, [...new Set(erasures.map((c) => c.id))]));
  // A person the database never had is left out: the erasure alone would insert a half-empty record.
  const due = erasures.filter((c) => held.has(c.id));
  if (due.length === 0) return 0;
  return writeTransaction(db, () => applyChanges(db, due)).erased;
}

/** Work files a killed scrub left, and manifests it wrote but did not put in place (see replaceBackup). */
function finishInterrupted(dir: string, open: OpenOptions): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir)) {
    if (entry.includes(workSuffix) || entry.includes(outSuffix)) rmSync(path.join(dir, entry), { force: true });
  }
  for (const waiting of waitingManifests(dir)) {
    const file = path.join(dir, waiting.name);
    const current = existsSync(file) ? checkBackup({ file, open }) : null;
    finishReplacement(dir, waiting, current?.integrity === 'ok' ? current.digest : null);
  }
}

/**
 * Rewrites every backup that still holds someone erased since it was taken: a private copy gets the erasures
 * (applyErasures), is written out whole by VACUUM INTO (so no freed page of the old content survives), checked and
 * digested like a new backup, and put in place of the old file with its manifest (replaceBackup). A kill at any
 * point leaves each backup old and whole or new and whole; running again finishes the job.
 */
export function scrubBackupFiles(input: ScrubInput, progress: (p: Progress) => void = () => {}): ScrubResult {
  const { dir, open, erasures } = input;
  finishInterrupted(dir, open);
  const ids = [...new Set(erasures.map((c) => c.id))];
  const backups = listBackups(dir);
  const rewritten: string[] = [];
  backups.forEach((manifest, index) => {
    progress({ phase: 'scrubbing', done: index, total: backups.length });
    const file = path.join(dir, manifest.name);
    // Rotated out since the list was read (a backup is taken while this runs): nothing left to scrub.
    if (!existsSync(file)) return;
    const snapshot = openSnapshot(file, open);
    let held: number;
    try {
      held = stillHeld(snapshot, ids).length;
    } finally {
      snapshot.close();
    }
    if (held === 0) return;
    const work = `${file}${workSuffix}`;
    const out = `${file}${outSuffix}`;
    try {
      copyFileSync(file, work);
      const db = openScratch(work, open);
      try {
        applyErasures(db, erasures);
        db.prepare('VACUUM INTO ?').run(out);
      } finally {
        db.close();
      }
      const checked = checkBackup({ file: out, open });
      if (checked.integrity !== 'ok') throw new Error(`the rewritten ${manifest.name} failed: ${checked.integrity}`);
      // The backup may have been rotated out meanwhile: it must not come back.
      if (!existsSync(file)) return;
      replaceBackup(dir, out, {
        ...manifest,
        schemaVersion: checked.schemaVersion,
        bytes: statSync(out).size,
        digest: checked.digest,
      });
      rewritten.push(manifest.name);
    } finally {
      rmSync(work, { force: true });
      rmSync(out, { force: true });
    }
  });
  progress({ phase: 'scrubbing', done: backups.length, total: backups.length });
  return { checked: backups.length, rewritten };
}
