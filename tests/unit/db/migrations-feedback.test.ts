import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { nairobi, ok, tempCore } from '../helpers';

const plan = (core: ReturnType<typeof tempCore>, sql: string, ...args: string[]) =>
  (core.ctx.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[])
    .map((p) => p.detail)
    .join('\n');

describe('0018 feedback', () => {
  it('keeps responses as facts that cannot be changed or deleted, found per event by index', async () => {
    const core = tempCore();
    const event = await ok(core, 'event.create', nairobi);
    const form = await ok(core, 'feedback.addQuestion', {
      eventId: event.id,
      kind: 'rating',
      prompt: { en: 'Useful?', fr: 'Utile ?' },
    });
    await ok(core, 'feedback.settings', { eventId: event.id, open: true });
    await ok(core, 'feedback.submit', {
      id: randomUUID(),
      eventId: event.id,
      language: 'en',
      answers: { [form.questions[0]!.id]: 3 },
    });
    expect(() => core.ctx.db.prepare("UPDATE feedback_responses SET answers = '{}'").run()).toThrow(/never changed/);
    expect(() => core.ctx.db.prepare('DELETE FROM feedback_responses').run()).toThrow(/never deleted/);
    expect(plan(core, 'SELECT * FROM feedback_responses WHERE event_id = ?', event.id)).toMatch(
      /USING INDEX feedback_responses_by_event/,
    );
    expect(plan(core, 'SELECT * FROM feedback_questions WHERE event_id = ? ORDER BY position', event.id)).toMatch(
      /USING INDEX feedback_questions_by_event/,
    );
    // One form row per event, keyed by the event.
    await ok(core, 'feedback.settings', { eventId: event.id, anonymous: false });
    expect(core.ctx.db.prepare('SELECT id, is_open, anonymous FROM feedback_forms').all()).toEqual([
      { id: event.id, is_open: 1, anonymous: 0 },
    ]);
  });
});
