import { it } from 'vitest';
import { checkConvergence } from '../sync/convergence-play';
import { describePostgres, freshSchema, pgStore } from './postgres';

/**
 * Seeded runs: 50 in CI and locally (each run starts two hub instances on PostgreSQL, so it costs more than the
 * SQLite hub's runs), or MUSTER_SYNC_RUNS_PG.
 */
const runs = Number(process.env.MUSTER_SYNC_RUNS_PG ?? 50);

describePostgres('sync convergence through two PostgreSQL hub instances', (url) => {
  it(`brings 3 replicas and two hub instances on one database to the same state (${runs} runs)`, async () => {
    // One schema for the whole property: each run makes its own event, and every run's hubs start on it afresh.
    const schema = freshSchema();
    await checkConvergence(runs, async (now) => ({
      stores: await Promise.all([
        pgStore(url, { schema, now, poolSize: 4 }),
        pgStore(url, { schema, now, poolSize: 4 }),
      ]),
    }));
  }, 600_000);
});
