import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Output } from '../../../electron/core/api/contract';
import type { Core } from '../../../electron/core/context';
import { nairobi, ok, tempCore } from '../helpers';
import { register } from '../kiosk/people';
import { deliver, replica } from '../sync/replicas';

/** Each registration checked in to the first session of its event, by QR at the desk. */
async function attend(
  core: Core,
  ...visits: (readonly [Output<'event.create'>, Output<'participant.create'>])[]
): Promise<void> {
  for (const [event, who] of visits) {
    await ok(core, 'checkin.create', {
      id: randomUUID(),
      sessionId: event.sessions[0]!.id,
      registrationId: who.registration.id,
      method: 'qr',
    });
  }
}

describe('match candidates for "people counted once"', () => {
  it('pairs look-alike records only across different events, never two people registered to the same one', async () => {
    const core = tempCore();
    const first = await ok(core, 'event.create', nairobi);
    const second = await ok(core, 'event.create', {
      ...nairobi,
      title: 'Follow-up',
      startDate: '2023-10-10',
      endDate: '2023-10-10',
    });
    const programme = await ok(core, 'programme.create', { name: 'East Africa', eventIds: [first.id, second.id] });
    // Two people at the first workshop sharing an office address: the roster keeps them apart, so must the report.
    const a = await register(core, first.id, { email: 'desk@police.example.org', givenNames: 'Amina' });
    const b = await register(core, first.id, {
      email: 'desk@police.example.org',
      givenNames: 'Baraka',
      code: undefined,
    });
    // The first of them back at the second workshop under a new record: the one pair worth asking about.
    const c = await register(core, second.id, { email: 'desk@police.example.org', givenNames: 'Amina' });

    const { matches, summary } = await ok(core, 'report.matches', { programmeId: programme.id });
    const pairs = matches.map((m) => [m.a.participantId, m.b.participantId].sort().join('|')).sort();
    expect(pairs).toEqual(
      [
        [a.participant.id, c.participant.id].sort().join('|'),
        [b.participant.id, c.participant.id].sort().join('|'),
      ].sort(),
    );
    expect(pairs).not.toContain([a.participant.id, b.participant.id].sort().join('|'));
    expect(summary).toEqual({ confirmed: 0, pending: 2, rejected: 0 });
  });

  it('counts once a person staff joined through a chain of pairs, even via a record that was cancelled', async () => {
    const core = tempCore();
    const workshop = (city: string, date: string) =>
      ok(core, 'event.create', { ...nairobi, city, startDate: date, endDate: date });
    const [nairobiWs, tashkent, bangkok] = [
      await workshop('Nairobi', '2023-09-12'),
      await workshop('Tashkent', '2023-10-10'),
      await workshop('Bangkok', '2023-11-10'),
    ];
    const programme = await ok(core, 'programme.create', {
      name: 'CT TECH',
      eventIds: [nairobiWs.id, tashkent.id, bangkok.id],
    });
    // Amina came to Nairobi, registered for Tashkent but cancelled, then came to Bangkok: three records.
    const first = await register(core, nairobiWs.id, { email: null });
    const cancelled = await register(core, tashkent.id, { email: null, status: 'cancelled' });
    const last = await register(core, bangkok.id, { email: null });
    await attend(core, [nairobiWs, first], [bangkok, last]);
    // Staff confirm the pairs the screen offered in turn: Nairobi is Tashkent, Tashkent is Bangkok.
    await ok(core, 'person.merge', { a: first.participant.id, b: cancelled.participant.id });
    await ok(core, 'person.merge', { a: cancelled.participant.id, b: last.participant.id });

    const report = await ok(core, 'report.get', { programmeId: programme.id });
    expect(report.totals).toMatchObject({ registered: 1, uniqueParticipants: 1, attendances: 2, women: 1 });
    expect(report.totals.byCountry).toEqual([{ country: 'KE', name: 'Kenya', attended: 1 }]);
    // Nairobi and Bangkok are already one person by those two answers: not a question still pending.
    expect(report.matches).toEqual({ confirmed: 2, pending: 0, rejected: 0 });
    const { matches } = await ok(core, 'report.matches', { programmeId: programme.id, decision: 'pending' });
    expect(matches).toEqual([]);
  });

  it('counts a partner state its delegate represented, though the same person came first in another role', async () => {
    const core = tempCore();
    const first = await ok(core, 'event.create', nairobi);
    const second = await ok(core, 'event.create', { ...nairobi, startDate: '2023-10-10', endDate: '2023-10-10' });
    const programme = await ok(core, 'programme.create', { name: 'CT TECH', eventIds: [first.id, second.id] });
    // Amina spoke at the first workshop, then came back as Kenya's delegate: staff confirm the two records.
    const speaker = await register(core, first.id, { category: 'speaker_expert' });
    const delegate = await register(core, second.id, { category: 'partner_state_delegate' });
    await attend(core, [first, speaker], [second, delegate]);
    await ok(core, 'person.merge', { a: speaker.participant.id, b: delegate.participant.id });

    const report = await ok(core, 'report.get', { programmeId: programme.id });
    // Counted once and described by her first role; Kenya was still represented by a delegate.
    expect(report.totals).toMatchObject({ uniqueParticipants: 1, partnerStates: 1, otherParticipants: 1 });
    expect(report.totals.byCategory).toMatchObject({ speaker_expert: 1, partner_state_delegate: 0 });
    expect(report.workshops[1]!.byCategory.partner_state_delegate).toBe(1);
  });
});

describe('contradictory decisions about who is one person', () => {
  /** Amina's three records, at three workshops of one programme, each checked in. */
  async function threeRecords(core: Core) {
    const workshop = (city: string, date: string) =>
      ok(core, 'event.create', { ...nairobi, city, startDate: date, endDate: date });
    const events = [
      await workshop('Nairobi', '2023-09-12'),
      await workshop('Tashkent', '2023-10-10'),
      await workshop('Bangkok', '2023-11-10'),
    ];
    const programme = await ok(core, 'programme.create', { name: 'CT TECH', eventIds: events.map((e) => e.id) });
    const people: Output<'participant.create'>[] = [];
    for (const event of events) people.push(await register(core, event.id, { email: null }));
    await attend(core, ...events.map((event, i) => [event, people[i]!] as const));
    return { events, programme, ids: people.map((p) => p.participant.id) };
  }

  it('a chain A=B, B=C with A≠C stated later: the newest decisions win, so the oldest link (A=B) is not followed', async () => {
    let now = Date.parse('2023-12-01T09:00:00.000Z');
    const core = tempCore({ wallClock: () => (now += 60_000) });
    const { programme, ids } = await threeRecords(core);
    const [a, b, c] = ids as [string, string, string];
    const people = async () => (await ok(core, 'report.get', { programmeId: programme.id })).totals;

    await ok(core, 'person.merge', { a, b });
    await ok(core, 'person.merge', { a: b, b: c });
    expect(await people()).toMatchObject({ uniqueParticipants: 1, attendances: 3 });
    // Someone who knew the two better says the Nairobi and the Bangkok records are two people.
    await ok(core, 'person.rejectMatch', { a, b: c });
    expect(await people()).toMatchObject({ uniqueParticipants: 2, attendances: 3 });
    // The screen says which decision is not followed, so staff see why their "same person" did not count.
    const decided = async () =>
      Object.fromEntries(
        (await ok(core, 'report.matches', { programmeId: programme.id })).matches.map((m) => [
          [m.a.participantId, m.b.participantId]
            .map((id) => 'abc'[ids.indexOf(id)])
            .sort()
            .join(''),
          [m.decision, m.overridden],
        ]),
      );
    expect(await decided()).toEqual({
      ab: ['confirmed', true],
      bc: ['confirmed', false],
      ac: ['rejected', false],
    });
    // Confirming A=B again is now the newest word: A and B are one, and B=C (older than A≠C) gives way.
    await ok(core, 'person.merge', { a, b });
    expect(await people()).toMatchObject({ uniqueParticipants: 2, attendances: 3 });
    expect(await decided()).toEqual({
      ab: ['confirmed', false],
      bc: ['confirmed', true],
      ac: ['rejected', false],
    });
    // Withdrawing the refusal leaves the chain whole again.
    await ok(core, 'person.unmerge', { a, b: c });
    expect(await people()).toMatchObject({ uniqueParticipants: 1, attendances: 3 });
  });

  it('follows the later decision about a pair when two laptops decided it differently, whichever arrives first', async () => {
    for (const laterOne of ['rejected', 'confirmed'] as const) {
      const hq = replica();
      const { events, programme, ids } = await threeRecords(hq.core);
      const laptop = replica();
      for (const event of events) await deliver(hq.core, laptop.core, event.id);
      const [a, b] = ids as [string, string, string];
      // Both offline: headquarters says one thing at 10:00, the laptop the other at 10:05 (or the other way round).
      hq.setTime(4 * 3_600_000);
      laptop.setTime(4 * 3_600_000 + 300_000);
      const [first, second] =
        laterOne === 'rejected' ? ['person.merge', 'person.rejectMatch'] : ['person.rejectMatch', 'person.merge'];
      await ok(hq.core, first as 'person.merge', { a, b });
      await ok(laptop.core, second as 'person.merge', { a, b });
      for (const event of events) {
        await deliver(hq.core, laptop.core, event.id);
        await deliver(laptop.core, hq.core, event.id);
      }
      for (const core of [hq.core, laptop.core]) {
        const report = await ok(core, 'report.get', { programmeId: programme.id });
        expect(report.totals.uniqueParticipants).toBe(laterOne === 'rejected' ? 3 : 2);
        expect(report.matches[laterOne]).toBe(1);
      }
    }
  });
});
