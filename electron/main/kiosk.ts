import type { BrowserWindow, Input } from 'electron';
import type { ShellEffects } from './ipc';

/**
 * Kiosk mode in the window: the core records that this device is a kiosk (kiosk.enter / kiosk.leave, PIN-guarded);
 * the shell follows the committed answer. Full screen, above other windows, no way out by keyboard or by closing the
 * window, no DevTools, until the PIN is given on screen. What the operating system itself reserves (Ctrl+Alt+Del,
 * some window managers' Alt+Tab) no app can block: a kiosk machine's OS account should be locked down as well.
 */

/** The keys a kiosk swallows: anything that closes, reloads, navigates, prints, opens tools or leaves full screen. */
export function isEscapeKey(input: Pick<Input, 'type' | 'key' | 'alt' | 'control' | 'meta' | 'shift'>): boolean {
  if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return false;
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  const command = input.control || input.meta;
  if (key === 'F4' && input.alt) return true; // close window (Windows, many Linux desktops)
  if (key === 'F11' || key === 'F12' || key === 'F5') return true; // full screen, DevTools, reload
  if (key === 'Tab' && (input.alt || input.meta || input.control)) return true; // switch window / tab
  if (key === 'Escape' && (input.alt || command)) return true; // task switcher combinations
  if (input.alt && (key === 'ArrowLeft' || key === 'ArrowRight' || key === ' ')) return true; // back, forward, window menu
  if (input.meta && !input.control) return true; // the OS key's shortcuts (Cmd+anything on macOS, Super on Linux)
  if (command && ['w', 'q', 'r', 'n', 't', 'p', 'o', 's', 'm', 'h', 'l', 'u', 'f', 'g', 'j'].includes(key)) return true;
  if (command && input.shift && ['i', 'j', 'c', 'delete', 'Delete'].includes(key)) return true; // DevTools, clear data
  return false;
}

interface Preventable {
  preventDefault(): void;
}

/** The part of a BrowserWindow the lock uses; the unit tests pass Electron's stand-in. */
export type KioskWindow = Pick<
  BrowserWindow,
  'setKiosk' | 'setFullScreen' | 'setAlwaysOnTop' | 'setClosable' | 'setMinimizable' | 'setMenuBarVisibility' | 'focus'
> & {
  on(event: 'close', listener: (event: Preventable) => void): unknown;
  off(event: 'close', listener: (event: Preventable) => void): unknown;
  webContents: {
    on(event: 'before-input-event', listener: (event: Preventable, input: Input) => void): unknown;
    on(event: 'devtools-opened', listener: () => void): unknown;
    off(event: 'before-input-event', listener: (event: Preventable, input: Input) => void): unknown;
    off(event: 'devtools-opened', listener: () => void): unknown;
    closeDevTools(): void;
  };
};

export interface KioskLock {
  readonly engaged: boolean;
  engage(): void;
  release(): void;
}

/** Locks one window into kiosk mode and gives it back exactly as it was. Engaging twice is engaging once. */
export function kioskLock(window: KioskWindow): KioskLock {
  let engaged = false;
  const onInput = (event: Preventable, input: Input) => {
    if (isEscapeKey(input)) event.preventDefault();
  };
  const onClose = (event: Preventable) => event.preventDefault();
  const onDevTools = () => window.webContents.closeDevTools();
  return {
    get engaged() {
      return engaged;
    },
    engage() {
      if (engaged) return;
      engaged = true;
      window.webContents.on('before-input-event', onInput);
      window.webContents.on('devtools-opened', onDevTools);
      window.on('close', onClose);
      window.webContents.closeDevTools();
      window.setMenuBarVisibility(false);
      window.setClosable(false);
      window.setMinimizable(false);
      window.setKiosk(true);
      window.setFullScreen(true);
      window.setAlwaysOnTop(true, 'screen-saver');
      window.focus();
    },
    release() {
      if (!engaged) return;
      engaged = false;
      window.webContents.off('before-input-event', onInput);
      window.webContents.off('devtools-opened', onDevTools);
      window.off('close', onClose);
      window.setAlwaysOnTop(false);
      window.setKiosk(false);
      window.setFullScreen(false);
      window.setClosable(true);
      window.setMinimizable(true);
    },
  };
}

/** The shell's part of kiosk.enter and kiosk.leave: lock or release the window once the core has committed. */
export function kioskEffects(lockFor: () => KioskLock | null): ShellEffects {
  return {
    'kiosk.enter': (state) => {
      if (state.active) lockFor()?.engage();
    },
    'kiosk.leave': () => lockFor()?.release(),
  };
}
