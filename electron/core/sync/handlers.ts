import { MusterError } from '../api/errors';
import type { Handlers } from '../api/handler';
import type { Context } from '../context';
import { addJob, getJob, statusOf, type Job } from '../jobs/registry';
import { runInWorker, type Progress } from '../jobs/worker-host';
import { syncLimits } from './bundle';
import type { syncPhases } from './schema';
import { exportBundle, importBundle, syncStatus } from './sync';
import { conflictsOf } from './conflicts';
import { requireEvent } from '../participants/store';

interface SyncJob extends Job {
  kind: 'sync';
  phase: (typeof syncPhases)[number];
}

/** The file name a bundle is offered under: which event, which device, and when, so a stick of them sorts. */
function bundleName(eventId: string, device: string, at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `muster-sync-${eventId.slice(0, 8)}-${device}-${stamp}.mustersync`;
}

/** Follows a sync for sync.progress when the caller named a job; without one, progress goes nowhere. */
async function tracked<T>(
  ctx: Context,
  jobId: string | undefined,
  first: SyncJob['phase'],
  work: (progress: (p: Progress) => void) => Promise<T>,
): Promise<T> {
  if (jobId === undefined) return work(() => {});
  const job = addJob<SyncJob>(ctx.db, {
    id: jobId,
    kind: 'sync',
    phase: first,
    done: 0,
    total: 0,
    error: null,
    touchedAt: Date.now(),
  });
  try {
    const value = await work((p) => {
      job.phase = p.phase as SyncJob['phase'];
      job.done = p.done;
      job.total = p.total;
    });
    job.phase = 'done';
    job.done = job.total;
    return value;
  } catch (error) {
    job.phase = 'failed';
    job.error =
      error instanceof MusterError
        ? { code: error.code, message: error.message }
        : { code: 'internal', message: 'The sync failed; nothing was changed.' };
    throw error;
  }
}

export const syncHandlers = {
  'sync.status': (ctx, input) => syncStatus(ctx, input.eventId),
  'sync.export': (ctx, input) =>
    tracked(ctx, input.jobId, 'reading', async (progress) => {
      const bundle = await exportBundle(ctx, { ...input, progress });
      return {
        fileName: bundleName(input.eventId, ctx.device, ctx.now()),
        data: bundle.bytes.toString('base64'),
        bytes: bundle.bytes.length,
        changes: bundle.changes,
      };
    }),
  'sync.import': (ctx, input) =>
    tracked(ctx, input.jobId, 'verifying', (progress) =>
      importBundle(ctx, Buffer.from(input.data, 'base64'), {
        passphrase: input.passphrase,
        eventId: input.eventId,
        limits: syncLimits,
        progress,
        // Verifying, decrypting, unpacking and validating run on a worker thread; only the write is here.
        open: (open) => runInWorker('sync.open', open, { onProgress: progress }).result,
      }),
    ),
  'sync.progress': (ctx, input) => statusOf(getJob<SyncJob>(ctx.db, input.jobId, 'sync')),
  'sync.conflicts': (ctx, input) => {
    requireEvent(ctx.db, input.eventId);
    return conflictsOf(ctx.db, input.eventId);
  },
} satisfies Partial<Handlers>;
