import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signInWindow } from './sign-in';
import { ipcChannel } from '../../../electron/core/api/contract';
import type { IpcHandler } from '../../../electron/main/ipc';
import { StandInWebContents, type electronModule } from './electron-stand-in';

// The lifecycle wiring of electron/main/index.ts, run against the stand-in Electron and a real database file.
vi.mock('electron', async () => (await import('./electron-stand-in')).electronModule);

type Electron = typeof electronModule;
let userData = '';
let running: Electron | null = null;

beforeEach(() => {
  userData = mkdtempSync(path.join(os.tmpdir(), 'muster-main-'));
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
});

afterEach(() => {
  running?.app.emit('will-quit');
  running = null;
  delete process.env['MUSTER_SQLITE_BINDING'];
  rmSync(userData, { recursive: true, force: true });
});

/** Imports the main process afresh, as Electron would run it, and waits until 'ready' has been handled. */
async function boot(setup: (electron: Electron) => void = () => {}): Promise<Electron> {
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

// One window: its webContents (sender) keys its session in the main process.
const appFrame = {
  sender: {},
  senderFrame: { url: 'app://muster/', parent: null },
} as unknown as Parameters<IpcHandler>[0];

describe('the main process', () => {
  it('registers the scheme and the sandbox before anything else, then takes the single-instance lock', async () => {
    const { app } = await boot();
    expect(app.calls.slice(0, 3)).toEqual([
      'registerSchemesAsPrivileged',
      'enableSandbox',
      'requestSingleInstanceLock',
    ]);
  });

  it('opens the database in userData, serves app://, and opens one window on the app', async () => {
    const electron = await boot();
    expect(existsSync(path.join(userData, 'muster.sqlite'))).toBe(true);
    expect([...electron.protocol.handled.keys()]).toEqual(['app']);
    expect(electron.session.defaultSession.permissionRequest).not.toBeNull();
    expect(electron.session.defaultSession.permissionCheck).not.toBeNull();
    const windows = electron.BrowserWindow.created;
    expect(windows).toHaveLength(1);
    expect(windows[0]?.loadedUrl).toBe('app://muster/');
    expect(windows[0]?.options.webPreferences).toMatchObject({
      preload: path.join('/opt/muster/resources/app.asar', 'dist', 'electron', 'preload.cjs'),
      sandbox: true,
      contextIsolation: true,
      devTools: true,
    });
  });

  it('answers the app over exactly one IPC channel, from the real database, until it quits', async () => {
    const electron = await boot();
    expect(electron.ipcMain.handle).toHaveBeenCalledOnce();
    const handler = electron.ipcMain.handlers.get(ipcChannel) as IpcHandler;
    await signInWindow(handler, appFrame);
    expect(await handler(appFrame, 'system.ping', {})).toEqual({ ok: true, value: { ok: true } });
    expect(await handler(appFrame, 'event.list', {})).toEqual({ ok: true, value: [] });
    electron.app.emit('will-quit');
    expect(await handler(appFrame, 'event.list', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('guards every web contents the app creates', async () => {
    const { app } = await boot();
    const contents = new StandInWebContents();
    app.emit('web-contents-created', {}, contents);
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.listenerCount('will-navigate')).toBe(1);
    expect(contents.listenerCount('will-attach-webview')).toBe(1);
  });

  it('explains a database it cannot open, and quits without opening a window', async () => {
    writeFileSync(path.join(userData, 'muster.sqlite'), 'this is not a database, just forty-odd bytes of text');
    const electron = await boot();
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith(
      'Muster cannot open its database',
      expect.stringMatching(/is not a Muster database/),
    );
    expect(electron.app.exit).toHaveBeenCalledWith(1);
    expect(electron.BrowserWindow.created).toHaveLength(0);
    expect(electron.ipcMain.handle).not.toHaveBeenCalled();
  });

  it('loads the Electron build of the driver from MUSTER_SQLITE_BINDING in development', async () => {
    process.env['MUSTER_SQLITE_BINDING'] = path.join(userData, 'missing', 'better_sqlite3.node');
    const electron = await boot();
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith(
      'Muster cannot open its database',
      expect.stringMatching(/Cannot open the database/),
    );
    expect(electron.BrowserWindow.created).toHaveLength(0);
  });

  it('ignores MUSTER_SQLITE_BINDING once packaged', async () => {
    process.env['MUSTER_SQLITE_BINDING'] = path.join(userData, 'missing', 'better_sqlite3.node');
    const electron = await boot((e) => {
      e.app.isPackaged = true;
    });
    expect(electron.dialog.showErrorBox).not.toHaveBeenCalled();
    expect(electron.BrowserWindow.created).toHaveLength(1);
    expect(electron.BrowserWindow.created[0]?.options.webPreferences).toMatchObject({ devTools: false });
  });

  it('leaves at once when another instance holds the lock', async () => {
    const electron = await boot((e) => {
      e.app.gotLock = false;
    });
    expect(electron.app.quit).toHaveBeenCalled();
    expect(electron.app.listenerCount('web-contents-created')).toBe(0);
    expect(electron.BrowserWindow.created).toHaveLength(0);
    expect(existsSync(path.join(userData, 'muster.sqlite'))).toBe(false);
  });
});
