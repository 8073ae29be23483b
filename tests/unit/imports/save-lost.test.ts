import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { generateRoster } from '../../fixtures/roster';
import { nairobi, ok, refused, tempCore } from '../helpers';
import { encode, previewed, rosterCsv } from './files';

// A worker that stops after its save committed, before it could answer: the real save runs, then its answer is lost,
// as when the thread dies between COMMIT and posting the report.
vi.mock(import('../../../electron/core/jobs/worker-host'), async (original) => {
  const real = await original();
  return {
    ...real,
    runInWorker: ((task, input, options) => {
      const running = real.runInWorker(task, input, options);
      if (task !== 'import.save' || !lost.next) return running;
      lost.next = false;
      return {
        cancel: running.cancel,
        result: running.result.then(() => {
          throw new real.WorkerStopped('crashed', 'The worker stopped (exit code 1) without an answer.');
        }),
      };
    }) as typeof real.runInWorker,
  };
});
const lost = { next: false };

describe('a save whose worker stops before it answers', () => {
  it('says what was imported when the import is on disk, and never imports it twice', async () => {
    const core = tempCore();
    const event = await ok(core, 'event.create', nairobi);
    const jobId = randomUUID();
    await previewed(core, event.id, encode(rosterCsv(generateRoster(300, 4)), 'utf-8'), { jobId });
    const rehearsed = await ok(core, 'import.commit', { jobId, onDuplicate: 'add', dryRun: true });
    lost.next = true;
    // The same report the worker would have given, worked out from the plan.
    expect(await ok(core, 'import.commit', { jobId, onDuplicate: 'add' })).toEqual({ ...rehearsed, dryRun: false });
    expect((await ok(core, 'roster.list', { eventId: event.id })).total).toBe(300);
    expect((await ok(core, 'import.status', { jobId })).phase).toBe('committed');
    expect(await refused(core, 'import.commit', { jobId, onDuplicate: 'add' })).toMatchObject({
      code: 'conflict',
      message: 'This import was already committed.',
    });
    // Changes made afterwards still sort after the import's.
    await ok(core, 'event.update', { id: event.id, changes: { venue: 'UN Gigiri' } });
    const order = core.ctx.db.prepare('SELECT hlc FROM changes ORDER BY seq').pluck().all() as string[];
    expect(order).toEqual([...order].sort());
  }, 60_000);

  it('says nothing was imported when a dry run’s answer is lost, though its audit entry committed, and the rows can be saved', async () => {
    const core = tempCore();
    const event = await ok(core, 'event.create', nairobi);
    const jobId = randomUUID();
    await previewed(core, event.id, encode(rosterCsv(generateRoster(50, 4)), 'utf-8'), { jobId });
    // A dry run commits nothing but its audit entry: a lost answer then must not read as an import on disk.
    lost.next = true;
    expect(await refused(core, 'import.commit', { jobId, onDuplicate: 'add', dryRun: true })).toMatchObject({
      code: 'internal',
    });
    expect((await ok(core, 'roster.list', { eventId: event.id })).total).toBe(0);
    expect((await ok(core, 'import.status', { jobId })).phase).toBe('ready');
    expect((await ok(core, 'import.commit', { jobId, onDuplicate: 'add' })).counts.added).toBe(50);
  }, 60_000);
});
