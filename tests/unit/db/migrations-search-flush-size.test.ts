import { describe, expect, it } from 'vitest';
import { openCore } from '../../../electron/core/context';
import type { Db } from '../../../electron/core/db/driver';
import { searchFlushBytes } from '../../../electron/core/db/migrations/0023-search-flush-size';
import { nairobi, ok, tempCore } from '../helpers';

const flushSizes = (db: Db) =>
  ['participant_words', 'participant_text'].map((index) =>
    db.prepare(`SELECT v FROM ${index}_config WHERE k = 'hashsize'`).pluck().get(),
  );

describe('0023 search flush size', () => {
  it('lets both search indexes of a version-22 store hold 32 MB before writing a segment, and they still find people', async () => {
    const core = tempCore();
    const event = await ok(core, 'event.create', nairobi);
    await ok(core, 'participant.create', {
      eventId: event.id,
      givenNames: 'Amina',
      familyName: 'Otieno',
      gender: 'female',
      country: 'KE',
      organisation: 'National Police Service',
      organisationType: 'law_enforcement',
      category: 'partner_state_delegate',
    });
    const db = core.ctx.db;
    expect(flushSizes(db)).toEqual([searchFlushBytes, searchFlushBytes]);
    // Back to version 22: FTS5's own default (its shadow tables cannot be written to directly).
    const fts5Default = 1024 * 1024;
    for (const index of ['participant_words', 'participant_text'])
      db.exec(`INSERT INTO ${index} (${index}, rank) VALUES ('hashsize', ${fts5Default})`);
    db.prepare('DELETE FROM schema_migrations WHERE version >= 23').run();
    db.pragma('user_version = 22');
    expect(flushSizes(db)).toEqual([fts5Default, fts5Default]);
    core.close();

    const migrated = openCore(core.file);
    try {
      expect(flushSizes(migrated.ctx.db)).toEqual([searchFlushBytes, searchFlushBytes]);
      const found = await ok(migrated, 'roster.search', { eventId: event.id, query: 'tien', limit: 5 });
      expect(found.map((hit) => hit.familyName)).toEqual(['Otieno']);
    } finally {
      migrated.close();
    }
  });
});
