import type { Migration } from '../migrate';

/**
 * Signed badges (electron/core/badges). Three records, all written through the change path so they sync and audit
 * like the rest:
 * - `badge_keys`: one Ed25519 key pair per event (id = the event id), made the first time a badge is signed. The
 *   private key is here because any desk of the event may print badges; the database is the secret to protect.
 * - `badge_issues`: a registration's current badge issue (id = the registration id). No row means issue 1; a
 *   reissue raises it, and every QR signed with a lower number is refused as revoked.
 * - `badge_prints`: one appended row per badge sent to a printer (who, which layout, which printer and device, when).
 */
export const badgeKeys: Migration = {
  version: 8,
  name: 'badge-keys',
  sql: `
    CREATE TABLE badge_keys (
      id TEXT PRIMARY KEY REFERENCES events (id),
      public_key TEXT NOT NULL,
      private_key TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE badge_issues (
      id TEXT PRIMARY KEY REFERENCES registrations (id),
      issue INTEGER NOT NULL CHECK (issue >= 1),
      updated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE badge_prints (
      id TEXT PRIMARY KEY,
      registration_id TEXT NOT NULL REFERENCES registrations (id),
      layout TEXT NOT NULL,
      printer TEXT NOT NULL,
      device_id TEXT NOT NULL,
      at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX badge_prints_by_registration ON badge_prints (registration_id, at);

    CREATE TRIGGER badge_prints_are_never_changed BEFORE UPDATE ON badge_prints
    BEGIN SELECT RAISE(ABORT, 'The print log is appended, never changed.'); END;
  `,
};
