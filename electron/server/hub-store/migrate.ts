import type { Pool } from 'pg';
import { pgMigrations, type PgMigration } from './migrations/index';

/** Thrown when the database holds a migration this hub does not know: a newer hub wrote it. */
export class SchemaFromTheFuture extends Error {}

/**
 * Brings the hub's schema up to date. A transaction-scoped advisory lock (keyed by the schema, so hubs of other
 * schemas are not held up) makes hubs starting together take turns: the first applies what is missing, the others
 * then find nothing to do. Each migration and its record commit together, so a crash leaves no half-applied step.
 */
export async function migrate(
  pool: Pool,
  schema: string,
  migrations: readonly PgMigration[] = pgMigrations,
): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('muster-hub-migrations:' || $1))`, [schema]);
    // Under the lock: two hubs creating the same schema at once would otherwise race on its name.
    // Asked first, so a role without CREATE on the database can still run in a schema made for it.
    const exists = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    if (exists.rowCount === 0) await client.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const applied = (
      await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY 1')
    ).rows.map((r) => r.version);
    const known = new Set(migrations.map((m) => m.version));
    const unknown = applied.filter((v) => !known.has(v));
    if (unknown.length) {
      throw new SchemaFromTheFuture(
        `The hub database has migration ${unknown.join(', ')}, which this Muster does not know: run a newer hub.`,
      );
    }
    const done = new Set(applied);
    const ran: number[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      ran.push(migration.version);
    }
    await client.query('COMMIT');
    return ran;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
