import type { Migration } from '../migrate';

/**
 * The search indexes are now filled once per transaction instead of once per row. FTS5 flushes its pending terms
 * to a new segment at every statement savepoint, and a trigger-fired insert opens one per row: an import of 100,000
 * people wrote 200,000 tiny segments and spent most of its time merging them. Triggers now only note which people
 * need (re)indexing in `search_queue` (`indexed` = whether the index already holds an older text to remove), and
 * db/transaction.ts indexes the whole queue with two set-wise statements just before every write transaction
 * commits, so a search never sees a committed person the index does not.
 */
export const searchQueue: Migration = {
  version: 9,
  name: 'search-queue',
  sql: `
    DROP TRIGGER participants_search_insert;
    DROP TRIGGER participants_search_update;
    DROP TRIGGER participants_search_delete;
    CREATE TABLE search_queue (seq INTEGER PRIMARY KEY, indexed INTEGER NOT NULL) STRICT;

    CREATE TRIGGER participants_search_insert AFTER INSERT ON participants
    BEGIN
      INSERT INTO search_queue (seq, indexed) VALUES (NEW.seq, 0) ON CONFLICT DO NOTHING;
    END;
    CREATE TRIGGER participants_search_update
    AFTER UPDATE OF given_names, family_name, badge_name, organisation, email ON participants
    BEGIN
      INSERT INTO search_queue (seq, indexed) VALUES (NEW.seq, 1) ON CONFLICT DO NOTHING;
    END;
    CREATE TRIGGER participants_search_delete AFTER DELETE ON participants
    BEGIN
      INSERT INTO search_queue (seq, indexed) VALUES (OLD.seq, 1) ON CONFLICT DO NOTHING;
    END;
  `,
};
