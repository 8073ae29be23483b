import type { Migration } from '../migrate';

/**
 * Who may use the staff side of this device (issue 8): named members, each an administrator (passphrase) or staff
 * (PIN), so the audit trail can say who did what. Secrets are kept only as scrypt hashes (kiosk/pin.ts). Wrong
 * secrets are counted per member in the database, so a restart does not reset the wait they earn.
 *
 * Local to the device on purpose, and not a synced entity: a member's hash must never travel in a sync bundle, and
 * every laptop names its own operators. A removed member keeps their row (with `removed_at`) so old audit entries
 * still name someone; the name is staff's own, never a participant's.
 */
export const staffMembers: Migration = {
  version: 16,
  name: 'staff-members',
  sql: `
    CREATE TABLE staff_members (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('admin', 'staff')),
      secret_hash TEXT NOT NULL,
      failed_attempts INTEGER NOT NULL DEFAULT 0,
      locked_until TEXT,
      created_at TEXT NOT NULL,
      removed_at TEXT
    ) STRICT;
    CREATE UNIQUE INDEX staff_members_name ON staff_members (name COLLATE NOCASE) WHERE removed_at IS NULL;
  `,
};
