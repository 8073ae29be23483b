import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Input } from '../../../electron/core/api/contract';
import type { Core } from '../../../electron/core/context';
import { writeTransaction } from '../../../electron/core/db/transaction';
import { readExportData } from '../../../electron/core/exports/data';
import { summarise } from '../../../electron/core/exports/summary';
import { register } from '../../../electron/core/participants/handlers';
import { applyChanges } from '../../../electron/core/sync/apply';
import { nairobi, ok, tempCore } from '../helpers';
import { content, deliver } from './replicas';

// Nairobi 2023 is over; the Tashkent workshop is on.
const now = Date.parse('2026-11-29T10:00:00.000Z');
const tashkent: Input<'event.create'> = {
  ...nairobi,
  title: 'CT TECH regional workshop: Central Asia',
  city: 'Tashkent',
  country: 'UZ',
  startDate: '2026-11-28',
  endDate: '2026-12-01',
  timeZone: 'Asia/Tashkent',
};

function types(core: Core, eventId: string): string[] {
  const summary = summarise(readExportData(core.ctx, eventId, { includeCancelled: false, signatures: false }));
  return summary.byOrganisationType.filter((c) => c.registered > 0).map((c) => c.key);
}

/** A change as an older Muster (without registrations' own figures) would have written it, from its own device. */
let tick = 0;
function olderChange(entity: string, id: string, fields: Record<string, string>) {
  tick += 1;
  return { hlc: `2026-11-29T10:0${tick}:00.000Z-0000-00000000000000aa`, entity, id, fields };
}

describe('sync of a registration’s figures', () => {
  it('keeps both workshops’ values on a peer after a person edit travels', async () => {
    const a = tempCore({ wallClock: () => now });
    const b = tempCore({ wallClock: () => now });
    const past = await ok(a, 'event.create', nairobi);
    const current = await ok(a, 'event.create', tashkent);
    const { participant } = await ok(a, 'participant.create', {
      eventId: past.id,
      familyName: 'Otieno',
      gender: 'female',
      country: 'KE',
      organisation: 'National Police Service',
      organisationType: 'law_enforcement',
      category: 'partner_state_delegate',
    });
    writeTransaction(a.ctx.db, () =>
      register(a.ctx, current.id, participant.id, { category: 'partner_state_delegate', status: 'confirmed' }),
    );
    for (const event of [past, current]) await deliver(a, b, event.id);
    await ok(a, 'participant.update', { id: participant.id, changes: { organisationType: 'security_agency' } });
    for (const event of [past, current]) await deliver(a, b, event.id);

    for (const core of [a, b]) {
      expect(types(core, past.id)).toEqual(['law_enforcement']);
      expect(types(core, current.id)).toEqual(['security_agency']);
    }
    expect(content(b, past.id)).toEqual(content(a, past.id));
    expect(content(b, current.id)).toEqual(content(a, current.id));

    // A correction made on the peer travels back the same way.
    await ok(b, 'participant.update', { id: participant.id, changes: {}, correctPast: true });
    await deliver(b, a, past.id);
    expect(types(a, past.id)).toEqual(['security_agency']);
  });

  it('reads the person for a registration an older Muster made, and an older edit blanks nothing', async () => {
    const core = tempCore({ wallClock: () => now });
    const event = await ok(core, 'event.create', tashkent);
    const { registration } = await ok(core, 'participant.create', {
      eventId: event.id,
      familyName: 'Yusupova',
      gender: 'female',
      country: 'UZ',
      organisation: 'Ministry of Internal Affairs',
      organisationType: 'government',
      category: 'partner_state_delegate',
    });
    const personId = randomUUID();
    const olderId = randomUUID();
    writeTransaction(core.ctx.db, () =>
      applyChanges(core.ctx.db, [
        olderChange('participant', personId, {
          family_name: 'Rakhimov',
          gender: 'male',
          country: 'KZ',
          organisation: 'Border Service',
          organisation_type: 'security_agency',
          created_at: '2026-11-29T10:00:00.000Z',
          updated_at: '2026-11-29T10:00:00.000Z',
        }),
        olderChange('registration', olderId, {
          event_id: event.id,
          participant_id: personId,
          category: 'partner_state_delegate',
          status: 'confirmed',
          code: 'K7M29QXD',
          created_at: '2026-11-29T10:00:00.000Z',
          updated_at: '2026-11-29T10:00:00.000Z',
        }),
        // An older kiosk's edit of the registration names only what it knew.
        olderChange('registration', registration.id, { category: 'observer', updated_at: '2026-11-29T10:05:00.000Z' }),
      ]),
    );
    expect(types(core, event.id)).toEqual(['government', 'security_agency']);
    const rows = await ok(core, 'roster.list', { eventId: event.id, country: ['KZ'] });
    expect(rows.rows.map((r) => [r.familyName, r.gender, r.organisationType])).toEqual([
      ['Rakhimov', 'male', 'security_agency'],
    ]);
    expect(
      core.ctx.db.prepare('SELECT category, gender, country FROM registrations WHERE id = ?').get(registration.id),
    ).toEqual({ category: 'observer', gender: 'female', country: 'UZ' });
  });
});
