import { createHash } from 'node:crypto';
import type { Db } from '../db/driver';

/**
 * A sha-256 of everything the database holds: every table's rows in key order (a full scan of a B-tree returns them
 * in key order whatever the pages look like, so a backup, a restore and a vacuumed copy of the same content agree).
 * Full-text index internals are left out: they are derived from the participants table, which is in.
 */
export function contentDigest(db: Db): string {
  const hash = createHash('sha256');
  const tables = db
    .prepare(
      `SELECT name FROM sqlite_schema
       WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT GLOB 'participant_words*'
         AND name NOT GLOB 'participant_text*'
       ORDER BY name`,
    )
    .pluck()
    .all() as string[];
  for (const table of tables) {
    hash.update(`\u0000table ${table}\u0000`);
    for (const row of db
      .prepare(`SELECT * FROM "${table.replace(/"/g, '""')}"`)
      .raw()
      .iterate()) {
      hash.update(JSON.stringify(row, (_key, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value)));
      hash.update('\n');
    }
  }
  return hash.digest('hex');
}
