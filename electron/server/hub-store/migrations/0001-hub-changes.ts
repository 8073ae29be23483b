import type { PgMigration } from './index';

/**
 * The hub's whole store: each event's change records as bundles carry them, the devices' public keys (trust on first
 * use, as a replica's device_keys), the hub's own signing identity shared by every hub process, and the request
 * signatures seen recently (replay protection across processes).
 *
 * Timestamps sort as text byte by byte (changes/clock.ts), so they use the "C" collation: a locale's collation
 * could order them differently from every SQLite replica.
 */
export const hubChanges: PgMigration = {
  version: 1,
  name: 'hub changes',
  sql: `
    CREATE TABLE hub_changes (
      event_id uuid NOT NULL,
      hlc text COLLATE "C" NOT NULL,
      device_id text COLLATE "C" NOT NULL CHECK (device_id ~ '^[0-9a-f]{16}$'),
      entity text NOT NULL,
      entity_id text NOT NULL,
      fields text NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      -- A change is named by its record and its timestamp (which ends in its device), as in every replica's log:
      -- a duplicate upload, even two hubs inserting it at once, is a no-op rather than a second copy.
      PRIMARY KEY (event_id, hlc, entity, entity_id),
      CHECK (right(hlc, 16) = device_id)
    );
    -- Each device's newest change of an event (the version vector) is the last entry per (event, device).
    CREATE INDEX hub_changes_by_device ON hub_changes (event_id, device_id, hlc);
    -- A registration new to a peer brings its person's whole history (sync/scope.ts changesSince).
    CREATE INDEX hub_changes_by_record ON hub_changes (event_id, entity, entity_id);

    CREATE TABLE hub_devices (
      device_id text COLLATE "C" PRIMARY KEY CHECK (device_id ~ '^[0-9a-f]{16}$'),
      public_key text NOT NULL,
      first_seen_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE hub_identity (
      one boolean PRIMARY KEY DEFAULT true CHECK (one),
      device_id text NOT NULL CHECK (device_id ~ '^[0-9a-f]{16}$'),
      public_key text NOT NULL,
      private_key text NOT NULL
    );

    CREATE TABLE hub_requests (
      signature text COLLATE "C" PRIMARY KEY,
      seen_at bigint NOT NULL
    );
    CREATE INDEX hub_requests_by_time ON hub_requests (seen_at);
  `,
};
