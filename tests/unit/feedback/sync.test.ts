import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eventState } from '../../../electron/core/sync/scope';
import { ok } from '../helpers';
import { addPerson, deliver, replica, seedEvent } from '../sync/replicas';

describe('feedback syncs like the rest of the event', () => {
  it('carries the form to a kiosk and the answers back; two offline answers of one person count once', async () => {
    const hq = replica();
    const kiosk = replica(1000);
    const { eventId } = await seedEvent(hq.core);
    const amina = await addPerson(hq.core, eventId, 'Otieno');
    const form = await ok(hq.core, 'feedback.addQuestion', {
      eventId,
      kind: 'rating',
      prompt: { en: 'How useful was the workshop?', fr: 'L’atelier vous a-t-il été utile ?' },
      required: true,
    });
    const rating = form.questions[0]!.id;
    await ok(hq.core, 'feedback.settings', { eventId, open: true, anonymous: false });
    await deliver(hq.core, kiosk.core, eventId);
    expect(await ok(kiosk.core, 'feedback.get', { eventId })).toMatchObject({
      open: true,
      anonymous: false,
      questions: [{ id: rating, kind: 'rating', prompt: { fr: 'L’atelier vous a-t-il été utile ?' } }],
    });

    // Offline, Amina answers at the kiosk, and again at headquarters' desk: each side accepts its one.
    kiosk.setTime(60_000);
    await ok(kiosk.core, 'feedback.submit', {
      id: randomUUID(),
      eventId,
      registrationId: amina.registration.id,
      language: 'fr',
      answers: { [rating]: 5 },
    });
    hq.setTime(120_000);
    await ok(hq.core, 'feedback.submit', {
      id: randomUUID(),
      eventId,
      registrationId: amina.registration.id,
      language: 'en',
      answers: { [rating]: 1 },
    });
    await deliver(kiosk.core, hq.core, eventId);
    await deliver(hq.core, kiosk.core, eventId);
    expect(eventState(hq.core.ctx.db, eventId).digest).toBe(eventState(kiosk.core.ctx.db, eventId).digest);
    for (const core of [hq.core, kiosk.core]) {
      // Both facts are kept; the report counts the earlier one (the kiosk's 5).
      expect(core.ctx.db.prepare('SELECT count(*) FROM feedback_responses').pluck().get()).toBe(2);
      const report = await ok(core, 'report.get', { eventId });
      expect(report.feedback.responses).toBe(1);
      expect(report.feedback.events[0]!.questions[0]).toMatchObject({ answered: 1, mean: 5 });
    }
    // Delivering again changes nothing.
    const again = await deliver(kiosk.core, hq.core, eventId);
    expect(again.applied).toBe(0);
  });

  it('settles a form setting changed on two replicas by the later change, everywhere', async () => {
    const a = replica();
    const b = replica(500);
    const { eventId } = await seedEvent(a.core);
    await ok(a.core, 'feedback.addQuestion', { eventId, kind: 'text', prompt: { en: 'Comments', fr: 'Commentaires' } });
    await deliver(a.core, b.core, eventId);
    a.setTime(10_000);
    await ok(a.core, 'feedback.settings', { eventId, open: true });
    b.setTime(20_000);
    await ok(b.core, 'feedback.settings', { eventId, anonymous: false });
    await deliver(a.core, b.core, eventId);
    await deliver(b.core, a.core, eventId);
    for (const core of [a.core, b.core]) {
      expect(await ok(core, 'feedback.get', { eventId })).toMatchObject({ open: true, anonymous: false });
    }
  });
});
