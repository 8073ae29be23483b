import type { Migration } from '../migrate';

/** The installation's identity and the change log every write appends to (design.md, principle 5). */
export const store: Migration = {
  version: 1,
  name: 'store',
  sql: `
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
    CREATE TABLE changes (
      seq INTEGER PRIMARY KEY,
      hlc TEXT NOT NULL UNIQUE,
      device_id TEXT NOT NULL,
      entity TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      fields TEXT NOT NULL
    ) STRICT;
    CREATE INDEX changes_by_entity ON changes (entity, entity_id);
    CREATE INDEX changes_by_device ON changes (device_id, hlc);
  `,
};
