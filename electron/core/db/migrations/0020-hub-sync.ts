import type { Migration } from '../migrate';

/**
 * Syncing with a hub, and bundles already applied (below). A kiosk's link to its event's sync hub
 * (electron/core/sync/hub-link.ts): where the hub is, the passphrase the background loop signs and seals with, and how the last rounds went, so a restart resumes the loop and the status
 * indicator can say online or offline, when the last sync was and why the last one failed.
 *
 * Local on purpose, like `device_keys`: which hub a kiosk talks to is this machine's setting, not the event's, so the
 * rows are written directly, never through the change log, and never leave the device. The passphrase is kept here
 * because the loop must run unattended after a restart; it is never returned by any method. It unlocks nothing this
 * database does not already hold in clear, and the database file itself is encrypted at rest.
 */
export const hubSync: Migration = {
  version: 20,
  name: 'hub-sync',
  sql: `
    CREATE TABLE hub_links (
      -- No reference to events: a kiosk joins the hub of an event it does not have yet, and the first round brings it.
      event_id TEXT PRIMARY KEY,
      url TEXT NOT NULL,
      passphrase TEXT NOT NULL,
      joined_at TEXT NOT NULL,
      last_attempt_at TEXT,
      last_success_at TEXT,
      last_error TEXT,
      last_error_kind TEXT,
      last_applied INTEGER NOT NULL DEFAULT 0,
      failures INTEGER NOT NULL DEFAULT 0,
      -- The newest local change number the last successful round had read before it uploaded, and the newest once
      -- it had downloaded: what came after the first is not on the hub yet, unless it came down from the hub.
      synced_seq INTEGER NOT NULL DEFAULT 0,
      pulled_seq INTEGER NOT NULL DEFAULT 0
    ) STRICT;

    -- Large bundles already applied here, by the sha-256 of their bytes: the same file imported again (a USB stick
    -- read twice) is then answered without unpacking, checking and looking up each of its changes. Local, like the
    -- links: it describes this replica's log, which never loses a change.
    CREATE TABLE applied_bundles (
      sha256 TEXT PRIMARY KEY,
      event_id TEXT NOT NULL,
      changes INTEGER NOT NULL,
      applied_at TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;
  `,
};
