import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../../electron/core/context';
import type { Db } from '../../../electron/core/db/driver';
import { nairobi, ok, tempCore } from '../helpers';

const oldTrigger = `
  DROP TRIGGER feedback_responses_are_never_changed;
  CREATE TRIGGER feedback_responses_are_never_changed BEFORE UPDATE ON feedback_responses
  BEGIN SELECT RAISE(ABORT, 'Feedback responses are appended, never changed.'); END;`;

const setAnswers = (db: Db, id: string) =>
  db.prepare("UPDATE feedback_responses SET answers = '{}' WHERE id = ?").run(id);

describe('0024 erased feedback', () => {
  it('lets a version-23 store blank only the answers of an erased respondent, and nothing else of any response', async () => {
    const core = tempCore();
    const event = await ok(core, 'event.create', nairobi);
    const person = (familyName: string) =>
      ok(core, 'participant.create', {
        eventId: event.id,
        familyName,
        gender: 'female',
        country: 'KE',
        organisation: 'National Police Service',
        organisationType: 'law_enforcement',
        category: 'partner_state_delegate',
      });
    const kept = await person('Otieno');
    const erased = await person('Kamau');
    await ok(core, 'feedback.addQuestion', {
      eventId: event.id,
      kind: 'text',
      prompt: { en: 'Comments?', fr: 'Avis ?' },
    });
    const form = await ok(core, 'feedback.settings', { eventId: event.id, open: true, anonymous: false });
    const respond = async (registrationId: string) => {
      const id = randomUUID();
      await ok(core, 'feedback.submit', {
        id,
        eventId: event.id,
        registrationId,
        language: 'en',
        answers: { [form.questions[0]!.id]: 'More on cargo screening' },
      });
      return id;
    };
    const keptResponse = await respond(kept.registration.id);
    const erasedResponse = await respond(erased.registration.id);
    core.ctx.db.prepare('UPDATE participants SET erased_at = ? WHERE id = ?').run('2023-09-20', erased.participant.id);
    // Back to version 23, where no response could change at all.
    core.ctx.db.exec(oldTrigger);
    core.ctx.db.prepare('DELETE FROM schema_migrations WHERE version = 24').run();
    core.ctx.db.pragma('user_version = 23');
    expect(() => setAnswers(core.ctx.db, erasedResponse)).toThrow(/never changed/);
    core.close();

    const migrated = openCore(core.file);
    try {
      const db = migrated.ctx.db;
      setAnswers(db, erasedResponse);
      expect(db.prepare('SELECT answers FROM feedback_responses WHERE id = ?').pluck().get(erasedResponse)).toBe('{}');
      expect(() => setAnswers(db, keptResponse)).toThrow(/never changed/);
      expect(() =>
        db.prepare("UPDATE feedback_responses SET language = 'fr' WHERE id = ?").run(erasedResponse),
      ).toThrow(/never changed/);
      expect(() => db.prepare('DELETE FROM feedback_responses WHERE id = ?').run(erasedResponse)).toThrow(
        /never deleted/,
      );
    } finally {
      migrated.close();
    }
  });
});
