// PostgreSQL for the hub's tests: the server named by MUSTER_TEST_POSTGRES (.ci/run starts one), a fresh schema per
// store so runs and tests never see each other's rows, and the schemas dropped afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, it } from 'vitest';
import { pgHubStore, type PgHubOptions } from '../../../electron/server/hub-store/postgres';
import type { HubStore } from '../../../electron/server/hub-store/store';

export const postgresUrl = process.env.MUSTER_TEST_POSTGRES;

/**
 * A describe for tests that need PostgreSQL. In CI a missing server is a failure (the tests must not pass by not
 * running); locally they are skipped, and the skipped suite's name says how to run them.
 */
export function describePostgres(name: string, body: (url: string) => void): void {
  if (postgresUrl) {
    describe(name, () => body(postgresUrl));
    return;
  }
  if (process.env.CI) {
    describe(name, () => {
      it('has a PostgreSQL server to run against', () => {
        throw new Error(
          'MUSTER_TEST_POSTGRES is not set: CI must run the hub’s PostgreSQL tests (.ci/run starts one).',
        );
      });
    });
    return;
  }
  describe.skip(`${name} (skipped: set MUSTER_TEST_POSTGRES=postgres://USER:PASSWORD@127.0.0.1/DB to run)`, () =>
    body(''));
}

const schemas: string[] = [];
afterAll(async () => {
  if (!postgresUrl || schemas.length === 0) return;
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    for (const schema of schemas.splice(0)) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
});

/** A schema name no other test or run uses; dropped when the file's tests end. */
export function freshSchema(): string {
  const schema = `muster_test_${randomBytes(6).toString('hex')}`;
  schemas.push(schema);
  return schema;
}

/** A store on a schema of its own (or on `schema`, to put several hub instances on one store). */
export function pgStore(url: string, options: Omit<PgHubOptions, 'url'> = {}): Promise<HubStore> {
  return pgHubStore({ url, schema: options.schema ?? freshSchema(), ...options });
}
