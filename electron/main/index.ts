import { app, dialog, ipcMain, protocol, safeStorage, session, type BrowserWindow } from 'electron';
import { dispatch } from '../core/api/dispatch';
import { openCore, type Core } from '../core/context';
import { StoreError } from '../core/db/store-error';
import { scheduleBackups } from '../core/backups/schedule';
import { scheduleRetention } from '../core/erasure/schedule';
import { createIpcHandler, registerDoor, type IpcHandler } from './ipc';
import { kioskEffects, kioskLock, type KioskLock } from './kiosk';
import { databaseFile } from '../server/data-dir';
import { startHubSync } from '../server/hub-sync';
import type { HubLoop } from '../core/sync/hub-loop';
import { appFiles, nativeBindingFor } from './paths';
import { printBadge } from './print';
import { registerAppScheme, serveApp } from './protocol';
import { hardenSession, hardenWebContents } from './security';
import { createLockedHandler } from './locked';
import { desktopStart, osSecretStore } from './unlock';
import { createMainWindow, createUnlockWindow } from './window';

// The app's lifecycle, and nothing else: every decision lives in a module that can be tested without Electron.

let core: Core | null = null;
let stopBackups: () => void = () => undefined;
let stopRetention: () => void = () => undefined;
let hubSync: HubLoop | null = null;
let mainWindow: BrowserWindow | null = null;
let unlockWindow: BrowserWindow | null = null;
let lock: KioskLock | null = null;

// Both must happen before 'ready': the scheme table and the sandbox default are fixed when Chromium starts.
registerAppScheme(protocol);
app.enableSandbox();

// A second kiosk process on the same database would race the first for the same check-ins.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const shown = mainWindow ?? unlockWindow;
    if (!shown) return;
    if (shown.isMinimized()) shown.restore();
    shown.focus();
  });
  // Registered before any window exists, so no web contents is ever without its guards.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    stopBackups();
    stopRetention();
    // A round under way finishes or fails in its own transaction; none starts after this.
    void hubSync?.stop();
    hubSync = null;
    core?.close();
    core = null;
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => fail('Muster could not start', describe(error)));
}

function start(): void {
  const files = appFiles(app.getAppPath());
  hardenSession(session.defaultSession);
  serveApp(protocol, files.rendererRoot);
  const file = databaseFile(app.getPath('userData'));
  // safeStorage answers only after 'ready', which is when this runs.
  const store = osSecretStore(safeStorage, process.platform);
  let begin: ReturnType<typeof desktopStart>;
  try {
    begin = desktopStart(file, store, process.env);
  } catch (error) {
    cannotOpen(file, error);
    return;
  }
  if ('key' in begin) {
    const opened = openStore(file, begin.key);
    if (opened) run(opened, files.preload, null);
    return;
  }
  // The person at the desk started Muster from a menu and has no environment to set: ask in a window instead.
  const door = registerDoor(
    ipcMain,
    createLockedHandler({
      databaseFile: file,
      store,
      ask: begin.ask,
      unlocked: (key) => {
        const opened = openStore(file, key);
        if (!opened) return;
        run(opened, files.preload, door);
        // After the main window exists, or closing the last window would quit the app; after the answer, too.
        const asked = unlockWindow;
        setImmediate(() => asked?.close());
      },
    }),
  );
  unlockWindow = createUnlockWindow({ preload: files.preload, devTools: !app.isPackaged });
  unlockWindow.on('closed', () => {
    unlockWindow = null;
  });
}

/** Runs the open core: its schedules, its IPC door (the locked one's successor, if it asked) and the main window. */
function run(opened: Core, preload: string, lockedDoor: ((next: IpcHandler) => void) | null): void {
  core = opened;
  // Retention first, so the start-up backup already leaves out what it erases.
  stopRetention = scheduleRetention(opened.ctx);
  stopBackups = scheduleBackups(opened.ctx);
  // Events joined to a hub sync from here, window or not, and again after a restart.
  hubSync = startHubSync(opened);
  // The shell follows the few answers that need the OS: kiosk mode locks and frees the window, and a logged badge
  // print goes to this desk's printer.
  const handler = createIpcHandler(opened.ctx, {
    ...kioskEffects(() => lock),
    'badge.print': (value) => void printBadge(value),
  });
  if (lockedDoor) lockedDoor(handler);
  else registerDoor(ipcMain, handler);
  mainWindow = createMainWindow({ preload, devTools: !app.isPackaged });
  lock = kioskLock(mainWindow);
  mainWindow.on('closed', () => {
    mainWindow = null;
    lock = null;
  });
  // A kiosk stays a kiosk across a restart (a crash, a power cut): the window locks again before anyone can use it.
  void dispatch(opened.ctx, 'kiosk.state', {}).then((state) => {
    if (state.ok && (state.value as { active: boolean }).active) lock?.engage();
  });
}

function openStore(file: string, key: string): Core | null {
  try {
    return openCore(file, { nativeBinding: nativeBindingFor(app.isPackaged, process.env), key });
  } catch (error) {
    cannotOpen(file, error);
    return null;
  }
}

function cannotOpen(file: string, error: unknown): void {
  // A StoreError is written for the person at the desk; anything else is a bug, so say where it happened.
  const message = error instanceof StoreError ? error.message : `Opening ${file} failed: ${describe(error)}`;
  fail('Muster cannot open its database', message);
}

/** Nothing is open yet when this runs, so exiting at once loses nothing, and the status tells a script it failed. */
function fail(title: string, message: string): void {
  dialog.showErrorBox(title, message);
  app.exit(1);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
