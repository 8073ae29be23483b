import type { Migration } from '../migrate';

/**
 * Retention and erasure (issue 8, item 4).
 *
 * `participants.erased_at` marks a person whose personal fields were erased (on request, or because the retention of
 * every event they were registered for passed). It syncs like any other field, and once set it is final: sync
 * blanks the personal fields of every later-arriving change to that person (erasure/scrub.ts), so an old bundle
 * cannot bring a name back.
 *
 * `events.retention_days` is how many days after the event's end its people's personal data is kept; NULL keeps it
 * until someone erases it by hand. Existing events get NULL: an upgrade must never erase data nobody decided to
 * erase. New events get a default (events/handlers.ts).
 *
 * Signatures stay append-only, except that erasure may blank one: the row (and its id) must remain, so a bundle
 * carrying the drawn PNG again finds the id present and is skipped as a duplicate.
 */
export const retention: Migration = {
  // Reserved as 0019 on main; the version is this branch's next number until the lead renumbers at merge.
  version: 19,
  name: 'retention',
  sql: `
    ALTER TABLE participants ADD COLUMN erased_at TEXT;
    ALTER TABLE events ADD COLUMN retention_days INTEGER;

    DROP TRIGGER signatures_are_never_changed;
    CREATE TRIGGER signatures_are_never_changed BEFORE UPDATE ON signatures WHEN NEW.png != ''
    BEGIN SELECT RAISE(ABORT, 'A signature belongs to its check-in and is never changed.'); END;
  `,
};
