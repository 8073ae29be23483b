import type { Migration } from '../migrate';

/**
 * People and their registrations to events. `seq` is a local row number for the search indexes only (VACUUM may
 * renumber an implicit rowid, which would detach the index from its rows); `id` is what syncs and what callers use.
 * `sort_name` is derived (folded family then given names) by SQLite itself, so it never needs a change record and
 * is right whichever path wrote the names: it orders the roster and finds duplicates.
 * No CHECK on the closed lists: the contract enforces them, and a newer kiosk's value arriving by sync must not
 * abort the whole batch.
 *
 * `roster` is a projection, one narrow row per registration with the fields the participants list filters and
 * sorts on, with an index per sort (entries end in the row's local number, so they stay short), so a page of a
 * 100,000-person roster reads a hundred index entries instead of joining and sorting them all. Triggers keep it in step inside the writing
 * transaction, whichever path wrote (desk, import, sync); it holds nothing that is not in the two tables above,
 * so it needs no change records and could be rebuilt from them.
 */
export const participants: Migration = {
  version: 3,
  name: 'participants',
  sql: `
    CREATE TABLE participants (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      honorific TEXT NOT NULL DEFAULT '',
      given_names TEXT NOT NULL DEFAULT '',
      family_name TEXT NOT NULL,
      badge_name TEXT NOT NULL DEFAULT '',
      gender TEXT NOT NULL,
      country TEXT NOT NULL,
      nationality TEXT,
      organisation TEXT NOT NULL,
      organisation_type TEXT NOT NULL,
      job_title TEXT NOT NULL DEFAULT '',
      email TEXT,
      phone TEXT,
      preferred_language TEXT,
      accessibility TEXT NOT NULL DEFAULT '',
      dietary TEXT NOT NULL DEFAULT '',
      consent_at TEXT,
      consent_notice TEXT,
      photo_consent INTEGER NOT NULL DEFAULT 0,
      notes TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      sort_name TEXT GENERATED ALWAYS AS (muster_fold(family_name || ' ' || given_names)) STORED
    ) STRICT;
    CREATE INDEX participants_by_name ON participants (sort_name, country);
    CREATE INDEX participants_by_email ON participants (email) WHERE email IS NOT NULL;

    CREATE TABLE registrations (
      id TEXT PRIMARY KEY,
      event_id TEXT NOT NULL REFERENCES events (id),
      participant_id TEXT NOT NULL REFERENCES participants (id),
      category TEXT NOT NULL,
      status TEXT NOT NULL,
      code TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX registrations_by_code ON registrations (event_id, code);
    CREATE UNIQUE INDEX registrations_by_participant ON registrations (participant_id, event_id);
    CREATE INDEX registrations_by_event ON registrations (event_id, status, category);

    CREATE TABLE roster (
      seq INTEGER PRIMARY KEY,
      registration_id TEXT NOT NULL UNIQUE,
      event_id TEXT NOT NULL,
      sort_name TEXT NOT NULL,
      participant_seq INTEGER NOT NULL,
      gender TEXT NOT NULL,
      country TEXT NOT NULL,
      organisation TEXT NOT NULL COLLATE NOCASE,
      status TEXT NOT NULL,
      category TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX roster_by_name ON roster (event_id, sort_name);
    CREATE INDEX roster_by_country ON roster (event_id, country, sort_name);
    CREATE INDEX roster_by_organisation ON roster (event_id, organisation, sort_name);
    CREATE INDEX roster_by_category ON roster (event_id, category, sort_name);
    CREATE INDEX roster_by_status ON roster (event_id, status, sort_name);
    CREATE INDEX roster_by_registered ON roster (event_id, created_at);
    CREATE INDEX roster_by_gender ON roster (event_id, gender, status);

    CREATE TRIGGER registrations_roster_insert AFTER INSERT ON registrations
    BEGIN
      INSERT INTO roster
        (event_id, sort_name, registration_id, participant_seq, gender, country, organisation, status, category, created_at)
      SELECT NEW.event_id, p.sort_name, NEW.id, p.seq, p.gender, p.country, p.organisation, NEW.status, NEW.category,
             NEW.created_at
      FROM participants p WHERE p.id = NEW.participant_id;
    END;
    CREATE TRIGGER registrations_roster_update AFTER UPDATE ON registrations
    BEGIN
      DELETE FROM roster WHERE registration_id = OLD.id;
      INSERT INTO roster
        (event_id, sort_name, registration_id, participant_seq, gender, country, organisation, status, category, created_at)
      SELECT NEW.event_id, p.sort_name, NEW.id, p.seq, p.gender, p.country, p.organisation, NEW.status, NEW.category,
             NEW.created_at
      FROM participants p WHERE p.id = NEW.participant_id;
    END;
    CREATE TRIGGER registrations_roster_delete AFTER DELETE ON registrations
    BEGIN
      DELETE FROM roster WHERE registration_id = OLD.id;
    END;
    CREATE TRIGGER participants_roster_update
    AFTER UPDATE OF given_names, family_name, gender, country, organisation ON participants
    BEGIN
      UPDATE roster SET sort_name = NEW.sort_name, gender = NEW.gender, country = NEW.country,
                        organisation = NEW.organisation
      WHERE registration_id IN (SELECT id FROM registrations WHERE participant_id = NEW.id);
    END;
  `,
};
