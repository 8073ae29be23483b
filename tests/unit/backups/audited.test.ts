import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { takeBackup } from '../../../electron/core/backups/backup';
import { contentDigest } from '../../../electron/core/backups/digest';
import { backupsDir } from '../../../electron/core/backups/files';
import type { Core } from '../../../electron/core/context';
import { openSnapshot } from '../../../electron/core/db/driver';
import { generateRoster, loadRoster } from '../../fixtures/roster';
import { nairobi, ok, refused, tempCore } from '../helpers';

interface Row {
  seq: number;
  actor: string;
  action: string;
  ids: string;
  counts: string;
  hash: string;
}

const trail = (core: Core) => core.ctx.db.prepare('SELECT * FROM audit ORDER BY seq').all() as Row[];
const ids = (row: Row | undefined) => JSON.parse(row?.ids ?? '{}') as Record<string, string>;

async function workshop() {
  const core = tempCore();
  const event = await ok(core, 'event.create', nairobi);
  const { registrationIds } = loadRoster(core.ctx, event.id, generateRoster(10, 3));
  return { core, event, registrationIds };
}

async function checkIn(core: Core, sessionId: string, registrationId: string) {
  return ok(core, 'checkin.create', { id: randomUUID(), sessionId, registrationId, method: 'search' });
}

describe('backups in the audit trail', () => {
  it('records each backup, manual ones by their caller and automatic ones by the system, and still checks them', async () => {
    const { core, event, registrationIds } = await workshop();
    const made = await ok(core, 'backup.create', {});
    const [entry] = trail(core).filter((e) => e.action === 'backup.create');
    expect(entry).toMatchObject({ actor: 'command-line' });
    expect(ids(entry)).toEqual({ backup: made.name, reason: 'manual' });
    // The live file now holds one more entry than its copy, and both still digest the same: the trail is not content.
    const copy = openSnapshot(path.join(backupsDir(core.file), made.name));
    try {
      expect(contentDigest(copy)).toBe(made.digest);
      expect(contentDigest(core.ctx.db)).toBe(made.digest);
    } finally {
      copy.close();
    }

    // An entry is not a change: a scheduled backup with nothing new is still skipped, and writes no entry.
    expect(await takeBackup(core.ctx, 'scheduled')).toBeNull();
    await checkIn(core, event.sessions[0]!.id, registrationIds[0]!);
    const scheduled = await takeBackup(core.ctx, 'scheduled');
    const automatic = trail(core).filter((e) => e.action === 'backup.create');
    expect(automatic.map((e) => [e.actor, ids(e).reason])).toEqual([
      ['command-line', 'manual'],
      ['system', 'scheduled'],
    ]);
    expect(ids(automatic[1])).toMatchObject({ backup: scheduled?.name });
  });

  it('makes no backup it could not record', async () => {
    const { core } = await workshop();
    core.ctx.db.exec(
      "CREATE TEMP TRIGGER refuse_entries BEFORE INSERT ON main.audit BEGIN SELECT RAISE(ABORT, 'no room'); END",
    );
    await refused(core, 'backup.create', {});
    expect(await ok(core, 'backup.list', {})).toEqual([]);
    // Not even a temporary copy is left behind.
    expect(readdirSync(backupsDir(core.file))).toEqual([]);
  });

  it('keeps the trail through a restore: the backup’s entries, those made since, then the restore', async () => {
    const { core, event, registrationIds } = await workshop();
    const backup = await ok(core, 'backup.create', {});
    const atBackup = trail(core);
    await checkIn(core, event.sessions[0]!.id, registrationIds[0]!);
    await ok(core, 'event.update', { id: event.id, changes: { venue: 'Room 2' } });
    const beforeRestore = trail(core);

    await ok(core, 'backup.restore', { name: backup.name });
    // The content is the backup's, exactly; the check-in made since is gone.
    expect(contentDigest(core.ctx.db)).toBe(backup.digest);
    expect(core.ctx.db.prepare('SELECT count(*) FROM checkins').pluck().get()).toBe(0);
    // The trail is not: every entry there before the restore is still there, verbatim, in order.
    const after = trail(core);
    expect(after.slice(0, beforeRestore.length)).toEqual(beforeRestore);
    expect(after.slice(beforeRestore.length).map((e) => e.action)).toEqual(['backup.create', 'backup.restore']);
    expect(ids(after.at(-2))).toMatchObject({ reason: 'before-restore' });
    expect(ids(after.at(-1))).toEqual({ backup: backup.name });
    expect(JSON.parse(after.at(-1)!.counts)).toEqual({
      backupEntries: atBackup.length - 1,
      carried: beforeRestore.length - atBackup.length + 2,
    });
    expect(await ok(core, 'audit.verify', {})).toEqual({
      entries: after.length,
      intact: true,
      firstBroken: null,
      restarts: [],
    });
    // And it goes on from there.
    await checkIn(core, event.sessions[0]!.id, registrationIds[1]!);
    expect((await ok(core, 'audit.verify', {})).intact).toBe(true);
  });

  it('says the chain restarted when the backup’s trail is not this device’s, and carries nothing over', async () => {
    const other = await workshop();
    const foreign = await ok(other.core, 'backup.create', {});
    // The backup holds the other device's trail up to its own entry, which is written once the copy is checked.
    const foreignTrail = trail(other.core).slice(0, -1);
    const { core, event, registrationIds } = await workshop();
    await checkIn(core, event.sessions[0]!.id, registrationIds[0]!);
    mkdirSync(backupsDir(core.file), { recursive: true });
    for (const file of [foreign.name, `${foreign.name}.json`]) {
      copyFileSync(path.join(backupsDir(other.core.file), file), path.join(backupsDir(core.file), file));
    }

    await ok(core, 'backup.restore', { name: foreign.name });
    const after = trail(core);
    // The other device's chain as its backup held it, then one entry saying so: none of this device's entries.
    expect(after.slice(0, -1)).toEqual(foreignTrail);
    expect(after.at(-1)).toMatchObject({ action: 'backup.restore', actor: 'command-line' });
    expect(ids(after.at(-1))).toEqual({ backup: foreign.name, chain: 'restarted' });
    expect(await ok(core, 'audit.verify', {})).toMatchObject({
      intact: true,
      restarts: [{ seq: after.length, backup: foreign.name }],
    });
  });
});
