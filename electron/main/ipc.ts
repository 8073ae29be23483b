import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { ipcChannel } from '../core/api/contract';
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
  event: Pick<IpcMainInvokeEvent, 'senderFrame'>,
  method: unknown,
  input: unknown,
) => Promise<Result<unknown>>;

export function createIpcHandler(ctx: Context): IpcHandler {
  return async (event, method, input) => {
    const frame = event.senderFrame;
    if (!isTrustedSender(frame)) {
      console.warn(`[muster] refused a call to ${String(method)} from ${frame?.url ?? 'a frame that is gone'}`);
      return refusedSender;
    }
    return dispatch(ctx, method, input);
  };
}

/** The one IPC door: every contract method goes through this channel and nothing else is handled. */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, ctx: Context): void {
  ipcMain.handle(ipcChannel, createIpcHandler(ctx));
}
