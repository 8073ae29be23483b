import type { Migration } from '../migrate';

/**
 * Check-ins are facts (design.md, principle 6): one appended row per check-in, check-out or reversal (undo), each
 * with the caller's nonce as id. Triggers refuse UPDATE and DELETE. Nothing here is UNIQUE per person and session:
 * two offline kiosks can both check the same person in, and sync must keep both. The handler refuses a second local
 * check-in instead.
 *
 * `attendance` is a projection, one row per person and session with a live check-in, rebuilt from `checkins` by a
 * trigger on every append (whichever path appends: desk, import or sync). It makes search results, counters and the
 * roster's "checked in" filter index lookups instead of replaying the log; `active_count` > 1 flags a person kept
 * twice by two kiosks. It holds nothing that is not in `checkins`, so it needs no change records.
 */
export const checkins: Migration = {
  version: 4,
  name: 'checkins',
  sql: `
    CREATE TABLE checkins (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      registration_id TEXT NOT NULL REFERENCES registrations (id),
      session_id TEXT NOT NULL REFERENCES sessions (id),
      reverses TEXT REFERENCES checkins (id),
      method TEXT,
      device_id TEXT NOT NULL,
      at TEXT NOT NULL,
      operator TEXT
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX checkins_by_person ON checkins (session_id, registration_id, kind);
    CREATE INDEX checkins_by_reversal ON checkins (reverses) WHERE reverses IS NOT NULL;

    CREATE TRIGGER checkins_are_never_changed BEFORE UPDATE ON checkins
    BEGIN SELECT RAISE(ABORT, 'Check-ins are appended, never changed: append a reversal instead.'); END;
    CREATE TRIGGER checkins_are_never_deleted BEFORE DELETE ON checkins
    BEGIN SELECT RAISE(ABORT, 'Check-ins are appended, never deleted: append a reversal instead.'); END;

    CREATE TABLE attendance (
      session_id TEXT NOT NULL,
      registration_id TEXT NOT NULL,
      checkin_id TEXT NOT NULL,
      checked_in_at TEXT NOT NULL,
      device_id TEXT NOT NULL,
      method TEXT,
      operator TEXT,
      active_count INTEGER NOT NULL,
      checkout_id TEXT,
      checked_out_at TEXT,
      PRIMARY KEY (session_id, registration_id)
    ) STRICT, WITHOUT ROWID;

    -- A check-in (the hot path at the desk) adds to the projection in one upsert; the earliest check-in nobody
    -- reversed is "the" check-in, later ones (another kiosk's, arriving by sync) only raise the count.
    CREATE TRIGGER checkins_project_check_in AFTER INSERT ON checkins WHEN NEW.kind = 'check_in'
    BEGIN
      INSERT INTO attendance
        (session_id, registration_id, checkin_id, checked_in_at, device_id, method, operator, active_count)
      VALUES (NEW.session_id, NEW.registration_id, NEW.id, NEW.at, NEW.device_id, NEW.method, NEW.operator, 1)
      ON CONFLICT (session_id, registration_id) DO UPDATE SET
        active_count = active_count + 1,
        checkin_id = iif(excluded.checked_in_at < checked_in_at, excluded.checkin_id, checkin_id),
        device_id = iif(excluded.checked_in_at < checked_in_at, excluded.device_id, device_id),
        method = iif(excluded.checked_in_at < checked_in_at, excluded.method, method),
        operator = iif(excluded.checked_in_at < checked_in_at, excluded.operator, operator),
        checked_in_at = min(excluded.checked_in_at, checked_in_at);
    END;

    -- A check-out or a reversal rebuilds the person's row from their records for the session.
    CREATE TRIGGER checkins_project_other AFTER INSERT ON checkins WHEN NEW.kind != 'check_in'
    BEGIN
      DELETE FROM attendance WHERE session_id = NEW.session_id AND registration_id = NEW.registration_id;
      INSERT INTO attendance
        (session_id, registration_id, checkin_id, checked_in_at, device_id, method, operator, active_count)
      SELECT c.session_id, c.registration_id, c.id, c.at, c.device_id, c.method, c.operator, count(*) OVER ()
      FROM checkins c
      WHERE c.session_id = NEW.session_id AND c.registration_id = NEW.registration_id AND c.kind = 'check_in'
        AND NOT EXISTS (SELECT 1 FROM checkins u WHERE u.reverses = c.id)
      ORDER BY c.at, c.id
      LIMIT 1;
      UPDATE attendance SET (checkout_id, checked_out_at) = (
        SELECT o.id, o.at FROM checkins o
        WHERE o.session_id = NEW.session_id AND o.registration_id = NEW.registration_id AND o.kind = 'check_out'
          AND NOT EXISTS (SELECT 1 FROM checkins u WHERE u.reverses = o.id)
        ORDER BY o.at DESC, o.id DESC
        LIMIT 1)
      WHERE session_id = NEW.session_id AND registration_id = NEW.registration_id;
    END;
  `,
};
