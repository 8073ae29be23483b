import type { PgMigration } from './index';

/**
 * What every replica's UNIQUE indexes on registrations need to know (db/migrations/0003-participants.ts: one check-in
 * code per event, one registration per person and event): each registration's current code and person, as the merge
 * rules make them, which is each field's value in its newest change (last writer wins per field), with that change's
 * timestamp so a later push can tell whether its value is newer. Pushes keep it in step in their transaction
 * (registrations.ts), and PostgreSQL's own unique constraints refuse the clash, so two hubs accepting clashing pushes
 * at once cannot both commit: the second waits for the first and then fails.
 *
 * DEFERRABLE INITIALLY IMMEDIATE: checked at the end of each statement rather than row by row, so one push that moves
 * a code from one registration to another (a swap, a badge reissued and its old code given out) is judged on where
 * it ends, not on the order rows happen to be written in.
 *
 * Backfilled from the changes already held. A hub that took clashing pushes before this migration holds both sides;
 * the earliest claim keeps the value here and the later one is kept with no value (and its timestamp), so the hub
 * starts and refuses new clashes, and a later change to either registration (staff giving one a new code) takes
 * effect as usual. Kiosks already refusing that event's pulls stay so until staff resolve it, as before.
 */
export const hubRegistrations: PgMigration = {
  version: 2,
  name: 'hub registrations',
  sql: `
    CREATE TABLE hub_registrations (
      event_id uuid NOT NULL,
      registration_id text NOT NULL,
      code text,
      code_hlc text COLLATE "C",
      participant_id text,
      participant_hlc text COLLATE "C",
      PRIMARY KEY (event_id, registration_id),
      CONSTRAINT hub_registrations_code UNIQUE (event_id, code) DEFERRABLE INITIALLY IMMEDIATE,
      CONSTRAINT hub_registrations_participant UNIQUE (event_id, participant_id) DEFERRABLE INITIALLY IMMEDIATE
    );

    WITH newest AS (
      SELECT event_id, entity_id AS registration_id,
        (array_agg(fields::jsonb ->> 'code' ORDER BY hlc DESC) FILTER (WHERE fields::jsonb ? 'code'))[1] AS code,
        max(hlc) FILTER (WHERE fields::jsonb ? 'code') AS code_hlc,
        (array_agg(fields::jsonb ->> 'participant_id' ORDER BY hlc DESC)
          FILTER (WHERE fields::jsonb ? 'participant_id'))[1] AS participant_id,
        max(hlc) FILTER (WHERE fields::jsonb ? 'participant_id') AS participant_hlc
      FROM hub_changes WHERE entity = 'registration'
      GROUP BY event_id, entity_id
    ),
    ranked AS (
      SELECT *,
        row_number() OVER (PARTITION BY event_id, code ORDER BY code_hlc, registration_id) AS code_rank,
        row_number() OVER (PARTITION BY event_id, participant_id ORDER BY participant_hlc, registration_id)
          AS participant_rank
      FROM newest
    )
    INSERT INTO hub_registrations (event_id, registration_id, code, code_hlc, participant_id, participant_hlc)
    SELECT event_id, registration_id,
      CASE WHEN code_rank = 1 THEN code END, code_hlc,
      CASE WHEN participant_rank = 1 THEN participant_id END, participant_hlc
    FROM ranked;
  `,
};
