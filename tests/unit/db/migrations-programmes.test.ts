import { describe, expect, it } from 'vitest';
import { nairobi, ok, tempCore } from '../helpers';

const plan = (core: ReturnType<typeof tempCore>, sql: string, ...args: string[]) =>
  (core.ctx.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[])
    .map((p) => p.detail)
    .join('\n');

describe('0015 programmes', () => {
  it('keeps one membership row per event and one decision row per pair, each found by index', async () => {
    const core = tempCore();
    const event = await ok(core, 'event.create', nairobi);
    const programme = await ok(core, 'programme.create', { name: 'CT TECH', eventIds: [event.id] });
    // Membership is keyed by the event: assigning twice does not add a row.
    await ok(core, 'programme.assign', { programmeId: programme.id, eventId: event.id });
    expect(core.ctx.db.prepare('SELECT id, programme_id FROM programme_events').all()).toEqual([
      { id: event.id, programme_id: programme.id },
    ]);
    // A programme's events come by the partial index, not a scan.
    expect(plan(core, 'SELECT id FROM programme_events WHERE programme_id = ?', programme.id)).toMatch(
      /USING (COVERING )?INDEX programme_events_by_programme/,
    );
    expect(plan(core, "SELECT * FROM person_matches WHERE participant_a IN ('a', 'b')")).toMatch(
      /USING INDEX person_matches_by_a/,
    );
    // A decision written from either side lands on the same row.
    const a = await ok(core, 'participant.create', {
      eventId: event.id,
      familyName: 'Otieno',
      gender: 'female',
      country: 'KE',
      organisation: 'NPS',
      organisationType: 'law_enforcement',
      category: 'partner_state_delegate',
    });
    const b = await ok(core, 'participant.create', {
      eventId: event.id,
      familyName: 'Otieno',
      gender: 'female',
      country: 'KE',
      organisation: 'NPS',
      organisationType: 'law_enforcement',
      category: 'partner_state_delegate',
    });
    await ok(core, 'person.merge', { a: a.participant.id, b: b.participant.id });
    await ok(core, 'person.rejectMatch', { a: b.participant.id, b: a.participant.id });
    expect(core.ctx.db.prepare('SELECT decision FROM person_matches').pluck().all()).toEqual(['rejected']);
  });
});
