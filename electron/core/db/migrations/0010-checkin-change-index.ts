import type { Migration } from '../migrate';

/**
 * A check-in is written once and never edited, and its own primary key (the client's nonce) already answers sync's
 * "do I have this one?". Its entry in the change log's per-record index answered nothing, yet cost the desk a
 * random index page on every durable check-in (about a fifth of the pages a check-in commits). The index now
 * covers the records that are edited, whose latest change per field sync must find; a query that wants it says
 * `entity != 'checkin'` in its WHERE, which is how SQLite knows the partial index holds every row it asks for.
 */
export const checkinChangeIndex: Migration = {
  version: 10,
  name: 'checkin-change-index',
  sql: `
    DROP INDEX changes_by_record;
    CREATE UNIQUE INDEX changes_by_record ON changes (entity, entity_id, hlc) WHERE entity != 'checkin';
  `,
};
