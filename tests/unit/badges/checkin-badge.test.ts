import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Input } from '../../../electron/core/api/contract';
import { nairobi, ok, refused, tempCore } from '../helpers';

const person: Omit<Input<'participant.create'>, 'eventId'> = {
  givenNames: 'Amina',
  familyName: 'Otieno',
  gender: 'female',
  country: 'KE',
  organisation: 'National Police Service',
  organisationType: 'law_enforcement',
  category: 'partner_state_delegate',
};

async function desk() {
  const core = tempCore();
  const event = await ok(core, 'event.create', nairobi);
  const amina = (await ok(core, 'participant.create', { ...person, eventId: event.id })).registration;
  return { core, event, day1: event.sessions[0]!.id, amina };
}

describe('check-in by scanned badge', () => {
  it('checks the person in with method qr, once', async () => {
    const { core, day1, amina } = await desk();
    const { token } = await ok(core, 'badge.token', { registrationId: amina.id });
    const record = await ok(core, 'checkin.create', { id: randomUUID(), sessionId: day1, badge: token, method: 'qr' });
    expect(record).toMatchObject({ registrationId: amina.id, method: 'qr', kind: 'check_in' });
    const again = await refused(core, 'checkin.create', {
      id: randomUUID(),
      sessionId: day1,
      badge: token,
      method: 'qr',
    });
    expect(again.code).toBe('already_checked_in');
  });

  it('answers invalid_badge with the reason for a refused token, and cancelled for a cancelled registration', async () => {
    const { core, day1, amina } = await desk();
    const old = await ok(core, 'badge.token', { registrationId: amina.id });
    const renewed = await ok(core, 'badge.reissue', { registrationId: amina.id });
    const revoked = await refused(core, 'checkin.create', {
      id: randomUUID(),
      sessionId: day1,
      badge: old.token,
      method: 'qr',
    });
    expect(revoked).toMatchObject({ code: 'invalid_badge', details: { badge: 'revoked' } });
    // The old short code went with the old badge.
    const oldCode = await refused(core, 'checkin.create', {
      id: randomUUID(),
      sessionId: day1,
      code: old.code,
      method: 'manual',
    });
    expect(oldCode.code).toBe('not_found');
    const garbage = await refused(core, 'checkin.create', {
      id: randomUUID(),
      sessionId: day1,
      badge: 'https://example.org/?x=1',
      method: 'qr',
    });
    expect(garbage).toMatchObject({ code: 'invalid_badge', details: { badge: 'malformed' } });
    await ok(core, 'registration.update', { id: amina.id, changes: { status: 'cancelled' } });
    const cancelled = await refused(core, 'checkin.create', {
      id: randomUUID(),
      sessionId: day1,
      badge: renewed.token,
      method: 'qr',
    });
    expect(cancelled.code).toBe('cancelled');
  });

  it('takes exactly one of registration, code and badge', async () => {
    const { core, day1, amina } = await desk();
    const { token, code } = await ok(core, 'badge.token', { registrationId: amina.id });
    for (const who of [{}, { code, badge: token }, { registrationId: amina.id, badge: token }]) {
      const error = await refused(core, 'checkin.create', { id: randomUUID(), sessionId: day1, method: 'qr', ...who });
      expect(error.issues).toEqual([expect.objectContaining({ key: 'oneOfRegistrationCodeOrBadge' })]);
    }
    const tooLong = await refused(core, 'checkin.create', {
      id: randomUUID(),
      sessionId: day1,
      method: 'qr',
      badge: 'M1.' + 'A'.repeat(5000),
    });
    expect(tooLong.code).toBe('invalid_input');
  });

  it('logs a print through the change path, once per nonce', async () => {
    const { core, amina } = await desk();
    const id = randomUUID();
    const printed = await ok(core, 'badge.print', { id, registrationId: amina.id, layout: 'a6', printer: 'Zebra' });
    expect(printed).toMatchObject({
      id,
      registrationId: amina.id,
      layout: 'a6',
      printer: 'Zebra',
      device: core.ctx.device,
    });
    expect(printed.badge).toMatchObject({
      name: 'Amina Otieno',
      country: 'Kenya',
      categoryLabel: 'Partner-state delegate',
    });
    await ok(core, 'badge.print', { id, registrationId: amina.id, layout: 'a6', printer: 'Zebra' });
    const rows = core.ctx.db.prepare('SELECT count(*) FROM badge_prints').pluck().get();
    const changes = core.ctx.db.prepare("SELECT count(*) FROM changes WHERE entity = 'badge_print'").pluck().get();
    expect([rows, changes]).toEqual([1, 1]);
  });
});
