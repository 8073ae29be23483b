import { describe, expect, it } from 'vitest';
import { nairobi, ok, tempCore } from '../helpers';
import { kioskEvent, nonce, register, strokePng } from '../kiosk/people';

describe('0009 kiosk', () => {
  it('gives every event the kiosk settings, off, and keeps a signature with its check-in, never changed', async () => {
    const core = tempCore();
    const event = await ok(core, 'event.create', nairobi);
    const row = core.ctx.db
      .prepare('SELECT signature_required, privacy_notice, privacy_notice_version FROM events WHERE id = ?')
      .get(event.id);
    expect(row).toEqual({ signature_required: 0, privacy_notice: '', privacy_notice_version: '' });

    const kiosk = await kioskEvent(core);
    const { registration } = await register(core, kiosk.event.id);
    const id = nonce();
    await ok(core, 'kiosk.checkIn', {
      id,
      registrationId: registration.id,
      method: 'qr',
      signature: strokePng().toString('base64'),
    });
    expect(() => core.ctx.db.prepare("UPDATE signatures SET png = 'x' WHERE id = ?").run(id)).toThrow(/never changed/);
    // A signature belongs to a check-in that exists.
    expect(() =>
      core.ctx.db.prepare("INSERT INTO signatures (id, png) VALUES ('no-such-check-in', 'x')").run(),
    ).toThrow(/FOREIGN KEY/);
    // The sign-in sheet looks signatures up by check-in id: the primary key, no scan.
    const plan = core.ctx.db.prepare('EXPLAIN QUERY PLAN SELECT png FROM signatures WHERE id = ?').all(id) as {
      detail: string;
    }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/SEARCH signatures USING PRIMARY KEY/);
  });
});
