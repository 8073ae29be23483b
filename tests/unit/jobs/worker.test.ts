import { describe, expect, it } from 'vitest';
import { MusterError } from '../../../electron/core/api/errors';
import { runInWorker, WorkerStopped, type Progress } from '../../../electron/core/jobs/worker-host';
import { generateRoster } from '../../fixtures/roster';
import { encode, rosterCsv } from '../imports/files';

const input = (bytes: Uint8Array) => ({ bytes, eventId: 'e', eventCountry: 'KE', remembered: {} });

describe('work on a worker thread', () => {
  it('runs a task off the main thread, reporting progress, and answers with its result', async () => {
    const progress: Progress[] = [];
    const running = runInWorker('import.read', input(encode(rosterCsv(generateRoster(5000, 1)), 'utf-8')), {
      onProgress: (p) => progress.push(p),
    });
    // The main thread stays free while the worker reads: timers keep firing.
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const result = await running.result;
    clearInterval(timer);
    expect(result.rows).toHaveLength(5000);
    expect(ticks).toBeGreaterThan(0);
    expect(progress.map((p) => p.phase)).toContain('normalising');
    expect(progress.at(-1)).toMatchObject({ phase: 'normalising', done: 5000, total: 5000 });
  }, 30_000);

  it('hands a refusal back as the same typed error', async () => {
    const error = await runInWorker(
      'import.read',
      input(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])),
    ).result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MusterError);
    expect(error).toMatchObject({ code: 'invalid_input', issues: [{ key: 'oldExcel' }] });
  });

  it('keeps a worker warm between tasks, so the next preview starts at once', async () => {
    const small = input(encode('Name,Country\nAmina Otieno,KE\n', 'utf-8'));
    await runInWorker('import.read', small).result;
    const started = performance.now();
    await runInWorker('import.read', small).result;
    expect(performance.now() - started).toBeLessThan(250);
  });

  it('stops at once when cancelled, and the next task still runs', async () => {
    const running = runInWorker('import.read', input(encode(rosterCsv(generateRoster(30_000, 2)), 'utf-8')));
    setTimeout(() => running.cancel(), 20);
    const error = await running.result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerStopped);
    expect((error as WorkerStopped).reason).toBe('cancelled');
    const next = await runInWorker('import.read', input(encode('Name,Country\nA B,KE\n', 'utf-8'))).result;
    expect(next.rows).toHaveLength(1);
  }, 30_000);

  it('ends a worker that outgrows its heap, and only that worker', async () => {
    const big = input(encode(rosterCsv(generateRoster(40_000, 5)), 'utf-8'));
    const error = await runInWorker('import.read', big, { heapMb: 8 }).result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerStopped);
    expect((error as WorkerStopped).reason).toBe('out_of_memory');
    expect(
      (await runInWorker('import.read', input(encode('Name,Country\nA B,KE\n', 'utf-8'))).result).rows,
    ).toHaveLength(1);
  }, 60_000);
});
