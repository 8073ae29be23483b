import type { Migration } from '../migrate';

/**
 * Sync by bundle (electron/core/sync). `device_keys` holds this installation's Ed25519 key pair, which signs the
 * bundles it sends (the row with a private key), and the public key first seen for each peer device, so a later
 * bundle claiming that device under another key is refused (trust on first use). It is local on purpose: a device's
 * private key never leaves the device, so these rows are written directly, never through the change log.
 *
 * No index is added to `changes`: "do I already have this change?" is answered by `changes_by_record` (entity,
 * record, hlc; the hlc ends in the device id, so it names the device too) for edited records, and by the check-in's
 * own primary key for check-ins, which never reach the partial index. Every index on `changes` would cost each
 * durable check-in at the desk another page.
 */
export const sync: Migration = {
  version: 13,
  name: 'sync',
  sql: `
    CREATE TABLE device_keys (
      device_id TEXT PRIMARY KEY,
      public_key TEXT NOT NULL,
      private_key TEXT,
      first_seen_at TEXT NOT NULL
    ) STRICT;
  `,
};
