import type { Migration } from '../migrate';

/** What each search index may hold in memory before writing it out as a segment (FTS5's default is 1 MB). */
export const searchFlushBytes = 32 * 1024 * 1024;

/**
 * An import indexes all its people in one statement (0009). FTS5 writes its pending terms to a new segment whenever
 * they pass its hash size, and then merges those segments: at the default 1 MB a 100,000-person import wrote and
 * merged a few hundred segments. At 32 MB it writes a handful, and indexing takes a fifth less time. Desk writes
 * hold a few hundred bytes, so the memory is only ever taken by bulk writes. FTS5 keeps the setting in the store.
 */
export const searchFlushSize: Migration = {
  version: 23,
  name: 'search-flush-size',
  sql: `
    INSERT INTO participant_words (participant_words, rank) VALUES ('hashsize', ${searchFlushBytes});
    INSERT INTO participant_text (participant_text, rank) VALUES ('hashsize', ${searchFlushBytes});
  `,
};
