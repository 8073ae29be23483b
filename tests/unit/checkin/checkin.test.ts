import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Input } from '../../../electron/core/api/contract';
import { create, write } from '../../../electron/core/changes/write';
import { checkinEntity } from '../../../electron/core/checkin/store';
import { changeCount, nairobi, ok, refused, tempCore } from '../helpers';

const person: Omit<Input<'participant.create'>, 'eventId'> = {
  givenNames: 'Amina',
  familyName: 'Otieno',
  gender: 'female',
  country: 'KE',
  organisation: 'National Police Service',
  organisationType: 'law_enforcement',
  category: 'partner_state_delegate',
};

/** A workshop in Nairobi (UTC+3) with two people, the clock at 09:14 local time on day 1. */
async function desk() {
  let now = Date.parse('2023-09-12T06:14:00.000Z');
  const core = tempCore({ wallClock: () => now });
  const event = await ok(core, 'event.create', nairobi);
  const amina = await ok(core, 'participant.create', { ...person, eventId: event.id });
  const brian = await ok(core, 'participant.create', {
    ...person,
    givenNames: 'Brian',
    familyName: 'Kamau',
    gender: 'male',
    eventId: event.id,
  });
  return {
    core,
    event,
    day1: event.sessions[0]!.id,
    day2: event.sessions[1]!.id,
    amina: amina.registration,
    brian: brian.registration,
    later: (minutes: number) => (now += minutes * 60_000),
  };
}

const checkinCount = (core: ReturnType<typeof tempCore>) =>
  core.ctx.db.prepare('SELECT count(*) FROM checkins').pluck().get() as number;

describe('check-in', () => {
  it('checks a person in once per session, recording device, time, method and operator, with its change record', async () => {
    const { core, day1, amina } = await desk();
    const before = changeCount(core);
    const id = randomUUID();
    const record = await ok(core, 'checkin.create', {
      id,
      sessionId: day1,
      registrationId: amina.id,
      method: 'search',
      operator: 'desk 1',
    });
    expect(record).toEqual({
      id,
      kind: 'check_in',
      registrationId: amina.id,
      sessionId: day1,
      reverses: null,
      method: 'search',
      device: core.ctx.device,
      at: '2023-09-12T06:14:00.000Z',
      operator: 'desk 1',
    });
    expect(changeCount(core)).toBe(before + 1);
    const change = core.ctx.db.prepare('SELECT entity, entity_id FROM changes ORDER BY seq DESC LIMIT 1').get();
    expect(change).toEqual({ entity: 'checkin', entity_id: id });
  });

  it('is idempotent: the same nonce sent twice is one check-in and the same answer', async () => {
    const { core, day1, day2, amina } = await desk();
    const input = { id: randomUUID(), sessionId: day1, registrationId: amina.id, method: 'qr' } as const;
    const first = await ok(core, 'checkin.create', input);
    const again = await ok(core, 'checkin.create', input);
    expect(again).toEqual(first);
    expect(checkinCount(core)).toBe(1);
    // A nonce reused for something else is refused, not silently mapped onto the old record.
    const reused = await refused(core, 'checkin.create', { ...input, sessionId: day2 });
    expect(reused).toMatchObject({ code: 'conflict', message: expect.stringContaining('already used') });
    expect(checkinCount(core)).toBe(1);
  });

  it('answers already_checked_in with when and where the first check-in happened', async () => {
    const { core, day1, day2, amina, later } = await desk();
    const first = await ok(core, 'checkin.create', {
      id: randomUUID(),
      sessionId: day1,
      registrationId: amina.id,
      method: 'search',
      operator: 'desk 1',
    });
    later(5);
    const error = await refused(core, 'checkin.create', {
      id: randomUUID(),
      sessionId: day1,
      code: amina.code,
      method: 'qr',
    });
    expect(error.code).toBe('already_checked_in');
    expect(error.message).toBe('Amina Otieno was already checked in to Day 1 at 09:14 at this desk.');
    expect(error.details).toEqual({
      firstCheckIn: { id: first.id, at: first.at, device: core.ctx.device, method: 'search', operator: 'desk 1' },
    });
    expect(checkinCount(core)).toBe(1);
    // Another day is another session.
    await ok(core, 'checkin.create', { id: randomUUID(), sessionId: day2, registrationId: amina.id, method: 'qr' });
    // An event synced from a device whose time-zone data is newer than this one's: the time is given in UTC.
    core.ctx.db.prepare("UPDATE events SET time_zone = 'Africa/Not_Yet_Known'").run();
    const again = await refused(core, 'checkin.create', {
      id: randomUUID(),
      sessionId: day1,
      code: amina.code,
      method: 'qr',
    });
    expect(again.message).toBe('Amina Otieno was already checked in to Day 1 at 06:14 UTC at this desk.');
  });

  it('answers cancelled for a cancelled registration, and checks them in once reinstated', async () => {
    const { core, day1, brian } = await desk();
    await ok(core, 'registration.update', { id: brian.id, changes: { status: 'cancelled' } });
    const input = { id: randomUUID(), sessionId: day1, registrationId: brian.id, method: 'search' } as const;
    const error = await refused(core, 'checkin.create', input);
    expect(error).toMatchObject({ code: 'cancelled', message: expect.stringContaining('Brian Kamau') });
    await ok(core, 'registration.update', { id: brian.id, changes: { status: 'confirmed' } });
    await ok(core, 'checkin.create', input);
  });

  it('undoes by appending a reversal; the person can then check in again; nothing is deleted', async () => {
    const { core, event, day1, amina } = await desk();
    const first = await ok(core, 'checkin.create', {
      id: randomUUID(),
      sessionId: day1,
      registrationId: amina.id,
      method: 'search',
    });
    const undo = { id: randomUUID(), recordId: first.id };
    const reversal = await ok(core, 'checkin.undo', undo);
    expect(reversal).toMatchObject({ kind: 'reversal', reverses: first.id, registrationId: amina.id, sessionId: day1 });
    expect(await ok(core, 'checkin.undo', undo)).toEqual(reversal);
    expect((await refused(core, 'checkin.undo', { id: randomUUID(), recordId: first.id })).code).toBe('conflict');
    expect((await refused(core, 'checkin.undo', { id: randomUUID(), recordId: reversal.id })).code).toBe('conflict');
    const second = await ok(core, 'checkin.create', {
      id: randomUUID(),
      sessionId: day1,
      registrationId: amina.id,
      method: 'manual',
    });
    const { rows } = await ok(core, 'roster.list', { eventId: event.id, sessionId: day1 });
    const row = rows.find((r) => r.registrationId === amina.id);
    expect(row!.attendance).toMatchObject({ checkInId: second.id, method: 'manual' });
    expect(checkinCount(core)).toBe(3);
    const recent = await ok(core, 'checkin.recent', { sessionId: day1 });
    expect(recent.map((r) => [r.kind, r.undone, r.familyName])).toEqual([
      ['check_in', false, 'Otieno'],
      ['reversal', false, 'Otieno'],
      ['check_in', true, 'Otieno'],
    ]);
  });

  it('checks out (appended too), refuses a check-out of someone not in, and undoes a check-out', async () => {
    const { core, day1, amina, later } = await desk();
    const out = { id: randomUUID(), sessionId: day1, registrationId: amina.id };
    expect((await refused(core, 'checkin.checkout', out)).code).toBe('conflict');
    await ok(core, 'checkin.create', { id: randomUUID(), sessionId: day1, registrationId: amina.id, method: 'qr' });
    later(60 * 8);
    const record = await ok(core, 'checkin.checkout', out);
    expect(record).toMatchObject({ kind: 'check_out', at: '2023-09-12T14:14:00.000Z' });
    expect(await ok(core, 'checkin.checkout', out)).toEqual(record);
    expect((await refused(core, 'checkin.checkout', { ...out, id: randomUUID() })).message).toMatch(/17:14/);
    const counters = await ok(core, 'checkin.counters', { sessionId: day1 });
    expect([counters.checkedIn, counters.checkedOut]).toEqual([1, 1]);
    await ok(core, 'checkin.undo', { id: randomUUID(), recordId: record.id });
    expect((await ok(core, 'checkin.counters', { sessionId: day1 })).checkedOut).toBe(0);
  });

  it('counts a session: checked in against expected (not cancelled), by gender', async () => {
    const { core, event, day1, day2, amina, brian } = await desk();
    await ok(core, 'participant.create', {
      ...person,
      givenNames: 'Sam',
      gender: 'another',
      status: 'cancelled',
      eventId: event.id,
    });
    await ok(core, 'checkin.create', { id: randomUUID(), sessionId: day1, registrationId: amina.id, method: 'qr' });
    await ok(core, 'checkin.create', { id: randomUUID(), sessionId: day2, registrationId: brian.id, method: 'qr' });
    expect(await ok(core, 'checkin.counters', { sessionId: day1 })).toEqual({
      sessionId: day1,
      expected: 2,
      checkedIn: 1,
      checkedOut: 0,
      byGender: {
        female: { expected: 1, checkedIn: 1 },
        male: { expected: 1, checkedIn: 0 },
        another: { expected: 0, checkedIn: 0 },
        not_stated: { expected: 0, checkedIn: 0 },
      },
    });
  });

  it('drops a person checked in and then cancelled from checked in as from expected, as the dashboard does', async () => {
    const { core, day1, amina, brian } = await desk();
    for (const who of [amina, brian])
      await ok(core, 'checkin.create', { id: randomUUID(), sessionId: day1, registrationId: who.id, method: 'qr' });
    await ok(core, 'registration.update', { id: amina.id, changes: { status: 'cancelled' } });
    const counters = await ok(core, 'checkin.counters', { sessionId: day1 });
    expect(counters).toMatchObject({ expected: 1, checkedIn: 1 });
    expect(counters.byGender.female).toEqual({ expected: 0, checkedIn: 0 });
    const board = await ok(core, 'dashboard.get', { sessionId: day1 });
    expect([board.expected, board.checkedIn]).toEqual([counters.expected, counters.checkedIn]);
  });

  it('refuses check-ins for a removed session, another event’s session, an unknown code or an archived event', async () => {
    const { core, event, day1, day2, amina } = await desk();
    await ok(core, 'session.remove', { id: day2 });
    const removed = await refused(core, 'checkin.create', {
      id: randomUUID(),
      sessionId: day2,
      registrationId: amina.id,
      method: 'qr',
    });
    expect(removed.code).toBe('not_found');
    const other = await ok(core, 'event.create', { ...nairobi, title: 'Sarajevo workshop' });
    const elsewhere = await refused(core, 'checkin.create', {
      id: randomUUID(),
      sessionId: other.sessions[0]!.id,
      registrationId: amina.id,
      method: 'qr',
    });
    expect(elsewhere).toMatchObject({ code: 'conflict', message: expect.stringContaining('another event') });
    const byCode = await refused(core, 'checkin.create', {
      id: randomUUID(),
      sessionId: other.sessions[0]!.id,
      code: amina.code,
      method: 'qr',
    });
    expect(byCode.code).toBe('not_found');
    const both = await refused(core, 'checkin.create', {
      id: randomUUID(),
      sessionId: day1,
      registrationId: amina.id,
      code: amina.code,
      method: 'qr',
    });
    expect(both.issues).toEqual([expect.objectContaining({ key: 'oneOfRegistrationCodeOrBadge' })]);
    await ok(core, 'event.archive', { id: event.id, archived: true });
    const archived = await refused(core, 'checkin.create', {
      id: randomUUID(),
      sessionId: day1,
      registrationId: amina.id,
      method: 'qr',
    });
    expect(archived.code).toBe('conflict');
    expect(checkinCount(core)).toBe(0);
  });

  it('refuses to check in a person whose data was erased, by id, code or badge, and writes nothing', async () => {
    const { core, day1, amina } = await desk();
    const { token } = await ok(core, 'badge.token', { registrationId: amina.id });
    await ok(core, 'person.erase', { participantId: amina.participantId });
    const before = changeCount(core);
    for (const who of [{ registrationId: amina.id }, { code: amina.code }, { badge: token }]) {
      const refusal = await refused(core, 'checkin.create', {
        id: randomUUID(),
        sessionId: day1,
        method: 'qr',
        ...who,
      });
      expect(refusal).toMatchObject({ code: 'conflict', message: expect.stringContaining('erased') });
    }
    expect(checkinCount(core)).toBe(0);
    expect(changeCount(core)).toBe(before);
  });

  it('registers a walk-in and checks them in within the same transaction', async () => {
    const { core, event, day1 } = await desk();
    const nonce = randomUUID();
    const created = await ok(core, 'participant.create', {
      ...person,
      givenNames: 'Grace',
      familyName: 'Wanjiru',
      status: 'walk_in',
      eventId: event.id,
      checkIn: { id: nonce, sessionId: day1 },
    });
    expect(created.checkIn).toMatchObject({ id: nonce, method: 'walk_in', registrationId: created.registration.id });
    // A walk-in whose check-in cannot happen is not registered either: one transaction.
    const people = (await ok(core, 'roster.list', { eventId: event.id })).total;
    const failed = await refused(core, 'participant.create', {
      ...person,
      eventId: event.id,
      checkIn: { id: randomUUID(), sessionId: randomUUID() },
    });
    expect(failed.code).toBe('not_found');
    expect((await ok(core, 'roster.list', { eventId: event.id })).total).toBe(people);
  });

  it('keeps a second check-in that arrives from another kiosk (sync), and flags the person', async () => {
    const { core, event, day1, amina } = await desk();
    await ok(core, 'checkin.create', { id: randomUUID(), sessionId: day1, registrationId: amina.id, method: 'qr' });
    core.ctx.db
      .prepare(
        `INSERT INTO checkins (id, kind, registration_id, session_id, method, device_id, at)
         VALUES (?, 'check_in', ?, ?, 'qr', 'ffffffffffffffff', '2023-09-12T06:20:00.000Z')`,
      )
      .run(randomUUID(), amina.id, day1);
    const list = await ok(core, 'roster.list', { eventId: event.id, sessionId: day1, checkedIn: true });
    expect(list.rows[0]!.attendance).toMatchObject({ device: core.ctx.device, duplicates: true });
    expect((await ok(core, 'checkin.counters', { sessionId: day1 })).checkedIn).toBe(1);
  });

  it('writes check-ins append-only: the same id written twice is an error, never an edit', async () => {
    const { core, day1, amina } = await desk();
    const record = await ok(core, 'checkin.create', {
      id: randomUUID(),
      sessionId: day1,
      registrationId: amina.id,
      method: 'qr',
    });
    const again = {
      kind: 'check_in',
      registration_id: amina.id,
      session_id: day1,
      method: 'manual',
      device_id: core.ctx.device,
      at: record.at,
    };
    expect(() => core.ctx.db.transaction(() => create(core.ctx, checkinEntity, record.id, again)).immediate()).toThrow(
      /UNIQUE constraint failed: checkins.id/,
    );
    expect(() => core.ctx.db.transaction(() => write(core.ctx, checkinEntity, record.id, again)).immediate()).toThrow(
      /appended, never changed/,
    );
    expect((await ok(core, 'checkin.recent', { sessionId: day1 }))[0]).toMatchObject({ id: record.id, method: 'qr' });
  });
});
