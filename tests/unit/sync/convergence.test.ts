import { describe, it } from 'vitest';
import { openCore } from '../../../electron/core/context';
import { sqliteHubStore } from '../../../electron/server/hub';
import { tempDir } from '../helpers';
import { checkConvergence } from './convergence-play';
import { content } from './replicas';

/**
 * Seeded runs: 200 in CI (.ci/run sets CI), 50 locally, or MUSTER_SYNC_RUNS. A failure prints its seed and path;
 * pass them to fc.assert ({ seed, path }) to replay it.
 */
const runs = Number(process.env.MUSTER_SYNC_RUNS ?? (process.env.CI ? 200 : 50));

describe('sync convergence', () => {
  it(`brings 3 replicas and a hub to the same state whatever they do and however changes travel (${runs} runs)`, async () => {
    await checkConvergence(runs, async (now) => {
      const hub = openCore(`${tempDir()}/muster.sqlite`, { wallClock: now });
      return {
        stores: [sqliteHubStore(hub)],
        content: (eventId) => content(hub, eventId),
        done: () => hub.close(),
      };
    });
  }, 600_000);
});
