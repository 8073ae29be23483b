import { randomBytes } from 'node:crypto';
import type { Caller } from './access/session';
import { HybridClock } from './changes/clock';
import { lastOwnTimestamp } from './changes/write';
import { openDatabase, type Db, type OpenOptions } from './db/driver';
import { deviceSeed } from './sync/keys';

/** What every handler gets: the store, this installation's clock, and the wall clock (injectable for tests). */
export interface Context {
  db: Db;
  clock: HybridClock;
  device: string;
  now: () => Date;
  /** Who is calling: set by dispatch for each call from what the transport passed (access/session.ts). */
  caller?: Caller;
}

export interface OpenCoreOptions extends OpenOptions {
  wallClock?: () => number;
}

export interface Core {
  ctx: Context;
  file: string;
  close(): void;
}

/** Opens (creating if needed) a Muster database and everything the handlers need to work on it. */
export function openCore(file: string, options: OpenCoreOptions = {}): Core {
  const db = openDatabase(file, options);
  const device = deviceId(db);
  const last = lastOwnTimestamp(db, device);
  // Sync keeps the newest timestamp received from peers (sync/sync.ts): the clock starts after both.
  const seen = db.prepare("SELECT value FROM meta WHERE key = 'clock_seen'").pluck().get() as string | undefined;
  const wallClock = options.wallClock ?? Date.now;
  const clock = new HybridClock(
    device,
    wallClock,
    undefined,
    seen !== undefined && (!last || seen > last) ? seen : last,
  );
  const ctx: Context = { db, clock, device, now: () => new Date(wallClock()) };
  // ctx.db, not db: restoring an encrypted backup replaces the connection (backups/backup.ts).
  return { ctx, file, close: () => ctx.db.close() };
}

/** Each installation's stable identity, made once with its database, so changes from several kiosks never collide. */
function deviceId(db: Db): string {
  // Its signing key's seed comes into being with it (or at the first start of a database made before seeds), so a
  // backup holding the id holds the key too (sync/keys.ts).
  deviceSeed(db);
  const read = db.prepare("SELECT value FROM meta WHERE key = 'device_id'").pluck();
  const existing = read.get() as string | undefined;
  if (existing) return existing;
  db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('device_id', ?)").run(randomBytes(8).toString('hex'));
  return read.get() as string;
}
