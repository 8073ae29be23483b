import type { SecretStore } from '../core/db/keyring';
import type { PassphraseAsk } from '../core/system/store-schema';
import { createLockedDoor } from '../core/system/locked-door';
import { isTrustedSender, refusedSender, type IpcHandler } from './ipc';
import { desktopKey } from './unlock';

export interface LockedOptions {
  databaseFile: string;
  store: SecretStore | null;
  ask: PassphraseAsk;
  /** Opens the core with the unsealed key and shows the main window; called once, after the key is unsealed. */
  unlocked: (key: string) => void;
  now?: () => number;
}

/**
 * The IPC door while the desktop's database is locked: the core's locked door (system/locked-door.ts) behind the same
 * sender check as every call. A passphrase typed here unlocks exactly as MUSTER_PASSPHRASE would (desktopKey): the
 * keyring also gains this computer's real secret store, when there is one, so the next start asks nothing.
 */
export function createLockedHandler(options: LockedOptions): IpcHandler {
  const door = createLockedDoor({
    ask: options.ask,
    unseal: (passphrase) => desktopKey(options.databaseFile, options.store, { MUSTER_PASSPHRASE: passphrase }),
    unlocked: options.unlocked,
    ...(options.now ? { now: options.now } : {}),
  });
  return (event, method, input) => {
    const frame = event.senderFrame;
    if (!isTrustedSender(frame)) {
      console.warn(`[muster] refused a call to ${String(method)} from ${frame?.url ?? 'a frame that is gone'}`);
      return Promise.resolve(refusedSender);
    }
    return Promise.resolve(door(method, input));
  };
}
