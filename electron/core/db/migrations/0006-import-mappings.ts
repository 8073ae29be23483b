import type { Migration } from '../migrate';

/**
 * Column mappings remembered per event and file layout, so the second list a country sends in the same shape maps
 * itself. `layout` is the file's folded headers (imports/mapping.ts); the id is derived from event and layout, so two
 * kiosks that remember the same layout write the same record and sync merges them instead of colliding.
 * Written through the change log like every other record.
 */
export const importMappings: Migration = {
  version: 6,
  name: 'import-mappings',
  sql: `
    CREATE TABLE import_mappings (
      id TEXT PRIMARY KEY,
      event_id TEXT NOT NULL REFERENCES events (id),
      layout TEXT NOT NULL,
      mapping TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX import_mappings_by_event ON import_mappings (event_id, layout);
  `,
};
