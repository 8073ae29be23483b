import type { Core } from '../core/context';
import { startHubLoop, type HubLoop, type HubLoopOptions } from '../core/sync/hub-loop';
import { syncWithHub } from './hub-client';

/** A hub that accepted the connection but never answers must not hold the event's rounds forever. */
const roundTimeoutMs = 120_000;

/**
 * The background sync of every event linked to a hub, for the process that owns the database (Electron's main process
 * and `muster serve`): each round is the same upload-then-download as `muster sync hub`.
 */
export function startHubSync(core: Core, options: HubLoopOptions = {}): HubLoop {
  return startHubLoop(
    core.ctx,
    async (link, stopping) => {
      const round = await syncWithHub(core, {
        url: link.url,
        eventId: link.eventId,
        passphrase: link.passphrase,
        fetch: (input, init) =>
          fetch(input, { ...init, signal: AbortSignal.any([stopping, AbortSignal.timeout(roundTimeoutMs)]) }),
      });
      return { applied: round.pulled.applied };
    },
    options,
  );
}
