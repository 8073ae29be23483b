import type { Migration } from '../migrate';

/**
 * The audit trail (issue 8): one row per action taken on this device, hash-chained (each row's hash covers the
 * previous row's), so a changed or removed row breaks the chain where it happened. Rows hold ids and counts, never
 * names or emails. The triggers refuse updates and deletes through the app's own connection; someone with the file
 * and a SQLite shell can still edit it, which is what the chain is for (audit.verify).
 */
export const audit: Migration = {
  version: 17,
  name: 'audit',
  sql: `
    CREATE TABLE audit (
      seq INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      device TEXT NOT NULL,
      actor TEXT NOT NULL,
      role TEXT NOT NULL,
      action TEXT NOT NULL,
      ids TEXT NOT NULL,
      counts TEXT NOT NULL,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL
    ) STRICT;
    CREATE INDEX audit_by_actor ON audit (actor, seq);
    CREATE INDEX audit_by_action ON audit (action, seq);
    CREATE TRIGGER audit_never_changed BEFORE UPDATE ON audit
      BEGIN SELECT RAISE(ABORT, 'audit entries are never changed'); END;
    CREATE TRIGGER audit_never_removed BEFORE DELETE ON audit
      BEGIN SELECT RAISE(ABORT, 'audit entries are never removed'); END;
  `,
};
