import { describe, expect, it } from 'vitest';
import { openCore } from '../../../electron/core/context';
import { fold } from '../../../electron/core/text/fold';
import { nairobi, ok, tempCore } from '../helpers';
import { undoRegistrationFigures } from './before-0022';

describe('0021 search name forms', () => {
  it('re-indexes people registered before, so an Arabic compound name is found joined or spaced', async () => {
    const core = tempCore();
    const event = await ok(core, 'event.create', nairobi);
    const person = {
      eventId: event.id,
      gender: 'male',
      country: 'JO',
      organisation: 'Public Security Directorate',
      organisationType: 'law_enforcement',
      category: 'partner_state_delegate',
    } as const;
    await ok(core, 'participant.create', { ...person, givenNames: 'عبد الله', familyName: 'الهاشمي' });
    await ok(core, 'participant.create', { ...person, givenNames: 'عبدالرحمن', familyName: 'الخطيب' });
    // Put the database back as version 20 left it: each person indexed by the name as written only.
    const db = core.ctx.db;
    const rows = db.prepare('SELECT seq, given_names, family_name FROM participants').all() as {
      seq: number;
      given_names: string;
      family_name: string;
    }[];
    for (const index of ['participant_words', 'participant_text']) {
      db.prepare(`INSERT INTO ${index} (${index}) VALUES ('delete-all')`).run();
      for (const row of rows) {
        const old = `${fold(`${row.given_names} ${row.family_name}`)}\n${fold(person.organisation)}`;
        db.prepare(`INSERT INTO ${index} (rowid, doc) VALUES (?, ?)`).run(row.seq, old);
      }
    }
    undoRegistrationFigures(db);
    db.prepare('DELETE FROM schema_migrations WHERE version = 21').run();
    const names = async (c: typeof core, query: string) =>
      (await ok(c, 'roster.search', { eventId: event.id, query, limit: 20 })).map((h) => h.familyName);
    expect(await names(core, 'عبدالله')).toEqual([]);
    core.close();

    const migrated = openCore(core.file);
    try {
      expect(await names(migrated, 'عبدالله')).toEqual(['الهاشمي']);
      expect(await names(migrated, 'عبد الله')).toEqual(['الهاشمي']);
      expect(await names(migrated, 'عبد الرحمن')).toEqual(['الخطيب']);
      expect(await names(migrated, 'عبدالرحمن')).toEqual(['الخطيب']);
      expect(await names(migrated, 'public security')).toHaveLength(2);
    } finally {
      migrated.close();
    }
  });
});
