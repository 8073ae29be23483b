import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Input } from '../../../electron/core/api/contract';
import type { Core } from '../../../electron/core/context';
import { changeCount, nairobi, ok, refused, tempCore } from '../helpers';

describe('events', () => {
  it('creates an event with one session per day, 09:00–17:00, named Day 1..n', async () => {
    const core = tempCore();
    const event = await ok(core, 'event.create', nairobi);
    expect(event).toMatchObject({ ...nairobi, archived: false, sessionCount: 3 });
    expect(event.sessions.map((s) => [s.name, s.date, s.startTime, s.endTime])).toEqual([
      ['Day 1', '2023-09-12', '09:00', '17:00'],
      ['Day 2', '2023-09-13', '09:00', '17:00'],
      ['Day 3', '2023-09-14', '09:00', '17:00'],
    ]);
    expect(await ok(core, 'event.get', { id: event.id })).toEqual(event);
  });

  it('trims text and lists events newest first, hiding archived ones unless asked', async () => {
    const core = tempCore();
    const sarajevo = await ok(core, 'event.create', {
      ...nairobi,
      title: '  Western Balkans workshop ',
      city: 'Sarajevo',
      country: 'BA',
      startDate: '2023-10-24',
      endDate: '2023-10-25',
      timeZone: 'Europe/Sarajevo',
    });
    const kenya = await ok(core, 'event.create', nairobi);
    expect(sarajevo.title).toBe('Western Balkans workshop');
    expect((await ok(core, 'event.list', {})).map((e) => e.city)).toEqual(['Sarajevo', 'Nairobi']);
    await ok(core, 'event.archive', { id: kenya.id, archived: true });
    expect((await ok(core, 'event.list', {})).map((e) => e.city)).toEqual(['Sarajevo']);
    const all = await ok(core, 'event.list', { includeArchived: true });
    expect(all.find((e) => e.id === kenya.id)?.archived).toBe(true);
  });

  it('records only the fields an edit changed, and nothing for an edit that changes nothing', async () => {
    const core = tempCore();
    const event = await ok(core, 'event.create', nairobi);
    const before = changeCount(core);
    await ok(core, 'event.update', {
      id: event.id,
      changes: { ...nairobi, venue: 'Kenyatta International Convention Centre' },
    });
    const last = core.ctx.db
      .prepare('SELECT entity, entity_id, fields FROM changes ORDER BY seq DESC LIMIT 1')
      .get() as {
      fields: string;
    };
    expect(last).toMatchObject({ entity: 'event', entity_id: event.id });
    expect(Object.keys(JSON.parse(last.fields)).sort()).toEqual(['updated_at', 'venue']);
    expect(changeCount(core)).toBe(before + 1);
    await ok(core, 'event.update', { id: event.id, changes: { venue: 'Kenyatta International Convention Centre' } });
    expect(changeCount(core)).toBe(before + 1);
  });

  it('gives new days their sessions when an event is extended, and refuses to strand sessions when shortened', async () => {
    const core = tempCore();
    const event = await ok(core, 'event.create', nairobi);
    const longer = await ok(core, 'event.update', { id: event.id, changes: { endDate: '2023-09-15' } });
    expect(longer.sessions.map((s) => s.date)).toEqual(['2023-09-12', '2023-09-13', '2023-09-14', '2023-09-15']);
    expect(longer.sessions.at(-1)?.name).toBe('Day 4');
    // A day added before the first is numbered from it: Day 0, not a second Day 1 on the sign-in sheets.
    const earlier = await ok(core, 'event.update', { id: event.id, changes: { startDate: '2023-09-11' } });
    expect(earlier.sessions.map((s) => [s.name, s.date])).toEqual([
      ['Day 0', '2023-09-11'],
      ['Day 1', '2023-09-12'],
      ['Day 2', '2023-09-13'],
      ['Day 3', '2023-09-14'],
      ['Day 4', '2023-09-15'],
    ]);
    await ok(core, 'session.remove', { id: earlier.sessions[0]!.id });
    await ok(core, 'event.update', { id: event.id, changes: { startDate: '2023-09-12' } });
    const error = await refused(core, 'event.update', { id: event.id, changes: { startDate: '2023-09-13' } });
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/Day 1.*2023-09-12.*outside the new dates/);
    expect((await ok(core, 'event.get', { id: event.id })).startDate).toBe('2023-09-12');
  });

  it('checks the merged dates of a partial edit', async () => {
    const core = tempCore();
    const event = await ok(core, 'event.create', nairobi);
    const error = await refused(core, 'event.update', { id: event.id, changes: { endDate: '2023-09-01' } });
    expect(error).toMatchObject({ code: 'invalid_input', issues: [{ path: ['endDate'], key: 'endBeforeStart' }] });
  });

  it('refuses edits to an archived event until it is restored', async () => {
    const core = tempCore();
    const event = await ok(core, 'event.create', nairobi);
    await ok(core, 'event.archive', { id: event.id, archived: true });
    expect((await refused(core, 'event.update', { id: event.id, changes: { title: 'New' } })).code).toBe('conflict');
    expect((await refused(core, 'session.add', { eventId: event.id, date: '2023-09-12' })).code).toBe('conflict');
    await ok(core, 'event.archive', { id: event.id, archived: false });
    expect((await ok(core, 'event.update', { id: event.id, changes: { title: 'New' } })).title).toBe('New');
  });

  it('answers not_found for an event that does not exist', async () => {
    const core = tempCore();
    const error = await refused(core, 'event.get', { id: '00000000-0000-4000-8000-000000000000' });
    expect(error).toEqual({ code: 'not_found', message: 'Event 00000000-0000-4000-8000-000000000000 was not found.' });
  });

  it('explains every invalid field at once, with keys the screens translate', async () => {
    const core = tempCore();
    const error = await refused(core, 'event.create', {
      ...nairobi,
      title: '   ',
      country: 'XX',
      timeZone: 'Mars/Olympus_Mons',
      languages: ['en', 'en'],
      startDate: '2023-02-30',
    });
    expect(error.code).toBe('invalid_input');
    expect(error.issues?.map((i) => [i.path.join('.'), i.key])).toEqual(
      expect.arrayContaining([
        ['title', 'blank'],
        ['country', 'unknownCountry'],
        ['timeZone', 'unknownTimeZone'],
        ['languages', 'duplicateLanguage'],
      ]),
    );
    expect(error.issues?.some((i) => i.path[0] === 'startDate')).toBe(true);
    expect(await ok(core, 'event.list', {})).toEqual([]);
    expect(changeCount(core)).toBe(0);
  });

  it('refuses an event longer than 62 days and unknown fields', async () => {
    const core = tempCore();
    expect((await refused(core, 'event.create', { ...nairobi, endDate: '2024-09-14' })).issues?.[0]?.key).toBe(
      'eventTooLong',
    );
    expect((await refused(core, 'event.create', { ...nairobi, admin: true })).code).toBe('invalid_input');
  });
});

describe('sessions', () => {
  it('adds, renames, re-times and removes sessions, each as a change', async () => {
    const core = tempCore();
    const event = await ok(core, 'event.create', nairobi);
    const evening = await ok(core, 'session.add', {
      eventId: event.id,
      date: '2023-09-13',
      startTime: '18:00',
      endTime: '20:00',
    });
    expect(evening.name).toBe('Day 2 – session 2');
    const renamed = await ok(core, 'session.update', {
      id: evening.id,
      changes: { name: 'Reception', startTime: '18:30' },
    });
    expect(renamed).toMatchObject({ name: 'Reception', startTime: '18:30', endTime: '20:00' });
    const first = event.sessions[0]!;
    const after = await ok(core, 'session.remove', { id: first.id });
    expect(after.sessions.map((s) => s.name)).toEqual(['Day 2', 'Reception', 'Day 3']);
    // The removal is a tombstone, so it can sync; the row stays.
    expect(core.ctx.db.prepare('SELECT removed_at IS NOT NULL FROM sessions WHERE id = ?').pluck().get(first.id)).toBe(
      1,
    );
    expect((await refused(core, 'session.update', { id: first.id, changes: { name: 'x' } })).code).toBe('not_found');
  });

  it('keeps sessions inside the event dates and ending after they start', async () => {
    const core = tempCore();
    const event = await ok(core, 'event.create', nairobi);
    const day = event.sessions[0]!;
    expect((await refused(core, 'session.add', { eventId: event.id, date: '2023-09-20' })).issues?.[0]?.key).toBe(
      'sessionOutsideEvent',
    );
    expect(
      (await refused(core, 'session.add', { eventId: event.id, date: '2023-09-12', startTime: '18:00' })).issues?.[0]
        ?.key,
    ).toBe('endTimeBeforeStart');
    expect(
      (await refused(core, 'session.update', { id: day.id, changes: { endTime: '08:00' } })).issues?.[0]?.key,
    ).toBe('endTimeBeforeStart');
    expect(
      (await refused(core, 'session.update', { id: day.id, changes: { startTime: '25:00' } })).issues?.[0]?.key,
    ).toBe('clockTime');
  });

  it('refuses to remove the last session of an event', async () => {
    const core = tempCore();
    const event = await ok(core, 'event.create', { ...nairobi, endDate: nairobi.startDate });
    const error = await refused(core, 'session.remove', { id: event.sessions[0]!.id });
    expect(error.code).toBe('conflict');
    expect((await ok(core, 'event.get', { id: event.id })).sessions).toHaveLength(1);
  });
});

describe('new sessions’ names in the event’s first language', () => {
  const days = {
    en: ['Day 1', 'Day 2', 'Day 3'],
    fr: ['Jour 1', 'Jour 2', 'Jour 3'],
    es: ['Día 1', 'Día 2', 'Día 3'],
    ru: ['День 1', 'День 2', 'День 3'],
    ar: ['اليوم 1', 'اليوم 2', 'اليوم 3'],
  } as const;
  for (const [language, names] of Object.entries(days) as [keyof typeof days, readonly string[]][]) {
    it(`names the days of a new event in ${language}`, async () => {
      const core = tempCore();
      const second = language === 'en' ? 'fr' : 'en';
      const event = await ok(core, 'event.create', { ...nairobi, languages: [language, second] });
      expect(event.sessions.map((s) => s.name)).toEqual(names);
    });
  }

  it('names a second session of a day, and days added by longer dates, in that language too', async () => {
    const core = tempCore();
    const event = await ok(core, 'event.create', { ...nairobi, languages: ['ru'] });
    const evening = await ok(core, 'session.add', {
      eventId: event.id,
      date: '2023-09-13',
      startTime: '18:00',
      endTime: '20:00',
    });
    expect(evening.name).toBe('День 2 – заседание 2');
    const longer = await ok(core, 'event.update', { id: event.id, changes: { endDate: '2023-09-15' } });
    expect(longer.sessions.at(-1)?.name).toBe('День 4');
  });

  it('keeps the names an event already has when its languages change', async () => {
    const core = tempCore();
    const event = await ok(core, 'event.create', nairobi);
    const french = await ok(core, 'event.update', { id: event.id, changes: { languages: ['fr'] } });
    expect(french.sessions.map((s) => s.name)).toEqual(['Day 1', 'Day 2', 'Day 3']);
  });
});

describe('dates and days after people came', () => {
  const portOfSpain: Input<'event.create'> = {
    ...nairobi,
    title: 'CT TECH: Caribbean',
    city: 'Port of Spain',
    country: 'TT',
    startDate: '2023-11-15',
    endDate: '2023-11-17',
    timeZone: 'America/Port_of_Spain',
    languages: ['en', 'es'],
  };

  async function withAttendee(core: Core) {
    const event = await ok(core, 'event.create', portOfSpain);
    const created = await ok(core, 'participant.create', {
      eventId: event.id,
      familyName: 'Mohammed',
      givenNames: 'Aisha',
      gender: 'female',
      country: 'TT',
      organisation: 'Trinidad and Tobago Police Service',
      organisationType: 'law_enforcement',
      category: 'partner_state_delegate',
      checkIn: { id: randomUUID(), sessionId: event.sessions[2]!.id },
    });
    return { event, registrationId: created.registration.id };
  }

  const attended = async (core: Core, eventId: string) => {
    const report = await ok(core, 'report.get', { eventId });
    return report.workshops[0]!.attended;
  };

  it('refuses to remove a day people checked in to, which would drop them from the figures', async () => {
    const core = tempCore();
    const { event } = await withAttendee(core);
    const day3 = event.sessions[2]!;
    const before = changeCount(core);
    const error = await refused(core, 'session.remove', { id: day3.id });
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('"Day 3" (2023-11-17, 1 checked in)');
    expect(changeCount(core)).toBe(before);
    expect(await attended(core, event.id)).toBe(1);
    // A day nobody came to can still go.
    expect((await ok(core, 'session.remove', { id: event.sessions[1]!.id })).sessions).toHaveLength(2);
  });

  it('removes the day once its check-ins are undone, and keeps a day of check-ins that were checked out', async () => {
    const core = tempCore();
    const { event, registrationId } = await withAttendee(core);
    const day3 = event.sessions[2]!;
    const roster = await ok(core, 'roster.list', { eventId: event.id, sessionId: day3.id });
    const checkInId = roster.rows[0]!.attendance!.checkInId;
    await ok(core, 'checkin.checkout', { id: randomUUID(), sessionId: day3.id, registrationId });
    expect((await refused(core, 'session.remove', { id: day3.id })).code).toBe('conflict');
    await ok(core, 'checkin.undo', { id: randomUUID(), recordId: checkInId });
    expect((await ok(core, 'session.remove', { id: day3.id })).sessions.map((s) => s.date)).toEqual([
      '2023-11-15',
      '2023-11-16',
    ]);
  });

  it('renames and re-times a day people checked in to, but keeps its date', async () => {
    const core = tempCore();
    const { event } = await withAttendee(core);
    const day3 = event.sessions[2]!;
    const renamed = await ok(core, 'session.update', {
      id: day3.id,
      changes: { name: 'Closing day', startTime: '08:30' },
    });
    expect(renamed).toMatchObject({ name: 'Closing day', startTime: '08:30', date: '2023-11-17' });
    const error = await refused(core, 'session.update', { id: day3.id, changes: { date: '2023-11-16' } });
    expect(error.code).toBe('conflict');
    expect((await ok(core, 'event.get', { id: event.id })).sessions[2]?.date).toBe('2023-11-17');
  });

  it('moves a postponed workshop’s days with its dates, names and times kept', async () => {
    const core = tempCore();
    const event = await ok(core, 'event.create', portOfSpain);
    await ok(core, 'session.update', { id: event.sessions[1]!.id, changes: { startTime: '10:00' } });
    const moved = await ok(core, 'event.update', {
      id: event.id,
      changes: { startDate: '2023-11-22', endDate: '2023-11-24' },
    });
    expect(moved.sessions.map((s) => [s.id, s.name, s.date, s.startTime])).toEqual([
      [event.sessions[0]!.id, 'Day 1', '2023-11-22', '09:00'],
      [event.sessions[1]!.id, 'Day 2', '2023-11-23', '10:00'],
      [event.sessions[2]!.id, 'Day 3', '2023-11-24', '09:00'],
    ]);
    // Across a month end and back again, by one day.
    const back = await ok(core, 'event.update', {
      id: event.id,
      changes: { startDate: '2023-11-29', endDate: '2023-12-01' },
    });
    expect(back.sessions.map((s) => s.date)).toEqual(['2023-11-29', '2023-11-30', '2023-12-01']);
    // Moved and made longer at once: refused with the way to do it, which then works in two edits.
    const both = await refused(core, 'event.update', {
      id: event.id,
      changes: { startDate: '2023-12-06', endDate: '2023-12-09' },
    });
    expect(both.message).toContain('first change both dates by the same number of days');
    await ok(core, 'event.update', { id: event.id, changes: { startDate: '2023-12-06', endDate: '2023-12-08' } });
    const longer = await ok(core, 'event.update', { id: event.id, changes: { endDate: '2023-12-09' } });
    expect(longer.sessions.map((s) => [s.name, s.date])).toEqual([
      ['Day 1', '2023-12-06'],
      ['Day 2', '2023-12-07'],
      ['Day 3', '2023-12-08'],
      ['Day 4', '2023-12-09'],
    ]);
  });

  it('refuses to move a workshop someone already checked in to, and changes nothing', async () => {
    const core = tempCore();
    const { event } = await withAttendee(core);
    const before = changeCount(core);
    const error = await refused(core, 'event.update', {
      id: event.id,
      changes: { startDate: '2023-11-22', endDate: '2023-11-24' },
    });
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('"Day 3"');
    expect(changeCount(core)).toBe(before);
    expect((await ok(core, 'event.get', { id: event.id })).startDate).toBe('2023-11-15');
  });

  it('keeps a time zone typed in lower case as the zone database spells it, and an edit in another case changes nothing', async () => {
    const core = tempCore();
    const event = await ok(core, 'event.create', { ...portOfSpain, timeZone: 'america/port_of_spain' });
    expect(event.timeZone).toBe('America/Port_of_Spain');
    const before = changeCount(core);
    await ok(core, 'event.update', { id: event.id, changes: { timeZone: 'AMERICA/PORT_OF_SPAIN' } });
    expect(changeCount(core)).toBe(before);
    // An alias is a zone of its own name: kept as given, not swapped for another.
    expect((await ok(core, 'event.create', { ...portOfSpain, timeZone: 'Asia/Calcutta' })).timeZone).toBe(
      'Asia/Calcutta',
    );
  });

  it('refuses a year typed with two digits (0023), which would be past its retention, and its people erased, the moment it is saved', async () => {
    const core = tempCore();
    const error = await refused(core, 'event.create', {
      ...portOfSpain,
      startDate: '0023-11-15',
      endDate: '0023-11-17',
    });
    expect(error.issues?.map((i) => [i.path[0], i.key])).toEqual([
      ['startDate', 'dateOutOfRange'],
      ['endDate', 'dateOutOfRange'],
    ]);
    expect(changeCount(core)).toBe(0);
    const event = await ok(core, 'event.create', portOfSpain);
    const moved = await refused(core, 'event.update', {
      id: event.id,
      changes: { startDate: '2123-11-15', endDate: '2123-11-17' },
    });
    expect(moved.issues?.[0]).toMatchObject({ path: ['changes', 'startDate'], key: 'dateOutOfRange' });
    expect((await ok(core, 'event.get', { id: event.id })).startDate).toBe('2023-11-15');
  });
});
