import type { Migration } from '../migrate';

/**
 * Programmes group events (issue 7), and people matched across a programme's events are counted once.
 *
 * `programme_events` is keyed by the event: an event belongs to at most one programme, and assigning or unassigning
 * it is one field of one row (`programme_id`, null once unassigned), so two desks that move the same event resolve
 * like any other field by sync's last writer, instead of leaving two contradicting membership rows.
 *
 * `person_matches` is keyed by the pair of participant ids in sorted order ("a|b"), so staff on two laptops deciding
 * about the same pair write the same row; `decision` is pending, confirmed (merged: counted once) or rejected.
 * Undoing a merge writes pending again: the pair stays on the list for someone to decide.
 *
 * No foreign keys on purpose: sync may deliver a programme's membership before the event it names, and a batch must
 * not abort over that; the reports join on what is there.
 */
export const programmes: Migration = {
  version: 15,
  name: 'programmes',
  sql: `
    CREATE TABLE programmes (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE programme_events (
      id TEXT PRIMARY KEY,
      programme_id TEXT,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX programme_events_by_programme ON programme_events (programme_id) WHERE programme_id IS NOT NULL;

    CREATE TABLE person_matches (
      id TEXT PRIMARY KEY,
      participant_a TEXT NOT NULL,
      participant_b TEXT NOT NULL,
      decision TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX person_matches_by_a ON person_matches (participant_a);
    CREATE INDEX person_matches_by_b ON person_matches (participant_b);
  `,
};
