import { describe, expect, it } from 'vitest';
import { nairobi, ok, tempCore } from '../helpers';
import { register } from '../kiosk/people';

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
});
