import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Input, Output } from '../../../electron/core/api/contract';
import { newId } from '../../../electron/core/api/ids';
import { create, write } from '../../../electron/core/changes/write';
import { checkinEntity } from '../../../electron/core/checkin/store';
import { writeTransaction } from '../../../electron/core/db/transaction';
import { participantEntity, registrationEntity } from '../../../electron/core/participants/store';
import { nairobi, ok, refused, tempCore } from '../helpers';

describe('the live event dashboard', () => {
  it('counts who is expected, who arrived when, and who is in the room, each person once', async () => {
    let now = Date.parse('2023-09-12T05:00:00Z');
    const core = tempCore({ wallClock: () => now });
    const event = await ok(core, 'event.create', nairobi);
    const session = event.sessions[0]!;
    const person = async (familyName: string, fields: Partial<Input<'participant.create'>> = {}): Promise<string> =>
      (
        await ok(core, 'participant.create', {
          eventId: event.id,
          familyName,
          gender: 'male',
          country: 'KE',
          organisation: 'National Police Service',
          organisationType: 'law_enforcement',
          category: 'partner_state_delegate',
          ...fields,
        } as Input<'participant.create'>)
      ).registration.id;
    const amina = await person('Otieno', { gender: 'female' });
    const kamau = await person('Kamau', { gender: 'not_stated', country: 'UG' });
    const smith = await person('Smith', { country: 'US', category: 'embassy', organisationType: 'diplomatic_mission' });
    await person('Karimov', { country: 'UZ' });
    await person('Cancelled', { status: 'cancelled', country: 'NO' });
    const checkIn = async (registrationId: string, at: string) => {
      now = Date.parse(at);
      await ok(core, 'checkin.create', { id: randomUUID(), sessionId: session.id, registrationId, method: 'qr' });
    };
    await checkIn(amina, '2023-09-12T06:05:00Z');
    await checkIn(kamau, '2023-09-12T06:10:00Z');
    await checkIn(smith, '2023-09-12T06:40:00Z');
    // A second kiosk, offline, also checked Amina in: kept in the log, counted once.
    writeTransaction(core.ctx.db, () =>
      create(core.ctx, checkinEntity, newId(), {
        kind: 'check_in',
        registration_id: amina,
        session_id: session.id,
        method: 'qr',
        device_id: 'kiosk-b',
        at: '2023-09-12T06:20:00.000Z',
      }),
    );
    await ok(core, 'checkin.checkout', { id: randomUUID(), sessionId: session.id, registrationId: kamau });

    const board = await ok(core, 'dashboard.get', { sessionId: session.id });
    expect(board).toMatchObject({ eventId: event.id, expected: 4, checkedIn: 3, present: 2 });
    expect(board.arrivals).toEqual([
      { at: '2023-09-12T06:00:00.000Z', count: 2, total: 2 },
      { at: '2023-09-12T06:30:00.000Z', count: 1, total: 3 },
    ]);
    expect(board.byGender).toEqual({
      female: { expected: 1, checkedIn: 1 },
      male: { expected: 2, checkedIn: 1 },
      another: { expected: 0, checkedIn: 0 },
      not_stated: { expected: 1, checkedIn: 1 },
    });
    expect(board.byCategory.embassy).toEqual({ expected: 1, checkedIn: 1 });
    expect(board.byCategory.partner_state_delegate).toEqual({ expected: 3, checkedIn: 2 });
    expect(board.byOrganisationType.diplomatic_mission).toEqual({ expected: 1, checkedIn: 1 });
    expect(board.byCountry).toEqual([
      { country: 'KE', expected: 1, checkedIn: 1 },
      { country: 'UG', expected: 1, checkedIn: 1 },
      { country: 'US', expected: 1, checkedIn: 1 },
      { country: 'UZ', expected: 1, checkedIn: 0 },
    ]);
    const hourly = await ok(core, 'dashboard.get', { sessionId: session.id, bucketMinutes: 60 });
    expect(hourly.arrivals).toEqual([{ at: '2023-09-12T06:00:00.000Z', count: 3, total: 3 }]);
    // The other sessions are untouched.
    expect((await ok(core, 'dashboard.get', { sessionId: event.sessions[1]!.id })).checkedIn).toBe(0);
    expect((await refused(core, 'dashboard.get', { sessionId: randomUUID() })).code).toBe('not_found');
  });

  it('counts a gender a newer replica introduced as another gender, in the report and on the dashboard', async () => {
    const core = tempCore();
    const event = await ok(core, 'event.create', nairobi);
    const session = event.sessions[0]!;
    const people: Output<'participant.create'>[] = [];
    for (const gender of ['female', 'male'] as const) {
      people.push(
        await ok(core, 'participant.create', {
          eventId: event.id,
          familyName: gender,
          gender,
          country: 'KE',
          organisation: 'National Police Service',
          organisationType: 'law_enforcement',
          category: 'partner_state_delegate',
          checkIn: { id: randomUUID(), sessionId: session.id },
        }),
      );
    }
    // A later version's kiosk recorded a gender this one does not know, on the person and (as Muster records figures
    // per workshop) on their registration; its changes arrived by sync.
    writeTransaction(core.ctx.db, () => {
      write(core.ctx, participantEntity, people[1]!.participant.id, { gender: 'non_binary' });
      write(core.ctx, registrationEntity, people[1]!.registration.id, { gender: 'non_binary' });
    });

    const report = await ok(core, 'report.get', { eventId: event.id });
    expect(report.totals.byGender).toEqual({ female: 1, male: 0, another: 1, not_stated: 0 });
    expect(report.totals).toMatchObject({ uniqueParticipants: 2, women: 1, genderStated: 2, womenPercent: 50 });
    const board = await ok(core, 'dashboard.get', { sessionId: session.id });
    expect(board.byGender.another).toEqual({ expected: 1, checkedIn: 1 });
    expect(Object.values(board.byGender).reduce((sum, g) => sum + g.checkedIn, 0)).toBe(board.checkedIn);
  });
});
