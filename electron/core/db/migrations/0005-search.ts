import type { Migration } from '../migrate';

const doc = 'muster_search_text(NEW.given_names, NEW.family_name, NEW.badge_name, NEW.organisation, NEW.email)';

/**
 * Two full-text indexes over each person's folded names, organisation and email (see text/search-text.ts):
 * `participant_words` (unicode61, with prefix indexes so one to three typed letters read one list) for whole words
 * and word prefixes, and `participant_text` (trigram) for substrings of three characters or more.
 * Both are contentless (the text is in `participants`), keyed by participants.seq, and kept in step by triggers in
 * the same transaction as the write. Triggers rather than calls in the store module: every path that writes
 * participants (the desk, imports, sync applying a peer's changes) keeps the index right without knowing it exists.
 */
export const search: Migration = {
  version: 5,
  name: 'search',
  sql: `
    CREATE VIRTUAL TABLE participant_words USING fts5 (
      doc, content = '', contentless_delete = 1, prefix = '1 2 3',
      tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'"
    );
    CREATE VIRTUAL TABLE participant_text USING fts5 (
      doc, content = '', contentless_delete = 1, tokenize = 'trigram'
    );

    CREATE TRIGGER participants_search_insert AFTER INSERT ON participants
    BEGIN
      INSERT INTO participant_words (rowid, doc) VALUES (NEW.seq, ${doc});
      INSERT INTO participant_text (rowid, doc) VALUES (NEW.seq, ${doc});
    END;
    CREATE TRIGGER participants_search_update
    AFTER UPDATE OF given_names, family_name, badge_name, organisation, email ON participants
    BEGIN
      DELETE FROM participant_words WHERE rowid = OLD.seq;
      DELETE FROM participant_text WHERE rowid = OLD.seq;
      INSERT INTO participant_words (rowid, doc) VALUES (NEW.seq, ${doc});
      INSERT INTO participant_text (rowid, doc) VALUES (NEW.seq, ${doc});
    END;
    CREATE TRIGGER participants_search_delete AFTER DELETE ON participants
    BEGIN
      DELETE FROM participant_words WHERE rowid = OLD.seq;
      DELETE FROM participant_text WHERE rowid = OLD.seq;
    END;
  `,
};
