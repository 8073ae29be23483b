import { describe } from 'vitest';
import { sqliteHubStore } from '../../../electron/server/hub';
import { hubCases } from '../hub-pg/cases';
import { replica } from './replicas';

// The embedded hub: a full SQLite replica, one process. The same cases run on PostgreSQL in tests/unit/hub-pg.
describe('sync hub (embedded SQLite)', () => {
  hubCases(async () => [sqliteHubStore(replica(0).core)]);
});
