import type { Migration } from '../migrate';

/**
 * The roster projection (migration 0003) is now kept in step once per transaction, like the search indexes (0009):
 * a registration's row there touches nine B-trees, and writing it from a trigger per registration made the
 * projection most of an import's cost. Triggers note which registrations changed in `roster_queue` (`projected` =
 * whether the projection already holds a row to replace), and db/transaction.ts rebuilds exactly those rows
 * set-wise just before the transaction commits. Only queries read the projection, never a write in progress.
 */
export const rosterQueue: Migration = {
  version: 11,
  name: 'roster-queue',
  sql: `
    DROP TRIGGER registrations_roster_insert;
    DROP TRIGGER registrations_roster_update;
    DROP TRIGGER registrations_roster_delete;
    DROP TRIGGER participants_roster_update;
    CREATE TABLE roster_queue (registration_id TEXT PRIMARY KEY, projected INTEGER NOT NULL) STRICT, WITHOUT ROWID;

    CREATE TRIGGER registrations_roster_insert AFTER INSERT ON registrations
    BEGIN
      INSERT OR IGNORE INTO roster_queue (registration_id, projected) VALUES (NEW.id, 0);
    END;
    CREATE TRIGGER registrations_roster_update AFTER UPDATE ON registrations
    BEGIN
      INSERT OR IGNORE INTO roster_queue (registration_id, projected) VALUES (OLD.id, 1);
      INSERT OR IGNORE INTO roster_queue (registration_id, projected) VALUES (NEW.id, 1);
    END;
    CREATE TRIGGER registrations_roster_delete AFTER DELETE ON registrations
    BEGIN
      INSERT OR IGNORE INTO roster_queue (registration_id, projected) VALUES (OLD.id, 1);
    END;
    CREATE TRIGGER participants_roster_update
    AFTER UPDATE OF given_names, family_name, gender, country, organisation ON participants
    BEGIN
      INSERT OR IGNORE INTO roster_queue (registration_id, projected)
        SELECT id, 1 FROM registrations WHERE participant_id = NEW.id;
    END;
  `,
};
