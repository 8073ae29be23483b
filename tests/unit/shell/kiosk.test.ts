import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signInWindow } from './sign-in';
import { ipcChannel } from '../../../electron/core/api/contract';
import type { IpcHandler } from '../../../electron/main/ipc';
import { isEscapeKey, kioskLock, type KioskWindow } from '../../../electron/main/kiosk';
import { StandInBrowserWindow, type electronModule } from './electron-stand-in';

vi.mock('electron', async () => (await import('./electron-stand-in')).electronModule);

const key = (k: string, mods: Partial<Record<'alt' | 'control' | 'meta' | 'shift', boolean>> = {}) => ({
  type: 'keyDown' as const,
  key: k,
  alt: false,
  control: false,
  meta: false,
  shift: false,
  ...mods,
});

/** Sends a key through the window's before-input-event listeners; true if one of them swallowed it. */
function press(window: StandInBrowserWindow, input: ReturnType<typeof key>): boolean {
  let prevented = false;
  window.webContents.emit('before-input-event', { preventDefault: () => (prevented = true) }, input);
  return prevented;
}

function tryClose(window: StandInBrowserWindow): boolean {
  let prevented = false;
  window.emit('close', { preventDefault: () => (prevented = true) });
  return prevented;
}

describe('the kiosk lock', () => {
  it('swallows the ways out and lets the attendee type, tab and confirm', () => {
    for (const out of [
      key('F4', { alt: true }),
      key('w', { control: true }),
      key('Q', { control: true, shift: true }),
      key('q', { meta: true }),
      key('F11'),
      key('F12'),
      key('I', { control: true, shift: true }),
      key('Tab', { alt: true }),
      key('r', { control: true }),
      key('ArrowLeft', { alt: true }),
      key('p', { control: true }),
    ])
      expect(isEscapeKey(out), JSON.stringify(out)).toBe(true);
    for (const fine of [
      key('a'),
      key('A', { shift: true }),
      key('Tab'),
      key('Tab', { shift: true }),
      key('Enter'),
      key('Escape'),
      key('7'),
      key('Backspace'),
    ])
      expect(isEscapeKey(fine), JSON.stringify(fine)).toBe(false);
    expect(isEscapeKey({ ...key('F4', { alt: true }), type: 'keyUp' })).toBe(false);
  });

  it('locks the window and gives it back exactly as it was', () => {
    const window = new StandInBrowserWindow({});
    const lock = kioskLock(window as unknown as KioskWindow);
    expect(press(window, key('F4', { alt: true }))).toBe(false);
    lock.engage();
    lock.engage();
    expect(window).toMatchObject({
      kiosk: true,
      fullScreen: true,
      alwaysOnTop: true,
      closable: false,
      minimizable: false,
    });
    expect(press(window, key('F4', { alt: true }))).toBe(true);
    expect(press(window, key('w', { control: true }))).toBe(true);
    expect(press(window, key('a'))).toBe(false);
    expect(tryClose(window)).toBe(true);
    const closedBefore = window.webContents.devToolsClosed;
    window.webContents.emit('devtools-opened');
    expect(window.webContents.devToolsClosed).toBe(closedBefore + 1);
    // Engaging twice added one set of listeners.
    expect(window.webContents.listenerCount('before-input-event')).toBe(1);

    lock.release();
    expect(window).toMatchObject({
      kiosk: false,
      fullScreen: false,
      alwaysOnTop: false,
      closable: true,
      minimizable: true,
    });
    expect(press(window, key('F4', { alt: true }))).toBe(false);
    expect(tryClose(window)).toBe(false);
    expect(window.webContents.listenerCount('devtools-opened')).toBe(0);
  });
});

type Electron = typeof electronModule;
let userData = '';
let running: Electron | null = null;

beforeEach(() => {
  userData = mkdtempSync(path.join(os.tmpdir(), 'muster-kiosk-shell-'));
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

afterEach(() => {
  running?.app.emit('will-quit');
  running = null;
  rmSync(userData, { recursive: true, force: true });
});

async function boot(): Promise<Electron> {
  vi.resetModules();
  const electron = (await import('electron')) as unknown as Electron;
  electron.resetStandIn();
  electron.app.userData = userData;
  electron.app.appPath = '/opt/muster/resources/app.asar';
  running = electron;
  await import('../../../electron/main/index');
  await electron.app.ready;
  await new Promise((resolve) => setTimeout(resolve, 50));
  return electron;
}

// One window: its webContents (sender) keys its session in the main process.
const appFrame = {
  sender: {},
  senderFrame: { url: 'app://muster/', parent: null },
} as unknown as Parameters<IpcHandler>[0];

describe('the main process in kiosk mode', () => {
  it('follows committed kiosk.enter and kiosk.leave answers, and locks again after a restart', async () => {
    const electron = await boot();
    const call = electron.ipcMain.handlers.get(ipcChannel) as IpcHandler;
    await signInWindow(call, appFrame);
    const window = electron.BrowserWindow.created[0]!;
    const event = await call(appFrame, 'event.create', {
      title: 'Workshop',
      venue: '',
      city: 'Nairobi',
      country: 'KE',
      startDate: '2026-03-10',
      endDate: '2026-03-10',
      timeZone: 'Africa/Nairobi',
      languages: ['en'],
    });
    if (!event.ok) throw new Error(event.error.message);
    const sessionId = (event.value as { sessions: { id: string }[] }).sessions[0]!.id;
    // A refused enter (bad PIN) changes nothing on screen.
    expect((await call(appFrame, 'kiosk.enter', { sessionId, pin: '12' })).ok).toBe(false);
    expect(window.kiosk).toBe(false);
    expect((await call(appFrame, 'kiosk.enter', { sessionId, pin: '2468' })).ok).toBe(true);
    expect(window).toMatchObject({ kiosk: true, fullScreen: true });
    expect(tryClose(window)).toBe(true);

    // A restart (a crash, a power cut) opens the window locked again.
    electron.app.emit('will-quit');
    const again = await boot();
    const reopened = again.BrowserWindow.created[0]!;
    expect(reopened).toMatchObject({ kiosk: true, fullScreen: true });
    // Nobody signs in to a kiosk: leaving it takes its PIN alone.
    const call2 = again.ipcMain.handlers.get(ipcChannel) as IpcHandler;
    expect(await call2(appFrame, 'kiosk.leave', { pin: '0000' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(reopened.kiosk).toBe(true);
    expect((await call2(appFrame, 'kiosk.leave', { pin: '2468' })).ok).toBe(true);
    expect(reopened).toMatchObject({ kiosk: false, fullScreen: false, closable: true });
    expect(tryClose(reopened)).toBe(false);
  });
});
