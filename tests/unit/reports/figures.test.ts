import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '../../../electron/core/api/contract';
import { openCore, type Core } from '../../../electron/core/context';
import { categories, genders, organisationTypes } from '../../../electron/core/participants/schema';
import { buildProgramme, type BuiltProgramme } from '../../fixtures/programme';
import { nairobi, ok, refused } from '../helpers';
import { percent1, truthOf, withZeroes, type ProgrammeTruth } from './truth';

let dir: string;
let core: Core;
let built: BuiltProgramme;
beforeAll(async () => {
  // Not tempDir(): that folder goes after each test, and these share one programme.
  dir = mkdtempSync(path.join(os.tmpdir(), 'muster-report-'));
  core = openCore(path.join(dir, 'muster.sqlite'));
  built = await buildProgramme(core);
}, 60_000);
afterAll(() => {
  core.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every figure of the report against the plan's truth. */
function expectTruth(report: Output<'report.get'>, truth: ProgrammeTruth): void {
  expect(report.workshops).toHaveLength(5);
  report.workshops.forEach((w, i) => {
    const t = truth.workshops[i]!;
    expect(w.eventId).toBe(built.events[i]!.id);
    expect(w.city).toBe(built.events[i]!.city);
    expect(w.country).toBe(built.events[i]!.country);
    expect(w.startDate).toBe(built.events[i]!.startDate);
    expect(w.endDate).toBe(built.events[i]!.endDate);
    expect(w, `workshop ${i}`).toMatchObject({
      registered: t.registered,
      attended: t.attended,
      noShows: t.noShows,
      attendedAllSessions: t.attendedAllSessions,
      countries: t.countries,
      women: t.women,
      genderStated: t.genderStated,
      genderNotStated: t.genderNotStated,
      womenPercent: percent1(t.women, t.genderStated),
      byCategory: withZeroes(t.byCategory, categories),
      otherParticipants: t.otherParticipants,
    });
    expect(w.attendance.map((s) => s.attended)).toEqual(t.perSession);
    expect(w.attendance.map((s) => s.ratePercent)).toEqual(t.perSession.map((n) => percent1(n, t.registered)));
  });
  expect(report.totals).toMatchObject({
    registered: truth.registered,
    uniqueParticipants: truth.uniqueParticipants,
    attendances: truth.attendances,
    attendedAllSessions: truth.attendedAllSessions,
    partnerStates: truth.partnerStates,
    countries: truth.countries,
    women: truth.women,
    genderStated: truth.genderStated,
    genderNotStated: truth.genderNotStated,
    womenPercent: percent1(truth.women, truth.genderStated),
    byCategory: withZeroes(truth.byCategory, categories),
    byGender: withZeroes(truth.byGender, genders),
    byOrganisationType: withZeroes(truth.byOrganisationType, organisationTypes),
    otherParticipants: truth.otherParticipants,
  });
  expect(Object.fromEntries(report.totals.byCountry.map((c) => [c.country, c.attended]))).toEqual(truth.byCountry);
  expect(report.totals.attendance).toHaveLength(15);
}

describe('a five-workshop programme whose figures are known by construction', () => {
  it('reports every per-workshop and total figure as planned, each person counted once', async () => {
    const report = await ok(core, 'report.get', { programmeId: built.programme.id });
    const truth = truthOf(built.plan, false);
    expectTruth(report, truth);
    // By construction: 3 people attend workshops 1 and 2, one attends 3 and 5, and two records of two humans
    // are not merged yet, so they count as four people.
    expect(report.totals.attendances - report.totals.uniqueParticipants).toBe(4);
    // The no-show delegates (IS) and the cancelled ones (NO) represent no partner state; the other categories none.
    expect(report.totals.byCountry.map((c) => c.country)).not.toContain('IS');
    expect(report.totals.byCountry.map((c) => c.country)).not.toContain('NO');
    expect(report.totals.partnerStates).toBe(23);
    expect(report.totals.genderNotStated).toBeGreaterThanOrEqual(5);
    expect(report.matches).toEqual({ confirmed: 0, pending: built.samePeople.length, rejected: 0 });
    expect(report.definitions.attended).toMatch(/at least one session/);
  });

  it('counts a double check-in once in the session, the workshop and the programme', async () => {
    const twice = built.plan.find((p) => p.doubleCheckIn !== undefined)!;
    const session = built.events[twice.workshop]!.sessions[twice.doubleCheckIn!]!;
    const raw = core.ctx.db
      .prepare("SELECT count(*) FROM checkins WHERE session_id = ? AND kind = 'check_in'")
      .pluck()
      .get(session.id) as number;
    const report = await ok(core, 'report.get', { eventId: built.events[twice.workshop]!.id });
    const truth = truthOf(built.plan, false).workshops[twice.workshop]!;
    expect(raw).toBe(truth.perSession[twice.doubleCheckIn!]! + 1);
    expect(report.workshops[0]!.attendance[twice.doubleCheckIn!]!.attended).toBe(
      truth.perSession[twice.doubleCheckIn!],
    );
    expect(report.scope).toBe('event');
    expect(report.programme).toEqual({ id: built.programme.id, name: built.programme.name });
    expect(report.totals.uniqueParticipants).toBe(truth.attended);
  });

  it('lists the planned pairs as matches, and counts a merged pair once until it is unmerged', async () => {
    const listed = await ok(core, 'report.matches', { programmeId: built.programme.id });
    const pairs = listed.matches.map((m) => [m.a.participantId, m.b.participantId].sort().join('|')).sort();
    expect(pairs).toEqual(built.samePeople.map((p) => [...p].sort().join('|')).sort());
    expect(listed.matches.flatMap((m) => m.reasons).sort()).toEqual(['email', 'name_country_organisation']);

    for (const [a, b] of built.samePeople) await ok(core, 'person.merge', { a, b });
    const merged = await ok(core, 'report.get', { programmeId: built.programme.id });
    expectTruth(merged, truthOf(built.plan, true));
    expect(merged.totals.attendances - merged.totals.uniqueParticipants).toBe(6);
    expect(merged.matches).toEqual({ confirmed: 2, pending: 0, rejected: 0 });

    const [a, b] = built.samePeople[0]!;
    await ok(core, 'person.unmerge', { a: b, b: a });
    await ok(core, 'person.rejectMatch', { a, b });
    const after = await ok(core, 'report.get', { programmeId: built.programme.id });
    expect(after.matches).toEqual({ confirmed: 1, pending: 0, rejected: 1 });
    expect(after.totals.uniqueParticipants).toBe(merged.totals.uniqueParticipants + 1);
    // Every decision is a change record keyed by the pair, so it syncs; the last one stands.
    const changes = core.ctx.db
      .prepare("SELECT count(*) FROM changes WHERE entity = 'person_match' AND entity_id = ?")
      .pluck()
      .get([a, b].sort().join('|'));
    expect(changes).toBe(3);
    expect((await refused(core, 'person.merge', { a, b: a })).code).toBe('invalid_input');
    // Back to the planned state for the other tests.
    await ok(core, 'person.unmerge', { a, b });
    for (const [x, y] of built.samePeople) await ok(core, 'person.unmerge', { a: x, b: y });
  });
});

describe('programmes', () => {
  it('create, rename, assign and unassign through change records, one programme per event', async () => {
    const event = await ok(core, 'event.create', { ...nairobi, title: 'National workshop' });
    const p = await ok(core, 'programme.create', { name: 'National follow-up' });
    expect(p.eventIds).toEqual([]);
    const renamed = await ok(core, 'programme.rename', { id: p.id, name: 'National workshops' });
    expect(renamed.name).toBe('National workshops');
    expect((await ok(core, 'programme.assign', { programmeId: p.id, eventId: event.id })).eventIds).toEqual([event.id]);
    // An event in another programme is not taken from it silently.
    const taken = await refused(core, 'programme.assign', { programmeId: p.id, eventId: built.events[0]!.id });
    expect(taken.code).toBe('conflict');
    expect((await ok(core, 'programme.unassign', { programmeId: p.id, eventId: event.id })).eventIds).toEqual([]);
    expect((await refused(core, 'programme.unassign', { programmeId: p.id, eventId: event.id })).code).toBe(
      'not_found',
    );
    const list = await ok(core, 'programme.list', {});
    expect(list.map((x) => x.name)).toEqual(['CT TECH regional workshops', 'National workshops']);
    const entities = core.ctx.db
      .prepare(
        "SELECT entity, count(*) AS n FROM changes WHERE entity LIKE 'programme%' GROUP BY entity ORDER BY entity",
      )
      .all();
    expect(entities).toEqual([
      { entity: 'programme', n: 3 },
      { entity: 'programme_event', n: 7 },
    ]);
    expect((await refused(core, 'report.get', { eventId: built.events[0]!.id, programmeId: p.id })).code).toBe(
      'invalid_input',
    );
  });
});
