import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

/**
 * A stand-in for the `electron` module: just enough surface for the shell's wiring, recording every call, so the
 * tests can check what the main process and the preload ask of Electron without an Electron binary.
 */

type Listener = (...args: unknown[]) => unknown;

export class StandInWebContents extends EventEmitter {
  windowOpenHandler: Listener | null = null;
  /** What print() was asked, and whether the stand-in printer succeeds. */
  readonly printed: unknown[] = [];
  printSucceeds = true;
  print(options: unknown, callback?: (success: boolean, reason: string) => void): void {
    this.printed.push(options);
    callback?.(this.printSucceeds, this.printSucceeds ? '' : 'Printer is offline');
  }
  setWindowOpenHandler(handler: Listener): void {
    this.windowOpenHandler = handler;
  }
  devToolsClosed = 0;
  closeDevTools(): void {
    this.devToolsClosed += 1;
  }
}

export class StandInBrowserWindow extends EventEmitter {
  static created: StandInBrowserWindow[] = [];
  readonly webContents = new StandInWebContents();
  loadedUrl: string | null = null;
  shown = false;
  destroyed = false;
  destroy(): void {
    this.destroyed = true;
  }
  /** Closing fires 'closed' at once, as Electron does for a window with no beforeunload handler. */
  close(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('closed');
  }
  constructor(readonly options: Record<string, unknown>) {
    super();
    StandInBrowserWindow.created.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show(): void {
    this.shown = true;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  focus(): void {}
  // What kiosk mode sets, as the window would report it.
  kiosk = false;
  fullScreen = false;
  alwaysOnTop = false;
  closable = true;
  minimizable = true;
  menuBarVisible = true;
  setKiosk(flag: boolean): void {
    this.kiosk = flag;
  }
  setFullScreen(flag: boolean): void {
    this.fullScreen = flag;
  }
  setAlwaysOnTop(flag: boolean): void {
    this.alwaysOnTop = flag;
  }
  setClosable(flag: boolean): void {
    this.closable = flag;
  }
  setMinimizable(flag: boolean): void {
    this.minimizable = flag;
  }
  setMenuBarVisibility(flag: boolean): void {
    this.menuBarVisible = flag;
  }
}

/**
 * safeStorage with a real seal (AES-256-GCM under this "computer's" key, which outlives a restart of the app), so a
 * key sealed here unseals here only. `backend` is what Chromium would report on Linux.
 */
const thisComputer = randomBytes(32);

export class StandInSafeStorage {
  /** The OS store's own key: the same across restarts of the app; a test sets another to play another computer. */
  machineKey = thisComputer;
  available = true;
  backend = 'gnome_libsecret';
  readonly sealed: Buffer[] = [];
  isEncryptionAvailable(): boolean {
    return this.available;
  }
  getSelectedStorageBackend(): string {
    return this.backend;
  }
  encryptString(plain: string): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.machineKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const out = Buffer.concat([iv, cipher.getAuthTag(), body]);
    this.sealed.push(out);
    return out;
  }
  decryptString(sealed: Buffer): string {
    const decipher = createDecipheriv('aes-256-gcm', this.machineKey, sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(12, 28));
    return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
  }
}

class StandInApp extends EventEmitter {
  isPackaged = false;
  userData = '';
  appPath = '';
  gotLock = true;
  ready: Promise<void> = Promise.resolve();
  readonly calls: string[] = [];
  readonly quit = vi.fn(() => this.calls.push('quit'));
  readonly exit = vi.fn((code: number) => this.calls.push(`exit ${code}`));
  readonly enableSandbox = vi.fn(() => this.calls.push('enableSandbox'));
  requestSingleInstanceLock(): boolean {
    this.calls.push('requestSingleInstanceLock');
    return this.gotLock;
  }
  whenReady(): Promise<void> {
    return this.ready;
  }
  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`the shell asked for an unexpected path: ${name}`);
    return this.userData;
  }
  getAppPath(): string {
    return this.appPath;
  }
}

export function createStandIn() {
  const app = new StandInApp();
  const handlers = new Map<string, Listener>();
  const session = {
    permissionRequest: null as Listener | null,
    permissionCheck: null as Listener | null,
    devicePermission: null as Listener | null,
    beforeRequest: null as { filter: unknown; listener: Listener } | null,
    setPermissionRequestHandler(handler: Listener) {
      this.permissionRequest = handler;
    },
    setPermissionCheckHandler(handler: Listener) {
      this.permissionCheck = handler;
    },
    setDevicePermissionHandler(handler: Listener) {
      this.devicePermission = handler;
    },
    webRequest: {
      onBeforeRequest: (filter: unknown, listener: Listener) => {
        session.beforeRequest = { filter, listener };
      },
    },
  };
  const exposed = new Map<string, unknown>();
  const privileged: unknown[] = [];
  const handled = new Map<string, Listener>();
  return {
    app,
    BrowserWindow: StandInBrowserWindow,
    ipcMain: {
      handlers,
      handle: vi.fn((channel: string, handler: Listener) => {
        if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        handlers.set(channel, handler);
      }),
    },
    protocol: {
      privileged,
      handled,
      registerSchemesAsPrivileged: vi.fn((schemes: unknown[]) => {
        app.calls.push('registerSchemesAsPrivileged');
        privileged.push(...schemes);
      }),
      handle: vi.fn((scheme: string, handler: Listener) => handled.set(scheme, handler)),
    },
    session: { defaultSession: session },
    dialog: { showErrorBox: vi.fn() },
    safeStorage: new StandInSafeStorage(),
    contextBridge: { exposed, exposeInMainWorld: vi.fn((key: string, api: unknown) => exposed.set(key, api)) },
    ipcRenderer: {
      invoke: vi.fn<(channel: string, method: string, input: unknown) => Promise<unknown>>(() =>
        Promise.resolve({ ok: true, value: 'from main' }),
      ),
    },
  };
}

export let standIn = createStandIn();

/** A fresh stand-in for the next import of a shell module (after vi.resetModules()). */
export function resetStandIn(): typeof standIn {
  standIn = createStandIn();
  StandInBrowserWindow.created = [];
  return standIn;
}

/** The module object vi.mock('electron') returns: reads the current stand-in at call time. */
export const electronModule = {
  /** Reached through the mocked module itself, so a test resets the very instance the shell code sees. */
  resetStandIn,
  get app() {
    return standIn.app;
  },
  get BrowserWindow() {
    return standIn.BrowserWindow;
  },
  get ipcMain() {
    return standIn.ipcMain;
  },
  get protocol() {
    return standIn.protocol;
  },
  get session() {
    return standIn.session;
  },
  get dialog() {
    return standIn.dialog;
  },
  get contextBridge() {
    return standIn.contextBridge;
  },
  get safeStorage() {
    return standIn.safeStorage;
  },
  get ipcRenderer() {
    return standIn.ipcRenderer;
  },
};
