import { describe, expect, it } from 'vitest';
import { create } from '../../../electron/core/changes/write';
import { writeTransaction } from '../../../electron/core/db/transaction';
import { signatureFor } from '../../../electron/core/exports/signatures';
import { signatureEntity } from '../../../electron/core/kiosk/store';
import { eventState } from '../../../electron/core/sync/scope';
import { exportBundle, importBundle } from '../../../electron/core/sync/sync';
import { dot, signatureImage, twoStrokes } from '../../fixtures/signature-png';
import { ok } from '../helpers';
import { addPerson, checkIn, deliver, passphrase, replica, seedEvent, type Replica } from './replicas';

const signed = signatureImage({ strokes: twoStrokes });

/** What a peer sends that never went through this version's check: an older Muster's kiosk, or a forged record. */
function storeUnchecked(side: Replica, checkInId: string, png: string): void {
  writeTransaction(side.core.ctx.db, () => create(side.core.ctx, signatureEntity, checkInId, { png }));
}

const drawing = (side: Replica, checkInId: string) =>
  side.core.ctx.db.prepare('SELECT png FROM signatures WHERE id = ?').pluck().get(checkInId);

describe('signatures arriving by sync', () => {
  it('keeps the check-ins and the rest of the bundle, and lands a peer’s blank, dotted or broken signature blank', async () => {
    const kiosk = replica();
    const hq = replica();
    const { eventId, sessionIds } = await seedEvent(kiosk.core);
    const people = await Promise.all(
      ['Otieno', 'Karimova', 'Begić', 'Srisuk'].map((n) => addPerson(kiosk.core, eventId, n)),
    );
    const records = [];
    for (const person of people) records.push(await checkIn(kiosk.core, sessionIds[0]!, person.registration.id));
    const [good, blank, dotted, junk] = records.map((r) => r.id) as [string, string, string, string];
    storeUnchecked(kiosk, good, signed.toString('base64'));
    storeUnchecked(kiosk, blank, signatureImage().toString('base64'));
    storeUnchecked(kiosk, dotted, signatureImage({ strokes: dot, background: 'white' }).toString('base64'));
    storeUnchecked(kiosk, junk, Buffer.from('not an image at all').toString('base64'));

    const received = await deliver(kiosk.core, hq.core, eventId);
    expect(received.applied).toBe(received.received);
    const db = hq.core.ctx.db;
    expect(db.prepare('SELECT count(*) FROM checkins').pluck().get()).toBe(4);
    expect(db.prepare('SELECT count(*) FROM registrations').pluck().get()).toBe(4);
    // The real signature prints; the others leave the empty box to sign on paper, with the check-in time.
    expect(Buffer.from(signatureFor(db, good)!)).toEqual(signed);
    for (const id of [blank, dotted, junk]) {
      expect(signatureFor(db, id)).toBeNull();
      expect(drawing(hq, id)).toBe('');
    }
    // Nor do the unusable drawings travel on in headquarters' log.
    const logged = db.prepare("SELECT fields FROM changes WHERE entity = 'signature' AND entity_id = ?").pluck();
    expect(JSON.parse(logged.get(blank) as string)).toEqual({ png: '' });
    // The changes are the same set on both sides (the blanked ones keep their timestamps).
    expect(eventState(db, eventId).digest).toBe(eventState(kiosk.core.ctx.db, eventId).digest);

    // The kiosk's whole history again: every change is a duplicate, the blanked signatures included.
    const { bytes } = await exportBundle(kiosk.core.ctx, { eventId, passphrase });
    expect(await importBundle(hq.core.ctx, bytes, { passphrase, eventId })).toMatchObject({
      applied: 0,
      duplicates: received.received,
    });
    for (const id of [blank, dotted, junk]) expect(drawing(hq, id)).toBe('');
    // Headquarters forwards to a third replica, through the screens' door (checked on a worker thread): the same there.
    const third = replica();
    const forwarded = await ok(hq.core, 'sync.export', { eventId, passphrase });
    await ok(third.core, 'sync.import', { data: forwarded.data, passphrase, eventId });
    expect(Buffer.from(signatureFor(third.core.ctx.db, good)!)).toEqual(signed);
    for (const id of [blank, dotted, junk]) expect(drawing(third, id)).toBe('');
    expect(eventState(third.core.ctx.db, eventId).digest).toBe(eventState(db, eventId).digest);
  });
});
