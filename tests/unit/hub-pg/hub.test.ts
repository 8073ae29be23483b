import { describe } from 'vitest';
import { describePostgres, freshSchema, pgStore } from './postgres';
import { hubCases } from './cases';

describePostgres('sync hub (PostgreSQL, two instances on one database)', (url) => {
  describe('cases', () => {
    hubCases(async (now) => {
      const schema = freshSchema();
      // Started together, as two processes behind one load balancer would be: migrations must not race.
      return Promise.all([pgStore(url, { schema, now }), pgStore(url, { schema, now })]);
    });
  });
});
