import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../../electron/core/api/dispatch';
import { contentDigest } from '../../../electron/core/backups/digest';
import { backupsDir } from '../../../electron/core/backups/files';
import { openCore } from '../../../electron/core/context';
import { openOptionsOf, openScratch, openSnapshot } from '../../../electron/core/db/driver';
import { generateRoster, loadRoster } from '../../fixtures/roster';
import { nairobi, ok, refused, tempCore } from '../helpers';
import { largePreview, people, startSave } from '../imports/under-way';

async function workshop(people = 40) {
  const core = tempCore();
  const event = await ok(core, 'event.create', nairobi);
  const { registrationIds } = loadRoster(core.ctx, event.id, generateRoster(people, 7));
  return { core, event, registrationIds };
}

describe('backups', () => {
  it('copies the live database, checked and digested, and lists it newest first', async () => {
    const { core } = await workshop();
    const made = await ok(core, 'backup.create', {});
    expect(made).toMatchObject({ reason: 'manual', schemaVersion: expect.any(Number) });
    const file = path.join(backupsDir(core.file), made.name);
    const copy = openSnapshot(file);
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(contentDigest(copy)).toBe(made.digest);
      expect(contentDigest(copy)).toBe(contentDigest(core.ctx.db));
      expect(copy.prepare('SELECT count(*) FROM participants').pluck().get()).toBe(40);
    } finally {
      copy.close();
    }
    const second = await ok(core, 'backup.create', {});
    expect((await ok(core, 'backup.list', {})).map((b) => b.name)).toEqual([second.name, made.name]);
  });

  it('restores a backup into the running app: the content and its digest are what was backed up', async () => {
    const { core, event, registrationIds } = await workshop();
    const before = await ok(core, 'backup.create', {});
    const digest = contentDigest(core.ctx.db);
    // Work after the backup: a check-in and a walk-in, which the restore takes away.
    await ok(core, 'checkin.create', {
      id: crypto.randomUUID(),
      sessionId: event.sessions[0]!.id,
      registrationId: registrationIds[0]!,
      method: 'search',
    });
    const walkIn = await ok(core, 'participant.create', {
      eventId: event.id,
      givenNames: 'Restore',
      familyName: 'Canary',
      gender: 'female',
      country: 'KE',
      organisation: 'Visitors',
      organisationType: 'other',
      category: 'observer',
      status: 'walk_in',
    });
    expect(contentDigest(core.ctx.db)).not.toBe(digest);

    await ok(core, 'backup.restore', { name: before.name });
    expect(core.ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(contentDigest(core.ctx.db)).toBe(digest);
    expect(core.ctx.db.prepare('SELECT count(*) FROM checkins').pluck().get()).toBe(0);
    expect((await refused(core, 'participant.get', { id: walkIn.participant.id })).code).toBe('not_found');
    // What was replaced was backed up first, so the restore can itself be undone.
    const list = await ok(core, 'backup.list', {});
    expect(list[0]).toMatchObject({ reason: 'before-restore' });
    // The app goes on working on the restored data: search finds people, check-in works.
    const hits = await ok(core, 'roster.search', { eventId: event.id, query: 'a', limit: 5 });
    expect(hits.length).toBeGreaterThan(0);
    await ok(core, 'checkin.create', {
      id: crypto.randomUUID(),
      sessionId: event.sessions[0]!.id,
      registrationId: registrationIds[1]!,
      method: 'search',
    });
  });

  it('refuses a damaged backup and one that does not exist, changing nothing', async () => {
    const { core } = await workshop();
    const made = await ok(core, 'backup.create', {});
    const digest = contentDigest(core.ctx.db);
    const file = path.join(backupsDir(core.file), made.name);
    const bytes = readFileSync(file);
    // A row's worth of bytes changed deep in the file: SQLite may still open it, but it is not what was backed up.
    bytes[bytes.length - 200] = (bytes[bytes.length - 200] ?? 0) ^ 0xff;
    writeFileSync(file, bytes);
    const error = await refused(core, 'backup.restore', { name: made.name });
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/damaged/);
    expect(
      (await refused(core, 'backup.restore', { name: 'muster-2020-01-01T00-00-00-000Z-manual.sqlite' })).code,
    ).toBe('not_found');
    expect(contentDigest(core.ctx.db)).toBe(digest);
  });

  it('restores the oldest of a full folder: the backup taken before the restore does not rotate it away', async () => {
    const { core, event } = await workshop(5);
    let at = Date.parse('2026-11-28T08:00:00Z');
    core.ctx.now = () => new Date((at += 60_000));
    const oldest = await ok(core, 'backup.create', {});
    await ok(core, 'event.update', { id: event.id, changes: { venue: 'Room 2' } });
    for (let i = 0; i < 19; i++) await ok(core, 'backup.create', {});
    await ok(core, 'backup.restore', { name: oldest.name });
    expect((await ok(core, 'event.get', { id: event.id })).venue).toBe(nairobi.venue);
    expect(contentDigest(core.ctx.db)).toBe(oldest.digest);
    // Still listed, so it can be restored again; the next backup rotates the folder back to twenty.
    const names = (await ok(core, 'backup.list', {})).map((b) => b.name);
    expect(names).toHaveLength(21);
    expect(names).toContain(oldest.name);
    await ok(core, 'backup.create', {});
    expect(await ok(core, 'backup.list', {})).toHaveLength(20);
  }, 60_000);

  it('keeps the newest twenty, and skips a scheduled backup when nothing changed', async () => {
    const { core } = await workshop(5);
    const { takeBackup } = await import('../../../electron/core/backups/backup');
    let at = Date.parse('2026-11-28T08:00:00Z');
    core.ctx.now = () => new Date((at += 60_000));
    for (let i = 0; i < 23; i++) await takeBackup(core.ctx, 'manual');
    expect(await takeBackup(core.ctx, 'scheduled')).toBeNull();
    const files = readdirSync(backupsDir(core.file));
    expect(files.filter((f) => f.endsWith('.sqlite'))).toHaveLength(20);
    expect(files.filter((f) => f.endsWith('.sqlite.json'))).toHaveLength(20);
  });

  it('backs up at start-up, and a backup that fails is logged, never thrown at the desk', async () => {
    const { core } = await workshop(5);
    const { scheduleBackups } = await import('../../../electron/core/backups/schedule');
    const logged: string[] = [];
    const stop = scheduleBackups(core.ctx, 15, (m) => logged.push(m));
    await vi.waitFor(async () =>
      expect((await ok(core, 'backup.list', {})).map((b) => b.reason)).toEqual(['start-up']),
    );
    stop();
    // A folder that cannot be written (here: a file where the backups folder should be) fails the next one.
    const blocked = tempCore();
    writeFileSync(backupsDir(blocked.file), 'not a folder');
    const stopBlocked = scheduleBackups(blocked.ctx, 15, (m) => logged.push(m));
    await vi.waitFor(() => expect(logged).toEqual([expect.stringMatching(/start-up backup failed/)]));
    stopBlocked();
  });

  it('copies an existing database before migrations change it', async () => {
    const { core } = await workshop(5);
    const file = core.file;
    const digest = contentDigest(core.ctx.db);
    // Pretend this database was written by the previous version: its last migration not applied yet.
    const last = core.ctx.db.prepare('SELECT max(version) FROM schema_migrations').pluck().get() as number;
    core.ctx.db.prepare('DELETE FROM schema_migrations WHERE version = ?').run(last);
    core.ctx.db.pragma(`user_version = ${last - 1}`);
    const undone = contentDigest(core.ctx.db);
    core.close();
    expect(digest).not.toBe(undone);
    // Opening it runs that migration again (a migration that creates tables fails here and changes nothing); the
    // copy was taken before it ran, and that copy is what this test is about.
    const reopened = (() => {
      try {
        return openCore(file);
      } catch {
        return null;
      }
    })();
    reopened?.close();
    const dir = backupsDir(file);
    const manifests = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(manifests.length).toBe(1);
    const manifest = JSON.parse(readFileSync(path.join(dir, manifests[0]!), 'utf8')) as {
      reason: string;
      schemaVersion: number;
      digest: string;
      name: string;
    };
    expect(manifest).toMatchObject({ reason: 'before-migration', schemaVersion: last - 1, digest: undone });
    expect(existsSync(path.join(dir, manifest.name))).toBe(true);
  });
});

describe('a backup made while an import is saved', () => {
  it('makes, records and lists a manual backup when a save began while it was copied, without the half-saved import', async () => {
    const { core, jobId } = await largePreview();
    const backingUp = dispatch(core.ctx, 'backup.create', {});
    const saving = startSave(core, jobId);
    const made = await backingUp;
    expect(made).toMatchObject({ ok: true, value: { reason: 'manual' } });
    expect((await saving).ok).toBe(true);
    const name = made.ok ? (made.value as { name: string }).name : '';
    expect((await ok(core, 'backup.list', {})).map((b) => b.name)).toEqual([name]);
    const entries = core.ctx.db.prepare("SELECT ids FROM audit WHERE action = 'backup.create'").pluck().all();
    expect(entries.map((ids) => JSON.parse(ids as string) as unknown)).toEqual([{ backup: name, reason: 'manual' }]);
    // The copy was taken before the import committed: all or nothing of it, here nothing.
    const copy = openSnapshot(path.join(backupsDir(core.file), name));
    try {
      expect(copy.prepare('SELECT count(*) FROM participants').pluck().get()).toBe(0);
    } finally {
      copy.close();
    }
  }, 60_000);

  it('saves an import committed while a backup is restored after the restore, into the restored store', async () => {
    const { core, eventId, jobId } = await largePreview(async (at) => {
      await ok(at, 'backup.create', {});
    });
    const [backup] = await ok(core, 'backup.list', {});
    const restoring = dispatch(core.ctx, 'backup.restore', { name: backup!.name });
    // Committed while the restore checks the backup: it waits for the restore rather than being overwritten by it.
    const saving = startSave(core, jobId);
    expect(await restoring).toMatchObject({ ok: true });
    expect(await saving).toMatchObject({ ok: true, value: { counts: { added: people } } });
    expect((await ok(core, 'roster.list', { eventId })).total).toBe(people);
  }, 60_000);

  it('refuses an import committed while an encrypted store is restored (its connection is replaced), writing nothing', async () => {
    const { core, eventId, jobId } = await largePreview(
      async (at) => {
        await ok(at, 'backup.create', {});
      },
      { key: randomBytes(32).toString('hex') },
    );
    const [backup] = await ok(core, 'backup.list', {});
    const restoring = dispatch(core.ctx, 'backup.restore', { name: backup!.name });
    const saving = startSave(core, jobId);
    expect(await restoring).toMatchObject({ ok: true });
    expect(await saving).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/restored/) },
    });
    expect((await ok(core, 'roster.list', { eventId })).total).toBe(0);
  }, 60_000);
});

describe('restoring a backup that is not what it claims', () => {
  /** An installation with its own key, a few people, and one manual backup. */
  async function installation(title = nairobi.title) {
    const core = tempCore({ key: randomBytes(32).toString('hex') });
    await ok(core, 'event.create', { ...nairobi, title });
    const made = await ok(core, 'backup.create', {});
    return { core, made, file: path.join(backupsDir(core.file), made.name) };
  }

  it('refuses a backup cut short, and another installation’s (sealed with its key), as conflicts; nothing changes', async () => {
    const { core, made, file } = await installation();
    const other = await installation('Another workshop');
    copyFileSync(other.file, path.join(backupsDir(core.file), other.made.name));
    copyFileSync(`${other.file}.json`, path.join(backupsDir(core.file), `${other.made.name}.json`));
    truncateSync(file, Math.floor(statSync(file).size / 2));
    const digest = contentDigest(core.ctx.db);
    for (const name of [made.name, other.made.name]) {
      const error = await refused(core, 'backup.restore', { name });
      expect(error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/damaged, or it is another/) });
    }
    expect(contentDigest(core.ctx.db)).toBe(digest);
    expect((await ok(core, 'event.list', {})).map((e) => e.title)).toEqual([nairobi.title]);
    // Nothing was replaced, so no before-restore backup was needed either.
    expect((await ok(core, 'backup.list', {})).map((b) => b.reason)).toEqual(['manual', 'manual']);
  });

  it('refuses a file from a newer Muster whose manifest claims this version, leaving the live database open', async () => {
    const { core, made, file } = await installation();
    // A data folder copied to a laptop with a newer Muster and back: the same key, a newer schema, a stale manifest.
    const db = openScratch(file, openOptionsOf(core.ctx.db));
    db.pragma(`user_version = ${made.schemaVersion + 1}`);
    db.close();
    const digest = contentDigest(core.ctx.db);
    expect((await refused(core, 'backup.restore', { name: made.name })).code).toBe('conflict');
    expect(core.ctx.db.open).toBe(true);
    expect(contentDigest(core.ctx.db)).toBe(digest);
    expect(await ok(core, 'event.list', {})).toHaveLength(1);
  });
});
