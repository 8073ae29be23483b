import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { create } from '../../../electron/core/changes/write';
import { writeTransaction } from '../../../electron/core/db/transaction';
import { signatureEntity } from '../../../electron/core/kiosk/store';
import { strokePng } from '../../fixtures/png';
import { nairobi, ok, tempCore } from '../helpers';

describe('0019 retention', () => {
  it('keeps events that existed before it until erased by hand, and lets only erasure blank a signature', async () => {
    const core = tempCore();
    const db = core.ctx.db;
    // A row as an older Muster wrote it (no retention column): it must never be erased by surprise after an upgrade.
    db.prepare(
      `INSERT INTO events (id, title, venue, city, country, start_date, end_date, time_zone, languages, created_at, updated_at)
       VALUES ('old', 'Old', '', 'Nairobi', 'KE', '2020-01-01', '2020-01-02', 'Africa/Nairobi', '["en"]', 'x', 'x')`,
    ).run();
    expect(db.prepare("SELECT retention_days FROM events WHERE id = 'old'").pluck().get()).toBeNull();
    expect(db.prepare('SELECT count(*) FROM participants WHERE erased_at IS NOT NULL').pluck().get()).toBe(0);

    const event = await ok(core, 'event.create', nairobi);
    const { registration } = await ok(core, 'participant.create', {
      eventId: event.id,
      familyName: 'Otieno',
      gender: 'male',
      country: 'KE',
      organisation: 'NPS',
      organisationType: 'law_enforcement',
      category: 'partner_state_delegate',
    });
    const checkIn = await ok(core, 'checkin.create', {
      id: randomUUID(),
      sessionId: event.sessions[0]!.id,
      registrationId: registration.id,
      method: 'manual',
    });
    writeTransaction(db, () => create(core.ctx, signatureEntity, checkIn.id, { png: strokePng().toString('base64') }));
    expect(() => db.prepare("UPDATE signatures SET png = 'x' WHERE id = ?").run(checkIn.id)).toThrow(/never changed/);
    expect(db.prepare("UPDATE signatures SET png = '' WHERE id = ?").run(checkIn.id).changes).toBe(1);
  });
});
