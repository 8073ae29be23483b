import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/context';
import { changeCount, nairobi, ok, refused, tempCore } from '../helpers';
import { kioskEvent, register } from '../kiosk/people';

/** The evaluation staff define for the Nairobi workshop (English and French): a rating, a choice and a comment. */
async function defineForm(core: Core, eventId: string, anonymous = true) {
  await ok(core, 'feedback.addQuestion', {
    eventId,
    kind: 'rating',
    prompt: { en: 'How useful was the workshop?', fr: 'L’atelier vous a-t-il été utile ?' },
    required: true,
  });
  await ok(core, 'feedback.addQuestion', {
    eventId,
    kind: 'choice',
    prompt: { en: 'Which day helped most?', fr: 'Quel jour vous a le plus aidé ?' },
    options: [
      { key: 'day-1', label: { en: 'Day 1', fr: 'Jour 1' } },
      { key: 'day-2', label: { en: 'Day 2', fr: 'Jour 2' } },
      { key: 'day-3', label: { en: 'Day 3', fr: 'Jour 3' } },
    ],
  });
  await ok(core, 'feedback.addQuestion', {
    eventId,
    kind: 'text',
    prompt: { en: 'What should we change?', fr: 'Que devrions-nous changer ?' },
  });
  const form = await ok(core, 'feedback.settings', { eventId, open: true, anonymous });
  const [rating, choice, text] = form.questions.map((q) => q.id) as [string, string, string];
  return { form, rating, choice, text };
}

describe('staff define an event’s feedback form', () => {
  it('keeps questions in order with their text in every event language, and reorders them', async () => {
    const core = tempCore();
    const event = await ok(core, 'event.create', nairobi);
    const { form, text } = await defineForm(core, event.id);
    expect(form).toMatchObject({ open: true, anonymous: true, languages: ['en', 'fr'], responses: 0 });
    expect(form.questions.map((q) => [q.position, q.kind, q.prompt.fr])).toEqual([
      [0, 'rating', 'L’atelier vous a-t-il été utile ?'],
      [1, 'choice', 'Quel jour vous a le plus aidé ?'],
      [2, 'text', 'Que devrions-nous changer ?'],
    ]);
    const moved = await ok(core, 'feedback.updateQuestion', { id: text, changes: { position: 0 } });
    expect(moved.questions.map((q) => q.kind)).toEqual(['text', 'rating', 'choice']);
    expect(moved.questions.map((q) => q.position)).toEqual([0, 1, 2]);
    const removed = await ok(core, 'feedback.removeQuestion', { id: text });
    expect(removed.questions.map((q) => [q.position, q.kind])).toEqual([
      [0, 'rating'],
      [1, 'choice'],
    ]);
  });

  it('refuses a question missing an event language, a choice with one option, or opening an empty form', async () => {
    const core = tempCore();
    const event = await ok(core, 'event.create', nairobi);
    const before = changeCount(core);
    const noFrench = await refused(core, 'feedback.addQuestion', {
      eventId: event.id,
      kind: 'rating',
      prompt: { en: 'How useful was it?' },
    });
    expect(noFrench.issues?.[0]).toMatchObject({ key: 'feedbackNeedsText', path: ['prompt', 'fr'] });
    const oneOption = await refused(core, 'feedback.addQuestion', {
      eventId: event.id,
      kind: 'choice',
      prompt: { en: 'Day?', fr: 'Jour ?' },
      options: [{ label: { en: 'Day 1', fr: 'Jour 1' } }],
    });
    expect(oneOption.issues?.[0]?.key).toBe('feedbackTwoOptions');
    const russian = await refused(core, 'feedback.addQuestion', {
      eventId: event.id,
      kind: 'text',
      prompt: { en: 'Comments', fr: 'Commentaires', ru: 'Комментарии' },
    });
    expect(russian.issues?.[0]?.key).toBe('feedbackLanguage');
    const empty = await refused(core, 'feedback.settings', { eventId: event.id, open: true });
    expect(empty.issues?.[0]?.key).toBe('feedbackEmpty');
    expect(changeCount(core)).toBe(before);
  });
});

describe('anonymous feedback', () => {
  it('stores answers with no person and only the day, and refuses a name', async () => {
    const core = tempCore({ wallClock: () => Date.parse('2023-09-14T15:42:17.000Z') });
    const event = await ok(core, 'event.create', nairobi);
    const amina = await register(core, event.id);
    const { rating, choice, text } = await defineForm(core, event.id);
    const receipt = await ok(core, 'feedback.submit', {
      id: randomUUID(),
      eventId: event.id,
      language: 'fr',
      answers: { [rating]: 5, [choice]: 'day-2', [text]: '  Plus de pratique  ' },
    });
    expect(receipt.submittedAt).toBe('2023-09-14');
    const row = core.ctx.db.prepare('SELECT * FROM feedback_responses').get() as Record<string, unknown>;
    expect(row).toMatchObject({ registration_id: null, submitted_at: '2023-09-14', language: 'fr' });
    expect(JSON.parse(row.answers as string)).toEqual({ [rating]: 5, [choice]: 'day-2', [text]: 'Plus de pratique' });
    // Nothing in the row names anyone: no column holds a registration, participant or device.
    expect(Object.values(row)).not.toContain(amina.registration.id);
    expect(Object.values(row)).not.toContain(amina.participant.id);
    expect(Object.keys(row).sort()).toEqual([
      'answers',
      'event_id',
      'id',
      'language',
      'registration_id',
      'submitted_at',
    ]);

    const named = await refused(core, 'feedback.submit', {
      id: randomUUID(),
      eventId: event.id,
      registrationId: amina.registration.id,
      language: 'en',
      answers: { [rating]: 4 },
    });
    expect(named.issues?.[0]?.key).toBe('feedbackAnonymous');
  });
});

describe('named feedback', () => {
  it('takes one response per person: a second is refused, a retried one is the same response', async () => {
    const core = tempCore();
    const event = await ok(core, 'event.create', nairobi);
    const amina = await register(core, event.id);
    const { rating } = await defineForm(core, event.id, false);
    const first = { id: randomUUID(), eventId: event.id, language: 'en' as const, answers: { [rating]: 4 } };
    const missing = await refused(core, 'feedback.submit', first);
    expect(missing.issues?.[0]?.key).toBe('feedbackNeedsPerson');

    const receipt = await ok(core, 'feedback.submit', { ...first, registrationId: amina.registration.id });
    expect(await ok(core, 'feedback.submit', { ...first, registrationId: amina.registration.id })).toEqual(receipt);
    const again = await refused(core, 'feedback.submit', {
      ...first,
      id: randomUUID(),
      registrationId: amina.registration.id,
      answers: { [rating]: 1 },
    });
    expect(again).toMatchObject({ code: 'conflict', details: { feedback: 'already_answered' } });
    expect((await ok(core, 'feedback.get', { eventId: event.id })).responses).toBe(1);

    await ok(core, 'registration.update', { id: amina.registration.id, changes: { status: 'cancelled' } });
    const bob = await register(core, event.id, { givenNames: 'Bob', email: 'bob@example.org' });
    await ok(core, 'registration.update', { id: bob.registration.id, changes: { status: 'cancelled' } });
    const cancelled = await refused(core, 'feedback.submit', {
      ...first,
      id: randomUUID(),
      registrationId: bob.registration.id,
    });
    expect(cancelled.code).toBe('cancelled');
  });
});

describe('answers that do not fit', () => {
  it('refuses a rating out of range, an unknown option, a missing required answer or a closed form, writing nothing', async () => {
    const core = tempCore();
    const event = await ok(core, 'event.create', nairobi);
    const { rating, choice } = await defineForm(core, event.id);
    const base = { eventId: event.id, language: 'en' as const };
    const before = changeCount(core);
    const six = await refused(core, 'feedback.submit', { ...base, id: randomUUID(), answers: { [rating]: 6 } });
    expect(six.issues?.[0]).toMatchObject({ key: 'feedbackAnswer', path: ['answers', rating] });
    const option = await refused(core, 'feedback.submit', {
      ...base,
      id: randomUUID(),
      answers: { [rating]: 3, [choice]: 'day-9' },
    });
    expect(option.issues?.[0]?.key).toBe('feedbackAnswer');
    const required = await refused(core, 'feedback.submit', {
      ...base,
      id: randomUUID(),
      answers: { [choice]: 'day-1' },
    });
    expect(required.issues?.[0]).toMatchObject({ key: 'feedbackRequired', path: ['answers', rating] });
    const stranger = await refused(core, 'feedback.submit', {
      ...base,
      id: randomUUID(),
      answers: { [rating]: 3, [randomUUID()]: 'x' },
    });
    expect(stranger.issues?.[0]?.key).toBe('feedbackUnknownQuestion');
    expect(changeCount(core)).toBe(before);

    await ok(core, 'feedback.settings', { eventId: event.id, open: false });
    const closed = await refused(core, 'feedback.submit', { ...base, id: randomUUID(), answers: { [rating]: 3 } });
    expect(closed).toMatchObject({ code: 'conflict', details: { feedback: 'closed' } });
  });

  it('takes no answers for an archived event, whose form was left open, until it is restored', async () => {
    const core = tempCore();
    const event = await ok(core, 'event.create', nairobi);
    const { rating } = await defineForm(core, event.id);
    await ok(core, 'event.archive', { id: event.id, archived: true });
    const before = changeCount(core);
    const answer = { eventId: event.id, language: 'en' as const, answers: { [rating]: 2 } };
    const archived = await refused(core, 'feedback.submit', { ...answer, id: randomUUID() });
    expect(archived).toMatchObject({ code: 'conflict', details: { feedback: 'closed' } });
    expect(archived.message).toContain('archived');
    expect(changeCount(core)).toBe(before);
    expect((await ok(core, 'report.get', { eventId: event.id })).feedback.responses).toBe(0);
    await ok(core, 'event.archive', { id: event.id, archived: false });
    await ok(core, 'feedback.submit', { ...answer, id: randomUUID() });
    expect((await ok(core, 'report.get', { eventId: event.id })).feedback.responses).toBe(1);
  });
});

describe('the kiosk offers feedback', () => {
  it('only while its event’s form is open, and answers for its own event only', async () => {
    const core = tempCore();
    const outsider = await refused(core, 'kiosk.feedbackForm', {});
    expect(outsider.code).toBe('forbidden');
    const { event } = await kioskEvent(core);
    expect(await ok(core, 'kiosk.feedbackForm', {})).toEqual({ open: false });
    const { rating } = await defineForm(core, event.id);
    const offered = await ok(core, 'kiosk.feedbackForm', {});
    expect(offered).toMatchObject({ open: true, anonymous: true, languages: ['en', 'fr'] });
    await ok(core, 'kiosk.feedbackSubmit', { id: randomUUID(), language: 'fr', answers: { [rating]: 4 } });
    const stored = core.ctx.db.prepare('SELECT event_id FROM feedback_responses').pluck().all();
    expect(stored).toEqual([event.id]);
    // Archived elsewhere and synced here: no longer offered, and an answer already on screen is refused as closed.
    await ok(core, 'event.archive', { id: event.id, archived: true });
    expect(await ok(core, 'kiosk.feedbackForm', {})).toEqual({ open: false });
    const late = await refused(core, 'kiosk.feedbackSubmit', {
      id: randomUUID(),
      language: 'en',
      answers: { [rating]: 2 },
    });
    expect(late).toMatchObject({ code: 'conflict', details: { feedback: 'closed' } });
  });
});

describe('feedback in the reports', () => {
  it('counts responses, means, distributions and lists free text, per event and per programme', async () => {
    const core = tempCore();
    const event = await ok(core, 'event.create', nairobi);
    const other = await ok(core, 'event.create', {
      ...nairobi,
      title: 'Follow-up',
      startDate: '2023-10-02',
      endDate: '2023-10-02',
    });
    const programme = await ok(core, 'programme.create', { name: 'CT TECH', eventIds: [event.id, other.id] });
    const { rating, choice, text } = await defineForm(core, event.id);
    const answers: [number, string | null, string | null, 'en' | 'fr'][] = [
      [5, 'day-2', 'More practical exercises', 'en'],
      [4, 'day-2', null, 'fr'],
      [4, 'day-1', 'Plus de temps pour les questions', 'fr'],
      [2, null, null, 'en'],
    ];
    for (const [r, c, t, language] of answers) {
      await ok(core, 'feedback.submit', {
        id: randomUUID(),
        eventId: event.id,
        language,
        answers: { [rating]: r, ...(c ? { [choice]: c } : {}), ...(t ? { [text]: t } : {}) },
      });
    }
    const report = await ok(core, 'report.get', { eventId: event.id });
    expect(report.feedback.responses).toBe(4);
    const [summary] = report.feedback.events;
    expect(summary).toMatchObject({ eventId: event.id, anonymous: true, open: true, responses: 4 });
    const [r, c, t] = summary!.questions;
    expect(r).toMatchObject({ kind: 'rating', prompt: 'How useful was the workshop?', answered: 4, mean: 3.75 });
    expect(r!.distribution.map((b) => b.count)).toEqual([0, 1, 0, 2, 1]);
    expect(c).toMatchObject({ answered: 3, mean: null });
    expect(c!.distribution).toEqual([
      { value: 'day-1', label: 'Day 1', count: 1 },
      { value: 'day-2', label: 'Day 2', count: 2 },
      { value: 'day-3', label: 'Day 3', count: 0 },
    ]);
    // Anonymous answers keep only their day, so within a day their order says nothing about who came when.
    expect([...t!.texts].sort((x, y) => x.text.localeCompare(y.text))).toEqual([
      { text: 'More practical exercises', language: 'en', respondent: null },
      { text: 'Plus de temps pour les questions', language: 'fr', respondent: null },
    ]);
    // The programme report carries each workshop that has a form; the follow-up has none.
    const whole = await ok(core, 'report.get', { programmeId: programme.id });
    expect(whole.feedback.responses).toBe(4);
    expect(whole.feedback.events.map((e) => e.eventId)).toEqual([event.id]);
  });

  it('names the respondent beside free text only when the event’s feedback is not anonymous', async () => {
    const core = tempCore();
    const event = await ok(core, 'event.create', nairobi);
    const amina = await register(core, event.id);
    const { rating, text } = await defineForm(core, event.id, false);
    await ok(core, 'feedback.submit', {
      id: randomUUID(),
      eventId: event.id,
      registrationId: amina.registration.id,
      language: 'en',
      answers: { [rating]: 5, [text]: 'Excellent trainers' },
    });
    const report = await ok(core, 'report.get', { eventId: event.id });
    expect(report.feedback.events[0]!.questions[2]!.texts).toEqual([
      { text: 'Excellent trainers', language: 'en', respondent: 'Amina Otieno' },
    ]);
  });
});
