import { BrowserWindow, type BrowserWindowConstructorOptions, type WebPreferences } from 'electron';
import { appEntryUrl } from './origin';

/**
 * The renderer gets a browser tab's powers and no more: no Node, its own JavaScript world, Chromium's sandbox, and
 * only what the preload hands over. Spellcheck is off: Chromium would fetch its dictionaries from the network, and a
 * form full of names from 29 countries would be underlined red everywhere.
 */
export function mainWindowPreferences(preload: string, devTools: boolean): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    devTools,
  };
}

export interface MainWindowOptions {
  preload: string;
  /** Off in packaged builds: DevTools would let anyone at the kiosk read and call everything the page can. */
  devTools: boolean;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  return openAppWindow(options, { width: 1280, height: 800, minWidth: 800, minHeight: 600 });
}

/**
 * The small window that asks for the administrator passphrase before the database opens: the same page, preload and
 * preferences as the main window (the renderer shows its unlock screen while `store.lockState` says locked), so it
 * is no less sandboxed; only its size differs.
 */
export function createUnlockWindow(options: MainWindowOptions): BrowserWindow {
  return openAppWindow(options, {
    width: 520,
    height: 600,
    minWidth: 400,
    minHeight: 480,
    maximizable: false,
    fullscreenable: false,
  });
}

type WindowSize = Pick<
  BrowserWindowConstructorOptions,
  'width' | 'height' | 'minWidth' | 'minHeight' | 'maximizable' | 'fullscreenable'
>;

function openAppWindow(options: MainWindowOptions, size: WindowSize): BrowserWindow {
  const window = new BrowserWindow({
    ...size,
    title: 'Muster',
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    // Shown once painted, so a slow machine shows nothing rather than a white flash.
    show: false,
    webPreferences: mainWindowPreferences(options.preload, options.devTools),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(appEntryUrl);
  return window;
}
