import type { Migration } from '../migrate';

/**
 * The search text now also holds Arabic compound names both joined and spaced (عبدالله / عبد الله, text/search-text.ts):
 * both indexes are rebuilt from every person, so people registered before find themselves however they type it.
 * Contentless indexes cannot be told to re-read their text, hence emptied and filled again; an erased person's row
 * is blank, so nothing erased comes back.
 */
export const searchNameForms: Migration = {
  version: 21,
  name: 'search-name-forms',
  sql: `
    INSERT INTO participant_words (participant_words) VALUES ('delete-all');
    INSERT INTO participant_text (participant_text) VALUES ('delete-all');
    INSERT INTO participant_words (rowid, doc)
      SELECT seq, muster_search_text(given_names, family_name, badge_name, organisation, email) FROM participants;
    INSERT INTO participant_text (rowid, doc)
      SELECT seq, muster_search_text(given_names, family_name, badge_name, organisation, email) FROM participants;
    DELETE FROM search_queue;
  `,
};
