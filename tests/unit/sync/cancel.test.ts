import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/core/api/dispatch';
import type { Output } from '../../../electron/core/api/contract';
import type { Core } from '../../../electron/core/context';
import { openBundle, type OpenInput } from '../../../electron/core/sync/open';
import { exportBundle, importBundle } from '../../../electron/core/sync/sync';
import { generateRoster, loadRoster } from '../../fixtures/roster';
import { changeCount, ok, refused } from '../helpers';
import { passphrase, replica, seedEvent } from './replicas';

type Status = Output<'sync.progress'>;

/** An event with thousands of people: its bundle takes the worker long enough to verify that a cancel lands mid-way. */
async function bigEvent() {
  const kiosk = replica(0);
  const { eventId } = await seedEvent(kiosk.core);
  loadRoster(kiosk.core.ctx, eventId, generateRoster(4000, 11));
  return { kiosk, eventId };
}

/**
 * Polls a sync until `until` holds of its status (or it has ended), and answers that status. It polls at every turn
 * of the event loop, as often as an export packing its changes lets anyone in.
 */
async function pollUntil(core: Core, jobId: string, until: (s: Status) => boolean): Promise<Status> {
  for (;;) {
    const result = await dispatch(core.ctx, 'sync.progress', { jobId });
    if (result.ok) {
      const status = result.value as Status;
      if (until(status) || ['done', 'failed', 'cancelled'].includes(status.phase)) return status;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function appliedBundles(core: Core): number {
  return core.ctx.db.prepare('SELECT count(*) FROM applied_bundles').pluck().get() as number;
}

function syncImportEntries(core: Core): number {
  return core.ctx.db.prepare("SELECT count(*) FROM audit WHERE action LIKE 'sync.import%'").pluck().get() as number;
}

describe('cancelling a sync', () => {
  it('stops an import while its bundle is checked on the worker, writes nothing, and the same file imports later', async () => {
    const { kiosk, eventId } = await bigEvent();
    const bundle = await exportBundle(kiosk.core.ctx, { eventId, passphrase });
    expect(bundle.changes).toBeGreaterThan(4000);
    const desk = replica(0);
    const before = { changes: changeCount(desk.core), bundles: appliedBundles(desk.core) };
    const data = bundle.bytes.toString('base64');

    const jobId = randomUUID();
    const running = dispatch(desk.core.ctx, 'sync.import', { data, passphrase, jobId });
    const midway = await pollUntil(desk.core, jobId, (s) => s.phase === 'checking' && s.done > 0);
    expect(midway.phase).toBe('checking');
    expect(midway.done).toBeLessThan(midway.total);
    expect(await ok(desk.core, 'sync.cancel', { jobId })).toMatchObject({ jobId, phase: 'checking' });

    const result = await running;
    expect(!result.ok && result.error.code).toBe('cancelled');
    expect(await ok(desk.core, 'sync.progress', { jobId })).toMatchObject({
      phase: 'cancelled',
      error: { code: 'cancelled' },
    });
    expect(changeCount(desk.core)).toBe(before.changes);
    expect(appliedBundles(desk.core)).toBe(before.bundles);
    expect(syncImportEntries(desk.core)).toBe(0);
    expect(desk.core.ctx.db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(0);

    // A second cancel finds nothing to stop and says how the sync ended.
    expect(await ok(desk.core, 'sync.cancel', { jobId })).toMatchObject({ phase: 'cancelled' });

    const again = randomUUID();
    const imported = await ok(desk.core, 'sync.import', { data, passphrase, jobId: again });
    expect(imported).toMatchObject({ eventId, applied: bundle.changes, duplicates: 0 });
    expect(changeCount(desk.core)).toBe(before.changes + bundle.changes);
    expect(appliedBundles(desk.core)).toBe(before.bundles + 1);
    expect(syncImportEntries(desk.core)).toBe(1);
    // Cancelling a sync that finished changes nothing of it.
    expect(await ok(desk.core, 'sync.cancel', { jobId: again })).toMatchObject({ phase: 'done', error: null });
    expect(changeCount(desk.core)).toBe(before.changes + bundle.changes);
  }, 120_000);

  it('stops an export while it is packed, and makes no file', async () => {
    const { kiosk, eventId } = await bigEvent();
    const jobId = randomUUID();
    const running = dispatch(kiosk.core.ctx, 'sync.export', { eventId, passphrase, jobId });
    const sealing = await pollUntil(kiosk.core, jobId, (s) => s.phase === 'sealing' && s.done > 0);
    expect(sealing.phase).toBe('sealing');
    expect(sealing.done).toBeLessThan(sealing.total);
    expect(await ok(kiosk.core, 'sync.cancel', { jobId })).toMatchObject({ jobId });
    const result = await running;
    expect(!result.ok && result.error.code).toBe('cancelled');
    expect(await ok(kiosk.core, 'sync.progress', { jobId })).toMatchObject({ phase: 'cancelled' });
    expect(kiosk.core.ctx.db.prepare("SELECT count(*) FROM audit WHERE action = 'sync.export'").pluck().get()).toBe(0);
    // The same export run again, to its end, hands out the whole file.
    const whole = await ok(kiosk.core, 'sync.export', { eventId, passphrase, jobId: randomUUID() });
    expect(whole.changes).toBeGreaterThan(4000);
  }, 120_000);

  it('stops an import cancelled once its bundle is checked, before its write begins', async () => {
    const { kiosk, eventId } = await bigEvent();
    const bundle = await exportBundle(kiosk.core.ctx, { eventId, passphrase });
    const desk = replica(0);
    const stop = new AbortController();
    // The cancel lands between the worker's answer and the write, as a click in that moment would.
    const open = async (input: OpenInput) => {
      const opened = await openBundle(input);
      stop.abort();
      return opened;
    };
    const error = await importBundle(desk.core.ctx, bundle.bytes, { passphrase, open, signal: stop.signal }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ reason: 'cancelled' });
    expect(changeCount(desk.core)).toBe(0);
    expect(appliedBundles(desk.core)).toBe(0);
  }, 120_000);

  it('answers not_found for a job it never ran', async () => {
    const kiosk = replica(0);
    expect((await refused(kiosk.core, 'sync.cancel', { jobId: randomUUID() })).code).toBe('not_found');
  });
});
