import { describe, expect, it, vi } from 'vitest';
import { createMainWindow, mainWindowPreferences } from '../../../electron/main/window';
import { StandInBrowserWindow } from './electron-stand-in';

vi.mock('electron', async () => (await import('./electron-stand-in')).electronModule);

describe('the main window', () => {
  it('runs the page isolated, sandboxed and without Node', () => {
    StandInBrowserWindow.created = [];
    createMainWindow({ preload: '/app/dist/electron/preload.cjs', devTools: false });
    const [window] = StandInBrowserWindow.created;
    expect(window?.options.webPreferences).toEqual({
      preload: '/app/dist/electron/preload.cjs',
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
      devTools: false,
    });
  });

  it('loads the app origin and shows itself once painted', () => {
    StandInBrowserWindow.created = [];
    createMainWindow({ preload: '/p.cjs', devTools: true });
    const [window] = StandInBrowserWindow.created;
    expect(window?.loadedUrl).toBe('app://muster/');
    expect(window?.options.show).toBe(false);
    expect(window?.shown).toBe(false);
    window?.emit('ready-to-show');
    expect(window?.shown).toBe(true);
  });

  it('keeps DevTools for development only', () => {
    expect(mainWindowPreferences('/p.cjs', true).devTools).toBe(true);
    expect(mainWindowPreferences('/p.cjs', false).devTools).toBe(false);
  });
});
