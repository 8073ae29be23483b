import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, rmdirSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../../electron/core/api/dispatch';
import { openCore, type Core } from '../../../electron/core/context';
import { storageFailure } from '../../../electron/core/db/store-error';
import { eventState } from '../../../electron/core/sync/scope';
import { exportBundle } from '../../../electron/core/sync/sync';
import { generateRoster, loadRoster } from '../../fixtures/roster';
import { nairobi, ok, tempCore } from '../helpers';
import { previewed, rosterCsv } from '../imports/files';

/**
 * A real full disk: a 24 MB tmpfs holds the database, and a filler file takes every byte left. Mounting needs root
 * (CI runs as root); elsewhere the test says so and is skipped.
 */
function tryMount(dir: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=24m', 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const probe = mkdtempSync(path.join(os.tmpdir(), 'muster-tmpfs-probe-'));
const canMount = tryMount(probe);
if (canMount) execFileSync('umount', [probe]);
rmdirSync(probe);

/** Takes every free byte of the file system holding `file` (ENOSPC ends it), as another program filling it would. */
function fillDisk(file: string): void {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
    // The last few bytes, so not even one page fits.
    const byte = Buffer.alloc(1);
    try {
      for (;;) writeSync(fd, byte);
    } catch {
      // Full to the byte.
    }
  } finally {
    closeSync(fd);
  }
}

function count(core: Core, sql: string, ...params: unknown[]): number {
  return core.ctx.db
    .prepare(sql)
    .pluck()
    .get(...params) as number;
}

describe('storage failures are named', () => {
  it('tells a full disk and a failing disk apart from bugs, and anything else is not a storage failure', () => {
    expect(storageFailure(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }))).toBe(
      'storage_full',
    );
    expect(storageFailure(Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' }))).toBe(
      'storage_failed',
    );
    expect(storageFailure(Object.assign(new Error('no space'), { code: 'ENOSPC' }))).toBe('storage_full');
    expect(storageFailure(Object.assign(new Error('too big'), { code: 'EFBIG' }))).toBe('storage_full');
    expect(storageFailure(Object.assign(new Error('constraint'), { code: 'SQLITE_CONSTRAINT_UNIQUE' }))).toBe(
      undefined,
    );
    expect(storageFailure(new Error('plain'))).toBe(undefined);
    expect(storageFailure('SQLITE_FULL')).toBe(undefined);
  });
});

describe.skipIf(!canMount)('a full disk (tiny tmpfs; needs root)', () => {
  let dir: string;
  let core: Core;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'muster-full-'));
    expect(tryMount(dir)).toBe(true);
    core = openCore(path.join(dir, 'muster.sqlite'));
  });

  afterEach(() => {
    if (core.ctx.db.open) core.close();
    execFileSync('umount', [dir]);
    rmdirSync(dir);
  });

  it('refuses check-ins, an import and a sync merge with a typed error, confirms nothing, and recovers when space is back', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const event = await ok(core, 'event.create', nairobi);
    const sessionId = event.sessions[0]!.id;
    const { registrationIds } = loadRoster(core.ctx, event.id, generateRoster(200, 8));
    // An import previewed and a sync file received while there was still room.
    const jobId = randomUUID();
    await previewed(core, event.id, Buffer.from(rosterCsv(generateRoster(300, 9))), { jobId });
    const peer = tempCore();
    const peerEvent = await ok(peer, 'event.create', { ...nairobi, title: 'Peer workshop' });
    loadRoster(peer.ctx, peerEvent.id, generateRoster(300, 10));
    const { bytes } = await exportBundle(peer.ctx, { eventId: peerEvent.id, passphrase: 'kiosks of the workshop' });

    const filler = path.join(dir, 'filler');
    fillDisk(filler);

    // Check-ins until the disk refuses one: those confirmed are stored; the refused one is not, and is typed.
    const confirmed: string[] = [];
    let refusal: { id: string; registrationId: string; code: string; message: string } | undefined;
    for (const registrationId of registrationIds) {
      const id = randomUUID();
      const result = await dispatch(core.ctx, 'checkin.create', { id, sessionId, registrationId, method: 'search' });
      if (result.ok) {
        confirmed.push(id);
        continue;
      }
      refusal = { id, registrationId, code: result.error.code, message: result.error.message };
      break;
    }
    expect(refusal, 'the full disk never refused a check-in').toBeDefined();
    expect(refusal!.code).toBe('storage_full');
    expect(refusal!.message).toMatch(/disk is full.*nothing was saved/i);
    expect(count(core, 'SELECT count(*) FROM checkins WHERE id = ?', refusal!.id)).toBe(0);
    expect(count(core, "SELECT count(*) FROM changes WHERE entity = 'checkin' AND entity_id = ?", refusal!.id)).toBe(0);

    // The import and the merge are all-or-nothing: nothing of either arrived.
    const people = count(core, 'SELECT count(*) FROM participants');
    const before = eventState(core.ctx.db, peerEvent.id);
    const commit = await dispatch(core.ctx, 'import.commit', { jobId });
    expect(commit).toMatchObject({ ok: false, error: { code: 'storage_full' } });
    const merge = await dispatch(core.ctx, 'sync.import', {
      data: bytes.toString('base64'),
      passphrase: 'kiosks of the workshop',
      jobId: randomUUID(),
    });
    expect(merge).toMatchObject({ ok: false, error: { code: 'storage_full' } });
    // A backup needs a whole copy of the store: refused the same way, and no partial copy is left behind.
    expect(await dispatch(core.ctx, 'backup.create', {})).toMatchObject({ ok: false, error: { code: 'storage_full' } });
    expect((await ok(core, 'backup.list', {})).length).toBe(0);
    expect(count(core, 'SELECT count(*) FROM participants')).toBe(people);
    expect(eventState(core.ctx.db, peerEvent.id)).toEqual(before);

    // Space is back: the same process, without a restart, checks the same person in and takes the import and merge.
    rmSync(filler);
    const again = randomUUID();
    await ok(core, 'checkin.create', {
      id: again,
      sessionId,
      registrationId: refusal!.registrationId,
      method: 'search',
    });
    const { counts } = await ok(core, 'import.commit', { jobId });
    expect(counts.added).toBeGreaterThan(250);
    await ok(core, 'sync.import', {
      data: bytes.toString('base64'),
      passphrase: 'kiosks of the workshop',
      jobId: randomUUID(),
    });
    expect(count(core, 'SELECT count(*) FROM participants')).toBe(people + counts.added + 300);
    expect(core.ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
    log.mockRestore();

    // And everything confirmed is there after a restart.
    core.close();
    core = openCore(path.join(dir, 'muster.sqlite'));
    const stored = new Set(core.ctx.db.prepare('SELECT id FROM checkins').pluck().all() as string[]);
    expect([...confirmed, again].filter((id) => !stored.has(id))).toEqual([]);
    expect(stored.has(refusal!.id)).toBe(false);
    expect(core.ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
  }, 60_000);
});
