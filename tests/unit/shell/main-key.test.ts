import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signInWindow } from './sign-in';
import { ipcChannel } from '../../../electron/core/api/contract';
import { openCore } from '../../../electron/core/context';
import { isPlainDatabase } from '../../../electron/core/db/driver';
import { keyringFile, unlockDatabaseKey } from '../../../electron/core/db/keyring';
import type { IpcHandler } from '../../../electron/main/ipc';
import type { electronModule } from './electron-stand-in';

// How the desktop app gets its database key: the OS secret store when it is a real one, the administrator
// passphrase otherwise. Run against the stand-in Electron (with a working safeStorage) and real database files.
vi.mock('electron', async () => (await import('./electron-stand-in')).electronModule);

type Electron = typeof electronModule;
let userData = '';
let running: Electron | null = null;
// The unit tests' own passphrase (tests/vitest.config.ts) is put back after each test that changes it.
const inherited = process.env['MUSTER_PASSPHRASE'];
const passphrase = 'the Sarajevo desk administrator passphrase';
// One window: its webContents (sender) keys its session in the main process.
const appFrame = {
  sender: {},
  senderFrame: { url: 'app://muster/', parent: null },
} as unknown as Parameters<IpcHandler>[0];

beforeEach(() => {
  userData = mkdtempSync(path.join(os.tmpdir(), 'muster-main-key-'));
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
});

afterEach(() => {
  running?.app.emit('will-quit');
  running = null;
  if (inherited === undefined) delete process.env['MUSTER_PASSPHRASE'];
  else process.env['MUSTER_PASSPHRASE'] = inherited;
  rmSync(userData, { recursive: true, force: true });
});

async function boot(setup: (electron: Electron) => void = () => {}): Promise<Electron> {
  running?.app.emit('will-quit');
  vi.resetModules();
  const electron = (await import('electron')) as unknown as Electron;
  electron.resetStandIn();
  electron.app.userData = userData;
  electron.app.appPath = '/opt/muster/resources/app.asar';
  setup(electron);
  running = electron;
  await import('../../../electron/main/index');
  await electron.app.ready;
  await new Promise((resolve) => setImmediate(resolve));
  return electron;
}

const database = () => path.join(userData, 'muster.sqlite');
const keyring = () => JSON.parse(readFileSync(keyringFile(database()), 'utf8')) as Record<string, unknown>;

async function eventTitles(electron: Electron): Promise<unknown> {
  const handler = electron.ipcMain.handlers.get(ipcChannel) as IpcHandler;
  await signInWindow(handler, appFrame);
  const listed = (await handler(appFrame, 'event.list', {})) as { ok: boolean; value: { title: string }[] };
  return listed.value.map((e) => e.title);
}

const sarajevo = {
  title: 'Regional workshop: Western Balkans',
  venue: 'Hotel Europe',
  city: 'Sarajevo',
  country: 'BA',
  startDate: '2024-03-05',
  endDate: '2024-03-06',
  timeZone: 'Europe/Sarajevo',
  languages: ['en'],
};

describe('the desktop database key', () => {
  it('is sealed by a real OS secret store, encrypts the database, and opens it again after a restart', async () => {
    delete process.env['MUSTER_PASSPHRASE'];
    const first = await boot();
    const handler = first.ipcMain.handlers.get(ipcChannel) as IpcHandler;
    await signInWindow(handler, appFrame);
    expect(await handler(appFrame, 'event.create', sarajevo)).toMatchObject({ ok: true });
    expect(first.safeStorage.sealed).toHaveLength(1);
    expect(keyring()).toMatchObject({ secretStore: { backend: 'gnome_libsecret' } });
    expect(keyring()).not.toHaveProperty('passphrase');
    first.app.emit('will-quit');
    expect(isPlainDatabase(database())).toBe(false);
    expect(readFileSync(database()).includes('Sarajevo')).toBe(false);

    const second = await boot();
    expect(second.dialog.showErrorBox).not.toHaveBeenCalled();
    expect(await eventTitles(second)).toEqual([sarajevo.title]);
  });

  it('keeps no key in Linux basic_text: without a passphrase it asks in a window and writes nothing meanwhile', async () => {
    delete process.env['MUSTER_PASSPHRASE'];
    const electron = await boot((e) => {
      e.safeStorage.backend = 'basic_text';
    });
    expect(electron.dialog.showErrorBox).not.toHaveBeenCalled();
    expect(electron.app.exit).not.toHaveBeenCalled();
    expect(electron.BrowserWindow.created).toHaveLength(1);
    expect(electron.safeStorage.sealed).toHaveLength(0);
    expect(existsSync(keyringFile(database()))).toBe(false);
    expect(existsSync(database())).toBe(false);
  });

  it('uses the administrator passphrase where there is no real store, so the command line opens the same file', async () => {
    process.env['MUSTER_PASSPHRASE'] = passphrase;
    const electron = await boot((e) => {
      e.safeStorage.available = false;
    });
    // Given in the environment, the passphrase is not asked again: the main window is the only one.
    expect(electron.BrowserWindow.created.map((w) => w.options['width'])).toEqual([1280]);
    const handler = electron.ipcMain.handlers.get(ipcChannel) as IpcHandler;
    await signInWindow(handler, appFrame);
    expect(await handler(appFrame, 'event.create', sarajevo)).toMatchObject({ ok: true });
    expect(keyring()).toHaveProperty('passphrase');
    expect(keyring()).not.toHaveProperty('secretStore');
    electron.app.emit('will-quit');
    running = null;

    const cli = openCore(database(), { key: unlockDatabaseKey(database(), { passphrase }) });
    try {
      expect(cli.ctx.db.prepare('SELECT title FROM events').pluck().all()).toEqual([sarajevo.title]);
    } finally {
      cli.close();
    }
  });

  it('seals the key for both the store and a given passphrase, so the command line opens the desktop’s file', async () => {
    process.env['MUSTER_PASSPHRASE'] = passphrase;
    const electron = await boot();
    const handler = electron.ipcMain.handlers.get(ipcChannel) as IpcHandler;
    await signInWindow(handler, appFrame);
    expect(await handler(appFrame, 'event.create', sarajevo)).toMatchObject({ ok: true });
    expect(keyring()).toHaveProperty('passphrase');
    expect(keyring()).toMatchObject({ secretStore: { backend: 'gnome_libsecret' } });
    electron.app.emit('will-quit');
    running = null;
    const cli = openCore(database(), { key: unlockDatabaseKey(database(), { passphrase }) });
    try {
      expect(cli.ctx.db.prepare('SELECT title FROM events').pluck().all()).toEqual([sarajevo.title]);
    } finally {
      cli.close();
    }
    // Next start, no passphrase: the store alone opens it.
    delete process.env['MUSTER_PASSPHRASE'];
    const again = await boot();
    expect(await eventTitles(again)).toEqual([sarajevo.title]);
  });

  it('cannot open a key sealed by another computer’s store, and says so without touching the database', async () => {
    delete process.env['MUSTER_PASSPHRASE'];
    const first = await boot();
    first.app.emit('will-quit');
    const before = readFileSync(database());
    const moved = await boot((e) => {
      e.safeStorage.machineKey = Buffer.alloc(32, 7);
    });
    expect(moved.dialog.showErrorBox).toHaveBeenCalledWith(
      'Muster cannot open its database',
      expect.stringMatching(/secret store \(gnome_libsecret\) cannot unlock the database key/),
    );
    expect(moved.BrowserWindow.created).toHaveLength(0);
    expect(readFileSync(database()).equals(before)).toBe(true);
  });

  it('opens a data folder moved from another computer with the administrator passphrase sealed in it', async () => {
    process.env['MUSTER_PASSPHRASE'] = passphrase;
    const first = await boot();
    const handler = first.ipcMain.handlers.get(ipcChannel) as IpcHandler;
    await signInWindow(handler, appFrame);
    expect(await handler(appFrame, 'event.create', sarajevo)).toMatchObject({ ok: true });
    first.app.emit('will-quit');
    const moved = await boot((e) => {
      e.safeStorage.machineKey = Buffer.alloc(32, 7);
    });
    expect(moved.dialog.showErrorBox).not.toHaveBeenCalled();
    expect(await eventTitles(moved)).toEqual([sarajevo.title]);
  });
});

// The unlock window: what the person at the desk sees when the key cannot be unsealed without a passphrase.
const door = (electron: Electron) => electron.ipcMain.handlers.get(ipcChannel) as IpcHandler;
const frameOf = (window: { webContents: object }) =>
  ({
    sender: window.webContents,
    senderFrame: { url: 'app://muster/', parent: null },
  }) as unknown as Parameters<IpcHandler>[0];

async function noRealStore(): Promise<Electron> {
  return boot((e) => {
    e.safeStorage.backend = 'basic_text';
  });
}

describe('the unlock window', () => {
  beforeEach(() => {
    delete process.env['MUSTER_PASSPHRASE'];
  });

  it('is as sandboxed as the main window and answers only the lock state and the unlock while locked', async () => {
    const electron = await noRealStore();
    const [window] = electron.BrowserWindow.created;
    if (!window) throw new Error('no unlock window');
    expect(window.loadedUrl).toBe('app://muster/');
    expect(window.options['webPreferences']).toMatchObject({
      preload: '/opt/muster/resources/app.asar/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    // app:// is served and the session guarded before the window loads anything.
    expect(electron.protocol.handled.has('app')).toBe(true);
    expect(electron.session.defaultSession.beforeRequest).not.toBeNull();
    const handler = door(electron);
    const frame = frameOf(window);
    expect(await handler(frame, 'store.lockState', {})).toEqual({
      ok: true,
      value: { state: 'choose', passphraseSet: false, retryAfterSeconds: 0 },
    });
    expect(await handler(frame, 'event.list', {})).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await handler(frame, 'access.status', {})).toMatchObject({ ok: false, error: { code: 'locked' } });
    const stranger = {
      sender: window.webContents,
      senderFrame: { url: 'https://example.org/', parent: null },
    } as unknown as Parameters<IpcHandler>[0];
    expect(await handler(stranger, 'store.unlock', { passphrase })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await handler(frame, 'store.unlock', { passphrase: 'short' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [{ path: ['passphrase'], key: 'passphraseShort' }] },
    });
    expect(await handler(frame, 'store.unlock', { passphrase: 42 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(existsSync(keyringFile(database()))).toBe(false);
    expect(existsSync(database())).toBe(false);
    expect(electron.BrowserWindow.created).toHaveLength(1);
  });

  it('chooses a passphrase on first run, opens the main window, and a restart with the same passphrase opens the same data', async () => {
    const first = await noRealStore();
    const [asking] = first.BrowserWindow.created;
    if (!asking) throw new Error('no unlock window');
    const handler = door(first);
    expect(await handler(frameOf(asking), 'store.unlock', { passphrase })).toMatchObject({
      ok: true,
      value: { state: 'open' },
    });
    expect(first.BrowserWindow.created).toHaveLength(2);
    await new Promise((resolve) => setImmediate(resolve));
    expect(asking.destroyed).toBe(true);
    expect(keyring()).toHaveProperty('passphrase');
    expect(keyring()).not.toHaveProperty('secretStore');
    const main = first.BrowserWindow.created[1];
    if (!main) throw new Error('no main window');
    // The same channel now reaches the core: the main window signs in and works as it always did.
    await signInWindow(handler, frameOf(main));
    expect(await handler(frameOf(main), 'event.create', sarajevo)).toMatchObject({ ok: true });
    expect(await handler(frameOf(main), 'store.lockState', {})).toMatchObject({
      ok: true,
      value: { state: 'open', passphraseSet: true },
    });
    first.app.emit('will-quit');
    expect(readFileSync(database()).includes('Sarajevo')).toBe(false);

    const second = await noRealStore();
    const [again] = second.BrowserWindow.created;
    if (!again) throw new Error('no unlock window');
    const next = door(second);
    expect(await next(frameOf(again), 'store.lockState', {})).toMatchObject({
      ok: true,
      value: { state: 'enter', passphraseSet: true },
    });
    const before = readFileSync(keyringFile(database()));
    expect(await next(frameOf(again), 'store.unlock', { passphrase: 'not the Sarajevo passphrase' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringMatching(/does not unlock/) },
    });
    // Refused, not quit: the window stays, nothing opened, nothing written, and the right passphrase still works.
    expect(second.app.exit).not.toHaveBeenCalled();
    expect(second.BrowserWindow.created).toHaveLength(1);
    expect(readFileSync(keyringFile(database())).equals(before)).toBe(true);
    expect(await next(frameOf(again), 'store.unlock', { passphrase })).toMatchObject({ ok: true });
    expect(await eventTitles(second)).toEqual([sarajevo.title]);
  });

  it('asks for the passphrase sealed in a data folder moved from another computer whose store cannot open it', async () => {
    process.env['MUSTER_PASSPHRASE'] = passphrase;
    const first = await boot();
    const handler = door(first);
    await signInWindow(handler, appFrame);
    expect(await handler(appFrame, 'event.create', sarajevo)).toMatchObject({ ok: true });
    first.app.emit('will-quit');
    delete process.env['MUSTER_PASSPHRASE'];
    const moved = await boot((e) => {
      e.safeStorage.machineKey = Buffer.alloc(32, 7);
    });
    expect(moved.dialog.showErrorBox).not.toHaveBeenCalled();
    const [asking] = moved.BrowserWindow.created;
    if (!asking) throw new Error('no unlock window');
    expect(await door(moved)(frameOf(asking), 'store.unlock', { passphrase })).toMatchObject({ ok: true });
    expect(await eventTitles(moved)).toEqual([sarajevo.title]);
  });
});

describe('what a passphrase typed at the desk cannot fix', () => {
  it('offers no new passphrase for an encrypted database whose keyring is lost: it says so and writes nothing', async () => {
    process.env['MUSTER_PASSPHRASE'] = passphrase;
    const first = await boot((e) => {
      e.safeStorage.available = false;
    });
    first.app.emit('will-quit');
    running = null;
    rmSync(keyringFile(database()));
    delete process.env['MUSTER_PASSPHRASE'];
    const before = readFileSync(database());
    const lost = await boot((e) => {
      e.safeStorage.backend = 'basic_text';
    });
    expect(lost.dialog.showErrorBox).toHaveBeenCalledWith(
      'Muster cannot open its database',
      expect.stringMatching(/keyring .* is missing/),
    );
    expect(lost.BrowserWindow.created).toHaveLength(0);
    expect(existsSync(keyringFile(database()))).toBe(false);
    expect(readFileSync(database()).equals(before)).toBe(true);
  });
});
