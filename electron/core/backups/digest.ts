import { createHash } from 'node:crypto';
import { auditHeadKey } from '../audit/chain';
import type { Db } from '../db/driver';

/**
 * A sha-256 of everything the database holds: every table's rows in key order (a full scan of a B-tree returns them
 * in key order whatever the pages look like, so a backup, a restore and a vacuumed copy of the same content agree).
 * Full-text index internals are left out: they are derived from the participants table, which is in. So is the
 * audit trail (the table and its head in meta): it is the device's record of what was done to this content, and it
 * goes on across backups and restores (a backup's entry is written after its copy, a restore carries the newer
 * entries over, audit/restore.ts), so a restored database still digests exactly as its backup. The trail guards
 * itself: its hash chain, and a restore that checks the backup's trail is a prefix of the live one.
 */
export function contentDigest(db: Db): string {
  const hash = createHash('sha256');
  const tables = db
    .prepare(
      `SELECT name FROM sqlite_schema
       WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT GLOB 'participant_words*'
         AND name NOT GLOB 'participant_text*' AND name != 'audit'
       ORDER BY name`,
    )
    .pluck()
    .all() as string[];
  for (const table of tables) {
    hash.update(`\u0000table ${table}\u0000`);
    const rows =
      table === 'meta'
        ? `SELECT * FROM meta WHERE key != '${auditHeadKey}'`
        : `SELECT * FROM "${table.replace(/"/g, '""')}"`;
    for (const row of db.prepare(rows).raw().iterate()) {
      hash.update(JSON.stringify(row, (_key, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value)));
      hash.update('\n');
    }
  }
  return hash.digest('hex');
}
