import type { Core } from '../../core/context';
import { eventState } from '../../core/sync/scope';
import { exportBundle, importBundle } from '../../core/sync/sync';
import type { HubStore } from './store';

/**
 * The embedded hub: a full SQLite replica that imports kiosks' bundles and exports what they lack, exactly as a
 * kiosk would. One process owns the file, so the replay record may live in this process's memory.
 */
export function sqliteHubStore(core: Core): HubStore {
  const known = (eventId: string) =>
    core.ctx.db.prepare('SELECT 1 FROM events WHERE id = ?').get(eventId) !== undefined;
  const seen = new Map<string, number>();
  return {
    status: async (eventId) => {
      if (!known(eventId)) return null;
      const { vector, digest } = eventState(core.ctx.db, eventId);
      return { vector, digest };
    },
    pull: async (eventId, since, passphrase) => (await exportBundle(core.ctx, { eventId, passphrase, since })).bytes,
    push: (eventId, bundle, passphrase) => importBundle(core.ctx, bundle, { passphrase, eventId, side: 'hub' }),
    firstUse: async (signature, at, windowMs) => {
      for (const [sig, when] of seen) if (at - when > windowMs) seen.delete(sig);
      if (seen.has(signature)) return false;
      seen.set(signature, at);
      return true;
    },
    ping: async () => {
      core.ctx.db.prepare('SELECT 1').get();
    },
    // The core belongs to whoever opened it (the command closes it after the server stops).
    close: async () => {},
  };
}
