import type { Migration } from '../migrate';

/**
 * The self-service kiosk (issue 5).
 *
 * Events gain three settings: whether the kiosk asks for a signature, and the data-protection notice it shows (text
 * and version) to people who have not consented yet. Existing events keep working as before: no signature, no notice.
 *
 * `signatures` holds the PNG drawn at a check-in, one per check-in record, appended like the check-in itself (the
 * sign-in sheet reads it back). Base64 text rather than a BLOB: the change log stores every written field as JSON,
 * and sync will carry the signature in that record.
 *
 * `kiosks` is one row per device: which session it serves, the staff PIN's scrypt hash, its idle timeout, and the
 * failed PIN attempts. The attempts live in the database, not in memory, so restarting the app does not reset the
 * rate limit; and every enter, leave and failed attempt is a change record, which is the kiosk's audit trail.
 */
export const kiosk: Migration = {
  version: 12,
  name: 'kiosk',
  sql: `
    ALTER TABLE events ADD COLUMN signature_required INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE events ADD COLUMN privacy_notice TEXT NOT NULL DEFAULT '';
    ALTER TABLE events ADD COLUMN privacy_notice_version TEXT NOT NULL DEFAULT '';

    CREATE TABLE signatures (
      id TEXT PRIMARY KEY REFERENCES checkins (id),
      png TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;
    CREATE TRIGGER signatures_are_never_changed BEFORE UPDATE ON signatures
    BEGIN SELECT RAISE(ABORT, 'A signature belongs to its check-in and is never changed.'); END;

    CREATE TABLE kiosks (
      id TEXT PRIMARY KEY,
      event_id TEXT REFERENCES events (id),
      session_id TEXT REFERENCES sessions (id),
      pin_hash TEXT,
      idle_seconds INTEGER,
      started_at TEXT,
      ended_at TEXT,
      failed_attempts INTEGER NOT NULL DEFAULT 0,
      locked_until TEXT,
      badge_printer TEXT,
      badge_layout TEXT
    ) STRICT, WITHOUT ROWID;
  `,
};
