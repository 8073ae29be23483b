import { commandLineCaller } from '../access/session';
import type { BackupManifest } from '../backups/files';
import type { Context } from '../context';
import type { Db } from '../db/driver';
import { prepared } from '../db/statements';
import { writeWhenFree } from '../db/transaction';
import { appendAudit, insertEntry, restartedChain, type AuditRow } from './chain';
import { auditActor, systemActor } from './record';

/** Who asked: the caller of a manual backup or a restore (the command line when called outside dispatch). */
function requester(ctx: Context): { actor: string; role: string } {
  return auditActor(ctx.caller ?? commandLineCaller());
}

/**
 * Records a backup just made, once its copy is checked and before it is listed (backups/backup.ts), so a backup no
 * entry records is never offered. The automatic ones (start-up, every 15 minutes, before a restore) are the
 * system's; a manual one is its caller's. The live file gains the entry, its copy does not: the content digest
 * leaves the trail out (backups/digest.ts), so the two still compare equal. It comes after the copy's awaits, so an
 * import's save that began meanwhile is waited for.
 */
export async function recordBackup(ctx: Context, manifest: BackupManifest): Promise<void> {
  const who = manifest.reason === 'manual' ? requester(ctx) : systemActor;
  await writeWhenFree(ctx.db, () =>
    appendAudit(ctx.db, {
      at: ctx.now().toISOString(),
      device: ctx.device,
      ...who,
      action: 'backup.create',
      ids: { backup: manifest.name, reason: manifest.reason },
      counts: { bytes: manifest.bytes, changesSeq: manifest.changesSeq, schemaVersion: manifest.schemaVersion },
    }),
  );
}

/**
 * Runs `restore` (which replaces the live database with a backup's content, audit table included) and then puts the
 * trail back together: the backup's entries, then every live entry made since the backup, carried over verbatim
 * (the backup's trail is a prefix of the live one, so the hashes still chain), then a `backup.restore` entry naming
 * the backup. A backup whose trail is not a prefix of this device's (another device's, or edited) gets nothing
 * carried over: its entry says the chain restarted, and `audit.verify` reports it (chain.ts).
 */
export async function keepTrail<T>(ctx: Context, backup: BackupManifest, restore: () => Promise<T>): Promise<T> {
  const live = trail(ctx.db);
  const value = await restore();
  // After the restore ctx.db may be a new connection (an encrypted store is reopened on the restored file).
  const db = ctx.db;
  // A backup from before the audit trail existed (restored by the command line, migrated at the next start) has
  // nowhere to put entries: the next start makes its trail from the migration on.
  if (prepared(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'audit'").get() === undefined) {
    return value;
  }
  await writeWhenFree(db, () => {
    const restored = trail(db);
    const prefix =
      restored.length <= live.length && restored.every((row, i) => JSON.stringify(row) === JSON.stringify(live[i]));
    const carried = prefix ? live.slice(restored.length) : [];
    for (const row of carried) insertEntry(db, row);
    // The restore's entry chains onto the last one carried and moves the head in meta past them all.
    appendAudit(db, {
      at: ctx.now().toISOString(),
      device: ctx.device,
      ...requester(ctx),
      action: 'backup.restore',
      ids: prefix ? { backup: backup.name } : { backup: backup.name, chain: restartedChain },
      counts: prefix
        ? { backupEntries: restored.length, carried: carried.length }
        : { backupEntries: restored.length, carried: 0, left: live.length },
    });
  });
  return value;
}

function trail(db: Db): AuditRow[] {
  return prepared(db, 'SELECT * FROM audit ORDER BY seq').all() as AuditRow[];
}
