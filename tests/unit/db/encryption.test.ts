import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import PlainDatabase from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { contentDigest } from '../../../electron/core/backups/digest';
import { backupsDir, listBackups } from '../../../electron/core/backups/files';
import { openCore, type Core } from '../../../electron/core/context';
import { openSnapshot, StoreError } from '../../../electron/core/db/driver';
import { keyringFile, unlockDatabaseKey } from '../../../electron/core/db/keyring';
import { generateRoster, loadRoster } from '../../fixtures/roster';
import { nairobi, ok, tempDir } from '../helpers';

// A stolen laptop, a copied data folder, a backup or a sync bundle on a USB stick: none may give away who attended.
const passphrase = 'correct horse battery staple at the Gigiri desk';
const canary = { givenNames: 'Quillon', familyName: 'Zabrowskeet' };

function appCore(file: string, secret = passphrase): Core {
  return openCore(file, { key: unlockDatabaseKey(file, { passphrase: secret }) });
}

async function withCanary(core: Core) {
  const event = await ok(core, 'event.create', nairobi);
  loadRoster(core.ctx, event.id, generateRoster(30, 11));
  await ok(core, 'participant.create', {
    eventId: event.id,
    ...canary,
    gender: 'female',
    country: 'KE',
    organisation: 'Ministry of Interior',
    organisationType: 'government',
    category: 'partner_state_delegate',
    status: 'walk_in',
  });
  return event;
}

/** Whether the canary's name is anywhere in the bytes, in any case (the search index keeps it folded). */
function revealsCanary(file: string): boolean {
  const text = readFileSync(file).toString('latin1').toLowerCase();
  return text.includes(canary.familyName.toLowerCase()) || text.includes(canary.givenNames.toLowerCase());
}

/** What plain SQLite (the better-sqlite3 package, no cipher) makes of a file. */
function plainRead(file: string): string {
  const db = new PlainDatabase(file, { readonly: true, fileMustExist: true });
  try {
    return String(db.prepare('SELECT count(*) FROM participants').pluck().get());
  } catch (error) {
    return (error as Error).message;
  } finally {
    db.close();
  }
}

const sqliteCli = spawnSync('sqlite3', ['-version']).status === 0;

describe('encryption at rest', () => {
  it('keeps every name out of the database file and its WAL; plain SQLite cannot read it; the key survives a restart', async () => {
    const file = path.join(tempDir(), 'muster.sqlite');
    const core = appCore(file);
    await withCanary(core);
    // The WAL holds the latest writes until a checkpoint: it is encrypted page by page too.
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);
    expect(revealsCanary(`${file}-wal`)).toBe(false);
    const digest = contentDigest(core.ctx.db);
    core.close();

    expect(revealsCanary(file)).toBe(false);
    expect(plainRead(file)).toMatch(/file is not a database/);
    if (sqliteCli) {
      const cli = spawnSync('sqlite3', [file, 'SELECT family_name FROM participants'], { encoding: 'utf8' });
      expect(cli.status).not.toBe(0);
      expect(cli.stderr).toMatch(/file is not a database/);
      expect(cli.stdout).not.toContain(canary.familyName);
    }
    // The keyring beside it holds the key only sealed.
    const unlocked = unlockDatabaseKey(file, { passphrase });
    expect(readFileSync(keyringFile(file), 'utf8')).not.toContain(unlocked);

    const again = appCore(file);
    try {
      expect(contentDigest(again.ctx.db)).toBe(digest);
      const found = again.ctx.db
        .prepare('SELECT count(*) FROM participants WHERE family_name = ?')
        .pluck()
        .get(canary.familyName);
      expect(found).toBe(1);
    } finally {
      again.close();
    }
  });

  it('refuses a wrong passphrase with a typed error and changes nothing', async () => {
    const file = path.join(tempDir(), 'muster.sqlite');
    const core = appCore(file);
    await withCanary(core);
    core.close();
    const before = { db: readFileSync(file), keyring: readFileSync(keyringFile(file)) };
    let thrown: unknown;
    try {
      appCore(file, 'correct horse battery staple at the wrong desk');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(StoreError);
    expect(thrown).toMatchObject({ reason: 'wrong_passphrase' });
    expect(readFileSync(file).equals(before.db)).toBe(true);
    expect(readFileSync(keyringFile(file)).equals(before.keyring)).toBe(true);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses to make a new key for an encrypted database whose keyring is gone', async () => {
    const file = path.join(tempDir(), 'muster.sqlite');
    const core = appCore(file);
    await withCanary(core);
    core.close();
    rmSync(keyringFile(file));
    expect(() => unlockDatabaseKey(file, { passphrase })).toThrow(/keyring .* is missing/);
    expect(existsSync(keyringFile(file))).toBe(false);
  });

  it('backs up and restores encrypted: the backup reveals no name, opens only with the key, and restores the same content', async () => {
    const file = path.join(tempDir(), 'muster.sqlite');
    const core = appCore(file);
    await withCanary(core);
    const made = await ok(core, 'backup.create', {});
    const backup = path.join(backupsDir(file), made.name);
    expect(revealsCanary(backup)).toBe(false);
    expect(plainRead(backup)).toMatch(/file is not a database/);
    const key = unlockDatabaseKey(file, { passphrase });
    const copy = openSnapshot(backup, { key });
    try {
      expect(contentDigest(copy)).toBe(made.digest);
    } finally {
      copy.close();
    }

    await ok(core, 'participant.create', {
      eventId: (await ok(core, 'event.list', {}))[0]!.id,
      givenNames: 'After',
      familyName: 'Backup',
      gender: 'male',
      country: 'KE',
      organisation: 'Visitors',
      organisationType: 'other',
      category: 'observer',
      status: 'walk_in',
    });
    expect(contentDigest(core.ctx.db)).not.toBe(made.digest);
    await ok(core, 'backup.restore', { name: made.name });
    expect(contentDigest(core.ctx.db)).toBe(made.digest);
    // The restored connection is the app's from now on: it writes, and closes with the core.
    await ok(core, 'event.create', { ...nairobi, title: 'After the restore' });
    core.close();
    expect(revealsCanary(file)).toBe(false);
    for (const name of readdirSync(backupsDir(file)).filter((n) => n.endsWith('.sqlite'))) {
      expect(revealsCanary(path.join(backupsDir(file), name))).toBe(false);
    }
    const reopened = appCore(file);
    try {
      expect((await ok(reopened, 'event.list', {})).map((e) => e.title)).toContain('After the restore');
    } finally {
      reopened.close();
    }
  });

  it('seals sync bundles: an exported bundle reveals no name', async () => {
    const file = path.join(tempDir(), 'muster.sqlite');
    const core = appCore(file);
    try {
      const event = await withCanary(core);
      const bundle = await ok(core, 'sync.export', { eventId: event.id, passphrase: 'the event sync passphrase' });
      const bytes = Buffer.from(bundle.data, 'base64').toString('latin1').toLowerCase();
      expect(bundle.changes).toBeGreaterThan(30);
      expect(bytes).not.toContain(canary.familyName.toLowerCase());
      expect(bytes).not.toContain(canary.givenNames.toLowerCase());
    } finally {
      core.close();
    }
  });

  it('encrypts a database from an earlier, unencrypted Muster and its backups on the first open with a key', async () => {
    const file = path.join(tempDir(), 'muster.sqlite');
    const old = openCore(file);
    await withCanary(old);
    const oldBackup = await ok(old, 'backup.create', {});
    const digest = contentDigest(old.ctx.db);
    old.close();
    expect(revealsCanary(file)).toBe(true);
    expect(revealsCanary(path.join(backupsDir(file), oldBackup.name))).toBe(true);

    const core = appCore(file);
    try {
      expect(contentDigest(core.ctx.db)).toBe(digest);
    } finally {
      core.close();
    }
    expect(revealsCanary(file)).toBe(false);
    expect(plainRead(file)).toMatch(/file is not a database/);
    const backup = path.join(backupsDir(file), oldBackup.name);
    expect(revealsCanary(backup)).toBe(false);
    const listed = listBackups(backupsDir(file)).find((b) => b.name === oldBackup.name);
    expect(listed?.bytes).toBe(statSync(backup).size);
    // Nothing left behind in the clear: no half-made copy, no plain snapshot.
    expect(readdirSync(path.dirname(file)).filter((n) => /encrypting|restoring/.test(n))).toEqual([]);
    const copy = openSnapshot(backup, { key: unlockDatabaseKey(file, { passphrase }) });
    try {
      expect(contentDigest(copy)).toBe(oldBackup.digest);
    } finally {
      copy.close();
    }
  });
});
