import { describe, expect, it } from 'vitest';
import { openBundle, type OpenInput } from '../../../electron/core/sync/open';
import { eventState } from '../../../electron/core/sync/scope';
import { exportBundle, importBundle, rememberedBundleChanges } from '../../../electron/core/sync/sync';
import { generateRoster, loadRoster } from '../../fixtures/roster';
import { changeCount } from '../helpers';
import { addPerson, passphrase, replica, seedEvent } from './replicas';

/** Counts how often a bundle is opened the slow way (unpacked and every change validated). */
function counted() {
  const calls = { n: 0 };
  const open = (input: OpenInput) => {
    calls.n += 1;
    return openBundle(input);
  };
  return { calls, open };
}

async function bigBundle() {
  const kiosk = replica(0);
  const { eventId } = await seedEvent(kiosk.core);
  loadRoster(kiosk.core.ctx, eventId, generateRoster(Math.ceil(rememberedBundleChanges / 2), 7));
  const bundle = await exportBundle(kiosk.core.ctx, { eventId, passphrase });
  expect(bundle.changes).toBeGreaterThanOrEqual(rememberedBundleChanges);
  return { kiosk, eventId, bundle };
}

describe('importing the same bundle again', () => {
  it('answers from what was applied, without unpacking or checking each change, and changes nothing', async () => {
    const { kiosk, eventId, bundle } = await bigBundle();
    const target = replica(0);
    const { calls, open } = counted();
    const first = await importBundle(target.core.ctx, bundle.bytes, { passphrase, open });
    expect(first).toMatchObject({ applied: bundle.changes, duplicates: 0 });
    expect(calls.n).toBe(1);
    const changes = changeCount(target.core);

    const again = await importBundle(target.core.ctx, bundle.bytes, { passphrase, eventId, open });
    expect(calls.n).toBe(1);
    expect(again).toEqual({ ...first, applied: 0, duplicates: bundle.changes });
    expect(changeCount(target.core)).toBe(changes);
    expect(again.digest).toBe(eventState(kiosk.core.ctx.db, eventId).digest);
  });

  it('still refuses the wrong passphrase and another event, and re-checks a bundle it has not seen whole', async () => {
    const { eventId, bundle } = await bigBundle();
    const target = replica(0);
    await importBundle(target.core.ctx, bundle.bytes, { passphrase });
    const wrongPassphrase = await importBundle(target.core.ctx, bundle.bytes, {
      passphrase: 'not the passphrase',
    }).catch((e: unknown) => e);
    expect(wrongPassphrase).toMatchObject({ code: 'sync_refused', details: { sync: 'wrong_passphrase' } });
    const other = await seedEvent(target.core);
    const wrongEvent = await importBundle(target.core.ctx, bundle.bytes, { passphrase, eventId: other.eventId }).catch(
      (e: unknown) => e,
    );
    expect(wrongEvent).toMatchObject({ code: 'sync_refused', details: { sync: 'wrong_event' } });

    // One byte changed is another file: it goes through every check, and its altered signature is refused.
    const altered = Buffer.from(bundle.bytes);
    altered[altered.length - 1] = (altered[altered.length - 1] ?? 0) ^ 1;
    const { calls, open } = counted();
    const tampered = await importBundle(target.core.ctx, altered, { passphrase, eventId, open }).catch(
      (e: unknown) => e,
    );
    expect(calls.n).toBe(1);
    expect(tampered).toMatchObject({ code: 'sync_refused', details: { sync: 'tampered' } });
  });

  it('does not remember small bundles (hub rounds), nor a bundle that was refused', async () => {
    const kiosk = replica(0);
    const { eventId } = await seedEvent(kiosk.core);
    await addPerson(kiosk.core, eventId, 'Otieno');
    const small = await exportBundle(kiosk.core.ctx, { eventId, passphrase });
    const target = replica(0);
    await importBundle(target.core.ctx, small.bytes, { passphrase });
    const { calls, open } = counted();
    const again = await importBundle(target.core.ctx, small.bytes, { passphrase, open });
    expect(calls.n).toBe(1);
    expect(again).toMatchObject({ applied: 0, duplicates: small.changes });
    const remembered = () => target.core.ctx.db.prepare('SELECT count(*) FROM applied_bundles').pluck().get();
    expect(remembered()).toBe(0);

    const big = await bigBundle();
    await importBundle(target.core.ctx, big.bundle.bytes, { passphrase: 'not the passphrase' }).catch(() => undefined);
    expect(remembered()).toBe(0);
  });
});
