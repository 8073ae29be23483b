import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../../electron/core/context';
import { latestVersion } from '../../../electron/core/db/migrate';
import { migrations } from '../../../electron/core/db/migrations';
import { StoreError } from '../../../electron/core/db/driver';
import { nairobi, ok, tempCore, tempDir } from '../helpers';

function storeError(run: () => unknown): StoreError {
  try {
    run();
  } catch (error) {
    if (error instanceof StoreError) return error;
    throw error;
  }
  throw new Error('expected a StoreError');
}

describe('opening the store', () => {
  it('sets durable pragmas: WAL, synchronous FULL, foreign keys, a busy timeout', () => {
    const { ctx } = tempCore();
    expect(ctx.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(ctx.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(ctx.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(ctx.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    // Statement journals in memory: a trigger-firing insert must not write a temporary file per row.
    expect(ctx.db.pragma('temp_store', { simple: true })).toBe(2);
  });

  it('applies every migration once and records them in order', () => {
    const { ctx } = tempCore();
    expect(ctx.db.pragma('user_version', { simple: true })).toBe(latestVersion);
    const applied = ctx.db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(applied).toEqual(migrations.map((m) => ({ version: m.version, name: m.name })));
  });

  it('keeps its data and device id across reopening, and migrates nothing twice', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'muster.sqlite');
    const first = openCore(file);
    const event = await ok(first, 'event.create', nairobi);
    const device = first.ctx.device;
    first.close();
    const second = openCore(file);
    expect(second.ctx.device).toBe(device);
    expect(await ok(second, 'event.get', { id: event.id })).toEqual(event);
    expect(second.ctx.db.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(latestVersion);
    second.close();
  });

  it('gives each installation its own device id', () => {
    expect(tempCore().ctx.device).not.toBe(tempCore().ctx.device);
    expect(tempCore().ctx.device).toMatch(/^[0-9a-f]{16}$/);
  });

  it('refuses a database from a newer Muster and leaves its bytes untouched', () => {
    const dir = tempDir();
    const file = path.join(dir, 'muster.sqlite');
    openCore(file).close();
    const future = openCore(file);
    future.ctx.db.pragma(`user_version = ${latestVersion + 1}`);
    future.close();
    const before = readFileSync(file);
    const error = storeError(() => openCore(file));
    expect(error.reason).toBe('too_new');
    expect(error.message).toMatch(/newer version of Muster/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a database whose applied migrations are not the ones this build knows', () => {
    const dir = tempDir();
    const file = path.join(dir, 'muster.sqlite');
    const core = openCore(file);
    core.ctx.db.prepare("UPDATE schema_migrations SET name = 'something-else' WHERE version = 2").run();
    core.close();
    const error = storeError(() => openCore(file));
    expect(error.reason).toBe('too_new');
    expect(error.message).toMatch(/something-else/);
  });

  it('refuses a file that is not a database, with a clear message', () => {
    const file = path.join(tempDir(), 'muster.sqlite');
    writeFileSync(file, 'participant list, not a database\n'.repeat(200));
    const error = storeError(() => openCore(file));
    expect(error.reason).toBe('not_a_database');
    expect(error.message).toMatch(/not a Muster database/);
  });

  it('refuses a damaged database instead of working on it', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'muster.sqlite');
    const core = openCore(file);
    for (let i = 0; i < 40; i++) await ok(core, 'event.create', { ...nairobi, title: `Workshop ${i}` });
    core.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    core.close();
    const bytes = readFileSync(file);
    // Scribble over the middle pages (not the header), as a failing disk would.
    bytes.fill(0x5a, 4096 * 2, 4096 * 4);
    const damaged = path.join(dir, 'damaged.sqlite');
    writeFileSync(damaged, bytes);
    const error = storeError(() => openCore(damaged));
    expect(['corrupt', 'not_a_database']).toContain(error.reason);
    copyFileSync(file, path.join(dir, 'intact.sqlite'));
    expect(() => openCore(path.join(dir, 'intact.sqlite')).close()).not.toThrow();
  });
});
