// An erasure is a change: it reaches other replicas by bundle, wins over edits made before and after it on devices
// that had not seen it, and an older bundle imported again afterwards cannot bring the name back.
import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { create } from '../../../electron/core/changes/write';
import type { Core } from '../../../electron/core/context';
import { writeTransaction } from '../../../electron/core/db/transaction';
import { signatureEntity } from '../../../electron/core/kiosk/store';
import { eventState } from '../../../electron/core/sync/scope';
import { exportBundle, importBundle } from '../../../electron/core/sync/sync';
import { strokePng } from '../../fixtures/png';
import { ok } from '../helpers';
import { addPerson, checkIn, content, deliver, passphrase, replica, seedEvent } from '../sync/replicas';

const minutes = (n: number) => n * 60_000;

/** Every place a replica could still hold the canary: rows, change log, signatures, search. */
async function traces(core: Core, eventId: string, tag: string) {
  const db = core.ctx.db;
  return {
    rows: db
      .prepare('SELECT count(*) FROM participants WHERE instr(family_name || email || notes, ?) > 0')
      .pluck()
      .get(tag),
    log: db.prepare('SELECT count(*) FROM changes WHERE instr(fields, ?) > 0').pluck().get(tag),
    drawings: db.prepare("SELECT count(*) FROM signatures WHERE png != ''").pluck().get(),
    hits: (await ok(core, 'roster.search', { eventId, query: `Canary${tag}` })).length,
  };
}

describe('erasure through sync', () => {
  it('reaches a second replica, wins over edits either side of it, and old bundles do not resurrect the name', async () => {
    const a = replica();
    const b = replica();
    const { eventId, sessionIds } = await seedEvent(a.core);
    const tag = randomBytes(5).toString('hex');
    const { participant, registration } = await addPerson(a.core, eventId, `Canary${tag}`, {
      email: `canary.${tag}@example.org`,
      notes: `met at ${tag}`,
    });
    const record = await checkIn(a.core, sessionIds[0]!, registration.id);
    writeTransaction(a.core.ctx.db, () =>
      create(a.core.ctx, signatureEntity, record.id, { png: strokePng().toString('base64') }),
    );
    await deliver(a.core, b.core, eventId);
    const old = (await exportBundle(a.core.ctx, { eventId, passphrase })).bytes;
    expect(await traces(b.core, eventId, tag)).toMatchObject({ rows: 1, drawings: 1, hits: 1 });

    // B edits the person before A's erasure (older) and after it (newer), never having seen the erasure.
    const at = (n: number) => [a, b].forEach((side) => side.setTime(minutes(n)));
    at(5);
    await ok(b.core, 'participant.update', { id: participant.id, changes: { jobTitle: `Chief ${tag}` } });
    at(10);
    const erased = await ok(a.core, 'person.erase', { participantId: participant.id });
    at(20);
    await ok(b.core, 'participant.update', { id: participant.id, changes: { notes: `seen again ${tag}` } });

    await deliver(b.core, a.core, eventId);
    await deliver(a.core, b.core, eventId);
    for (const side of [a, b]) {
      expect(await traces(side.core, eventId, tag)).toEqual({ rows: 0, log: 0, drawings: 0, hits: 0 });
      const person = (await ok(side.core, 'participant.get', { id: participant.id })).participant;
      expect(person).toMatchObject({ familyName: '', jobTitle: '', notes: '', email: null, gender: 'female' });
    }
    expect(content(b.core, eventId)).toEqual(content(a.core, eventId));
    expect(eventState(b.core.ctx.db, eventId).digest).toBe(eventState(a.core.ctx.db, eventId).digest);
    expect(erased.registrationIds).toEqual([registration.id]);

    // The bundle from before the erasure, imported again on both: nothing comes back, not even into the log.
    for (const side of [a, b]) {
      await importBundle(side.core.ctx, old, { passphrase, eventId });
      expect(await traces(side.core, eventId, tag)).toEqual({ rows: 0, log: 0, drawings: 0, hits: 0 });
    }
  });

  it('gives a replica that never saw the person only blanks, and blanks a signature drawn offline elsewhere', async () => {
    const a = replica();
    const kiosk = replica();
    const fresh = replica();
    const { eventId, sessionIds } = await seedEvent(a.core);
    const tag = randomBytes(5).toString('hex');
    const { participant, registration } = await addPerson(a.core, eventId, `Canary${tag}`);
    await deliver(a.core, kiosk.core, eventId);
    // Offline, the kiosk checks the person in with a signature while the desk erases them.
    const record = await checkIn(kiosk.core, sessionIds[0]!, registration.id);
    writeTransaction(kiosk.core.ctx.db, () =>
      create(kiosk.core.ctx, signatureEntity, record.id, { png: strokePng().toString('base64') }),
    );
    await ok(a.core, 'person.erase', { participantId: participant.id });

    await deliver(kiosk.core, a.core, eventId);
    expect(await traces(a.core, eventId, tag)).toEqual({ rows: 0, log: 0, drawings: 0, hits: 0 });
    // The check-in itself is kept: attendance is what the reports count.
    expect(await ok(a.core, 'checkin.counters', { sessionId: sessionIds[0]! })).toMatchObject({ checkedIn: 1 });
    await deliver(a.core, kiosk.core, eventId);
    expect(await traces(kiosk.core, eventId, tag)).toEqual({ rows: 0, log: 0, drawings: 0, hits: 0 });

    // A replica that never saw the person receives the erased history and never holds the name at all.
    await deliver(a.core, fresh.core, eventId);
    expect(await traces(fresh.core, eventId, tag)).toEqual({ rows: 0, log: 0, drawings: 0, hits: 0 });
    expect(content(fresh.core, eventId)).toEqual(content(a.core, eventId));
  });

  it('blanks a named respondent’s free text on every replica, including answers an offline kiosk took after the erasure', async () => {
    const a = replica();
    const kiosk = replica();
    const { eventId } = await seedEvent(a.core);
    const tag = randomBytes(5).toString('hex');
    const first = await addPerson(a.core, eventId, 'Otieno');
    const second = await addPerson(a.core, eventId, 'Kamau');
    const both = (en: string) => ({ en, fr: `${en} (fr)` });
    await ok(a.core, 'feedback.addQuestion', { eventId, kind: 'rating', prompt: both('Useful?') });
    await ok(a.core, 'feedback.addQuestion', { eventId, kind: 'text', prompt: both('Comments?') });
    const form = await ok(a.core, 'feedback.settings', { eventId, open: true, anonymous: false });
    const [rating, text] = form.questions.map((q) => q.id) as [string, string];
    const answer = (core: Core, registrationId: string, words: string) =>
      ok(core, 'feedback.submit', {
        id: randomUUID(),
        eventId,
        registrationId,
        language: 'en',
        answers: { [rating]: 5, [text]: words },
      });
    await answer(a.core, first.registration.id, `first words ${tag}`);
    await deliver(a.core, kiosk.core, eventId);
    // Offline, the kiosk takes the second person's answers while the desk erases both.
    await answer(kiosk.core, second.registration.id, `second words ${tag}`);
    await ok(a.core, 'person.erase', { participantId: first.participant.id });
    await ok(a.core, 'person.erase', { participantId: second.participant.id });

    await deliver(kiosk.core, a.core, eventId);
    await deliver(a.core, kiosk.core, eventId);
    for (const side of [a, kiosk]) {
      const db = side.core.ctx.db;
      expect(db.prepare('SELECT count(*) FROM feedback_responses WHERE instr(answers, ?) > 0').pluck().get(tag)).toBe(
        0,
      );
      expect(db.prepare('SELECT count(*) FROM changes WHERE instr(fields, ?) > 0').pluck().get(tag)).toBe(0);
      const figures = (await ok(side.core, 'report.get', { eventId })).feedback.events[0]!;
      expect(figures.questions.map((q) => [q.kind, q.answered])).toEqual([
        ['rating', 2],
        ['text', 0],
      ]);
    }
    expect(eventState(kiosk.core.ctx.db, eventId).digest).toBe(eventState(a.core.ctx.db, eventId).digest);
  });
});
