import type { Migration } from '../migrate';

/**
 * Each registration keeps the person's gender, country represented and organisation type as they were at that event,
 * so a workshop's figures stay as they were handed in when the person's details change later
 * (participants/figures.ts decides which registrations an edit reaches). Filled from each person as they are now:
 * the best record there is of the past.
 *
 * Nullable on purpose: a registration created by an older Muster arrives by sync without these fields, and NULL then
 * means "not recorded", read as the person's own value (`coalesce(r.gender, p.gender)`), which is exactly what the
 * older Muster itself shows.
 */
export const registrationFigures: Migration = {
  version: 22,
  name: 'registration-figures',
  sql: `
    ALTER TABLE registrations ADD COLUMN gender TEXT;
    ALTER TABLE registrations ADD COLUMN country TEXT;
    ALTER TABLE registrations ADD COLUMN organisation_type TEXT;
    UPDATE registrations SET gender = p.gender, country = p.country, organisation_type = p.organisation_type
      FROM participants p WHERE p.id = registrations.participant_id;
    -- The roster projection already holds these values (it read them from the person): nothing to re-project.
    DELETE FROM roster_queue;
  `,
};
