import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../../electron/core/context';
import type { Db } from '../../../electron/core/db/driver';
import { nairobi, ok, tempCore } from '../helpers';
import { namedForm } from '../feedback/forms';

const oldTrigger = `
  DROP TRIGGER feedback_responses_are_never_changed;
  CREATE TRIGGER feedback_responses_are_never_changed BEFORE UPDATE ON feedback_responses
  BEGIN SELECT RAISE(ABORT, 'Feedback responses are appended, never changed.'); END;`;

const setAnswers = (db: Db, id: string) =>
  db.prepare("UPDATE feedback_responses SET answers = '{}' WHERE id = ?").run(id);

const answersOf = (db: Db, id: string): unknown =>
  JSON.parse(db.prepare('SELECT answers FROM feedback_responses WHERE id = ?').pluck().get(id) as string);

/** The answers as the response's change record holds them (a JSON string inside the record's fields). */
const loggedAnswersOf = (db: Db, id: string): unknown => {
  const fields = db
    .prepare("SELECT fields FROM changes WHERE entity = 'feedback_response' AND entity_id = ?")
    .pluck()
    .get(id) as string;
  return JSON.parse((JSON.parse(fields) as { answers: string }).answers);
};

describe('0024 erased feedback', () => {
  it('blanks the free text of people erased before it, and lets only an erased respondent’s answers change afterwards', async () => {
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
    const { rating, choice, text } = await namedForm(core, event.id);
    const whole = { [rating]: 4, [choice]: 'day-2', [text]: 'More on cargo screening' };
    const respond = async (registrationId: string) => {
      const id = randomUUID();
      await ok(core, 'feedback.submit', { id, eventId: event.id, registrationId, language: 'en', answers: whole });
      return id;
    };
    const keptResponse = await respond(kept.registration.id);
    const erasedResponse = await respond(erased.registration.id);
    // Erased by a Muster of version 23, whose erasure left feedback alone.
    core.ctx.db.prepare('UPDATE participants SET erased_at = ? WHERE id = ?').run('2023-09-20', erased.participant.id);
    core.ctx.db.exec(oldTrigger);
    core.ctx.db.prepare('DELETE FROM schema_migrations WHERE version = 24').run();
    core.ctx.db.pragma('user_version = 23');
    expect(() => setAnswers(core.ctx.db, erasedResponse)).toThrow(/never changed/);
    core.close();

    const migrated = openCore(core.file);
    try {
      const db = migrated.ctx.db;
      expect(answersOf(db, erasedResponse)).toEqual({ [rating]: 4, [choice]: 'day-2' });
      expect(loggedAnswersOf(db, erasedResponse)).toEqual({ [rating]: 4, [choice]: 'day-2' });
      expect(answersOf(db, keptResponse)).toEqual(whole);
      expect(loggedAnswersOf(db, keptResponse)).toEqual(whole);

      setAnswers(db, erasedResponse);
      expect(answersOf(db, erasedResponse)).toEqual({});
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
