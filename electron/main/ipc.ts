import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { newSession, sessionCaller, type Session } from '../core/access/session';
import { ipcChannel, isMethod, type MethodName, type Output } from '../core/api/contract';
import { dispatch } from '../core/api/dispatch';
import type { Result } from '../core/api/errors';
import type { Context } from '../core/context';
import { isAppUrl } from './origin';

/**
 * What a caller that is not the app's own top-level page gets back: a Result like every other answer, so the channel
 * keeps its one promise and no stack crosses it. Nothing ran, nothing was saved.
 */
export const refusedSender: Result<never> = {
  ok: false,
  error: { code: 'forbidden', message: "Refused: not the app's own window." },
};

interface SenderFrame {
  url: string;
  parent: unknown;
}

/**
 * Only the top-level app://muster page may call the core. A subframe is refused even if it is ours: the app has no
 * frames, so one that appears is either a bug or someone else's content.
 */
export function isTrustedSender(frame: SenderFrame | null): boolean {
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

export type IpcHandler = (
  event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>,
  method: unknown,
  input: unknown,
) => Promise<Result<unknown>>;

/**
 * What the shell does after a method succeeded, for the few answers that need the window or the OS (kiosk mode,
 * printing). The core stays free of Electron: it records the fact, the shell acts on the committed answer.
 */
export type ShellEffects = { [M in MethodName]?: (value: Output<M>, sender: IpcMainInvokeEvent['sender']) => void };

type AnyEffect = (value: unknown, sender: IpcMainInvokeEvent['sender']) => void;

export function createIpcHandler(ctx: Context, effects: ShellEffects = {}): IpcHandler {
  // Who is signed in, per window, in the main process only: the renderer holds no token it could leak or forge.
  // A window that is gone takes its session with it.
  const sessions = new WeakMap<object, Session>();
  return async (event, method, input) => {
    const frame = event.senderFrame;
    if (!isTrustedSender(frame)) {
      console.warn(`[muster] refused a call to ${String(method)} from ${frame?.url ?? 'a frame that is gone'}`);
      return refusedSender;
    }
    let session = sessions.get(event.sender);
    if (!session) {
      session = newSession();
      sessions.set(event.sender, session);
    }
    const result = await dispatch(ctx, method, input, sessionCaller(session));
    if (result.ok && isMethod(method)) {
      const effect = effects[method] as AnyEffect | undefined;
      try {
        effect?.(result.value, event.sender);
      } catch (error) {
        // The change is committed; a window that refused to print or resize must not turn it into an error.
        console.warn(`[muster] the shell could not follow ${method}: ${String(error)}`);
      }
    }
    return result;
  };
}

/** The one IPC door: every contract method goes through this channel and nothing else is handled. */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, ctx: Context, effects: ShellEffects = {}): void {
  ipcMain.handle(ipcChannel, createIpcHandler(ctx, effects));
}

/**
 * The same one door for a shell that starts locked: registered once (Electron allows one handler per channel), it
 * answers with the locked door until the database opens, then with the core's. Answers which door is current.
 */
export function registerDoor(ipcMain: Pick<IpcMain, 'handle'>, first: IpcHandler): (next: IpcHandler) => void {
  let current = first;
  ipcMain.handle(ipcChannel, (event: IpcMainInvokeEvent, method: unknown, input: unknown) =>
    current(event, method, input),
  );
  return (next) => {
    current = next;
  };
}
