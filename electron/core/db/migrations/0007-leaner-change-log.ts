import type { Migration } from '../migrate';

/**
 * Every write appends to the change log, so its indexes are paid on every durable commit — the desk's check-in
 * above all. Two B-trees instead of four: the table in local arrival order (`seq`, which "what changed here since"
 * needs, whatever the clocks say) and one unique index by record and clock timestamp, which serves both questions
 * sync asks (a record's latest change per field, and "do I already have this change?"). The index by device and the
 * separate unique index on the timestamp go: the clock seeds itself from this device's latest change, found by
 * walking back from the newest.
 */
export const leanerChangeLog: Migration = {
  version: 7,
  name: 'leaner-change-log',
  sql: `
    CREATE TABLE changes_lean (
      seq INTEGER PRIMARY KEY,
      hlc TEXT NOT NULL,
      device_id TEXT NOT NULL,
      entity TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      fields TEXT NOT NULL
    ) STRICT;
    INSERT INTO changes_lean (seq, hlc, device_id, entity, entity_id, fields)
      SELECT seq, hlc, device_id, entity, entity_id, fields FROM changes;
    DROP TABLE changes;
    ALTER TABLE changes_lean RENAME TO changes;
    CREATE UNIQUE INDEX changes_by_record ON changes (entity, entity_id, hlc);
  `,
};
