// Retention: when an event's period after its end passes, its people's personal data is erased (at start-up and
// daily), and the reports give the same figures afterwards, because what they count is kept.
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openCore, type Core } from '../../../electron/core/context';
import { scheduleRetention } from '../../../electron/core/erasure/schedule';
import { buildProgramme } from '../../fixtures/programme';
import { nairobi, ok, tempDir } from '../helpers';

/** A core whose wall clock the test sets, reopened on the same file as an app restart would. */
function coreAt(file: string, iso: string): Core & { set(iso: string): void } {
  let now = Date.parse(iso);
  const core = openCore(file, { wallClock: () => now });
  return Object.assign(core, { set: (next: string) => (now = Date.parse(next)) });
}

/** A report without the time it was made, which is the one thing allowed to differ. */
const timeless = (report: { generatedAt: string }) => ({ ...report, generatedAt: null });

const withData = (core: Core) =>
  core.ctx.db.prepare('SELECT count(*) FROM participants WHERE erased_at IS NULL').pluck().get() as number;

function person(eventId: string, familyName: string) {
  return {
    eventId,
    familyName,
    gender: 'female' as const,
    country: 'KE',
    organisation: 'National Police Service',
    organisationType: 'law_enforcement' as const,
    category: 'partner_state_delegate' as const,
  };
}

describe('retention', () => {
  it('runs at start-up once the period has passed, and the programme report keeps every figure', async () => {
    const file = path.join(tempDir(), 'muster.sqlite');
    const before = coreAt(file, '2023-12-01T08:00:00Z');
    const built = await buildProgramme(before);
    // Suggested matches need names to be decided: staff settle them before the data goes (README).
    const [merged, rejected] = built.samePeople;
    await ok(before, 'person.merge', { a: merged![0], b: merged![1] });
    await ok(before, 'person.rejectMatch', { a: rejected![0], b: rejected![1] });
    const report = timeless(await ok(before, 'report.get', { programmeId: built.programme.id }));
    const eventReports = await Promise.all(
      built.events.map(async (e) => timeless(await ok(before, 'report.get', { eventId: e.id }))),
    );
    // The last workshop ends on 2023-11-18; the default keeps data 365 days, until 2024-11-17 inclusive.
    expect(built.events.every((e) => e.retentionDays === 365)).toBe(true);
    before.close();

    // A restart on the last workshop's last day kept: only its people keep their data (the others' passed before).
    const lastDay = coreAt(file, '2024-11-17T23:00:00Z');
    scheduleRetention(lastDay.ctx, 24, () => {})();
    const lastWorkshop = lastDay.ctx.db
      .prepare('SELECT count(DISTINCT participant_id) FROM registrations WHERE event_id = ?')
      .pluck()
      .get(built.events[4]!.id) as number;
    expect(lastWorkshop).toBeGreaterThan(10);
    expect(withData(lastDay)).toBe(lastWorkshop);
    lastDay.close();

    const after = coreAt(file, '2024-11-18T06:00:00Z');
    const log: string[] = [];
    scheduleRetention(after.ctx, 24, (m) => log.push(m))();
    try {
      expect(withData(after)).toBe(0);
      await vi.waitFor(() =>
        expect(log).toEqual([expect.stringMatching(/retention erased the personal data of \d+ people/)]),
      );
      // The scheduled runs are in the audit trail as the system's, with how many people each erased.
      const runs = after.ctx.db
        .prepare("SELECT actor, counts FROM audit WHERE action = 'retention.run' ORDER BY seq")
        .all() as { actor: string; counts: string }[];
      expect(runs.map((r) => r.actor)).toEqual(['system', 'system']);
      expect(JSON.parse(runs[1]!.counts)).toEqual({ participantIds: lastWorkshop });
      const again = timeless(await ok(after, 'report.get', { programmeId: built.programme.id }));
      expect(again).toEqual(report);
      for (const [i, e] of built.events.entries()) {
        expect(timeless(await ok(after, 'report.get', { eventId: e.id }))).toEqual(eventReports[i]);
      }
      const status = await ok(after, 'retention.status', {});
      expect(status.lastRunAt).toBe('2024-11-18T06:00:00.000Z');
      expect(status.events.map((e) => [e.keepUntil, e.passed, e.peopleWithData])).toContainEqual([
        '2024-11-17',
        true,
        0,
      ]);
    } finally {
      after.close();
    }
  });

  it('keeps a person while any of their events still holds their data, and events kept by hand', async () => {
    const file = path.join(tempDir(), 'muster.sqlite');
    const core = coreAt(file, '2023-09-01T08:00:00Z');
    try {
      const short = await ok(core, 'event.create', { ...nairobi, retentionDays: 30 });
      const kept = await ok(core, 'event.create', { ...nairobi, title: 'Kept', retentionDays: null });
      const later = await ok(core, 'event.create', {
        ...nairobi,
        title: 'Later',
        startDate: '2024-03-04',
        endDate: '2024-03-05',
        retentionDays: 30,
      });
      const onlyShort = await ok(core, 'participant.create', person(short.id, 'Otieno'));
      const alsoKept = await ok(core, 'participant.create', person(short.id, 'Wanjiku'));
      await ok(core, 'participant.create', person(kept.id, 'Kamau'));
      const alsoLater = await ok(core, 'participant.create', person(short.id, 'Achieng'));
      const { register } = await import('../../../electron/core/participants/handlers');
      const { writeTransaction } = await import('../../../electron/core/db/transaction');
      writeTransaction(core.ctx.db, () => {
        register(core.ctx, kept.id, alsoKept.participant.id, { category: 'observer', status: 'confirmed' });
        register(core.ctx, later.id, alsoLater.participant.id, { category: 'observer', status: 'confirmed' });
      });

      // 2023-09-14 + 30 days = 2023-10-14 is the last day kept.
      core.set('2023-10-14T12:00:00Z');
      expect((await ok(core, 'retention.run', {})).participantIds).toEqual([]);
      core.set('2023-10-15T12:00:00Z');
      expect((await ok(core, 'retention.run', {})).participantIds).toEqual([onlyShort.participant.id]);
      core.set('2024-04-05T12:00:00Z');
      expect((await ok(core, 'retention.run', {})).participantIds).toEqual([alsoLater.participant.id]);
      expect(withData(core)).toBe(2);

      // Choosing "keep until erased by hand" afterwards is a change like any other; a shorter period applies at once.
      await ok(core, 'event.update', { id: kept.id, changes: { retentionDays: 0 } });
      expect((await ok(core, 'retention.run', {})).participantIds.sort()).toEqual(
        [alsoKept.participant.id, (await ok(core, 'roster.list', { eventId: kept.id })).rows[0]!.participantId].sort(),
      );
      expect(withData(core)).toBe(0);
    } finally {
      core.close();
    }
  });

  it('counts an event’s retention days where it took place, not in UTC', async () => {
    const file = path.join(tempDir(), 'muster.sqlite');
    const core = coreAt(file, '2023-09-01T08:00:00Z');
    try {
      // Kept 0 days: the data goes once the last day is over at the venue.
      const portOfSpain = await ok(core, 'event.create', {
        ...nairobi,
        title: 'CT TECH: Caribbean',
        city: 'Port of Spain',
        country: 'TT',
        startDate: '2023-11-15',
        endDate: '2023-11-17',
        timeZone: 'America/Port_of_Spain',
        retentionDays: 0,
      });
      const nairobiWorkshop = await ok(core, 'event.create', { ...nairobi, retentionDays: 0 });
      const caribbean = await ok(core, 'participant.create', { ...person(portOfSpain.id, 'Persad'), country: 'TT' });
      const kenyan = await ok(core, 'participant.create', person(nairobiWorkshop.id, 'Otieno'));

      // 01:00 on the 15th in Nairobi, still the 14th (its last day) in UTC.
      core.set('2023-09-14T22:00:00Z');
      expect((await ok(core, 'retention.run', {})).participantIds).toEqual([kenyan.participant.id]);

      // 21:00 on the last evening in Port of Spain, already the 18th in UTC: people may still be checking out.
      core.set('2023-11-18T01:00:00Z');
      expect((await ok(core, 'retention.run', {})).participantIds).toEqual([]);
      const status = await ok(core, 'retention.status', {});
      expect(status.events.find((e) => e.eventId === portOfSpain.id)).toMatchObject({
        keepUntil: '2023-11-17',
        passed: false,
        peopleWithData: 1,
      });
      core.set('2023-11-18T04:30:00Z');
      expect((await ok(core, 'retention.run', {})).participantIds).toEqual([caribbean.participant.id]);
    } finally {
      core.close();
    }
  });

  it('still runs, reading the day in UTC, when an event came by sync with a time zone this machine does not know', async () => {
    const file = path.join(tempDir(), 'muster.sqlite');
    const core = coreAt(file, '2023-09-01T08:00:00Z');
    try {
      const event = await ok(core, 'event.create', { ...nairobi, retentionDays: 0 });
      const other = await ok(core, 'event.create', { ...nairobi, title: 'Known zone', retentionDays: 0 });
      const unknown = await ok(core, 'participant.create', person(event.id, 'Otieno'));
      const known = await ok(core, 'participant.create', person(other.id, 'Kamau'));
      // As sync applies it: field values are not checked against this machine's zone data.
      core.ctx.db.prepare("UPDATE events SET time_zone = 'America/Not_Yet_Known' WHERE id = ?").run(event.id);
      // Edits still work: whether the event is over is read in UTC.
      const edited = await ok(core, 'participant.update', { id: unknown.participant.id, changes: { country: 'UG' } });
      expect(edited.country).toBe('UG');
      core.set('2023-09-15T06:00:00Z');
      expect((await ok(core, 'retention.run', {})).participantIds.sort()).toEqual(
        [unknown.participant.id, known.participant.id].sort(),
      );
    } finally {
      core.close();
    }
  });

  it('refuses a retention period that is not a whole number of days', async () => {
    const file = path.join(tempDir(), 'muster.sqlite');
    const core = coreAt(file, '2023-09-01T08:00:00Z');
    try {
      const { refused } = await import('../helpers');
      for (const retentionDays of [-1, 1.5, 40_000, '30']) {
        expect((await refused(core, 'event.create', { ...nairobi, retentionDays })).code).toBe('invalid_input');
      }
      expect(await ok(core, 'event.list', {})).toEqual([]);
    } finally {
      core.close();
    }
  });
});
