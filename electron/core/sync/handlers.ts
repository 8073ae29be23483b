import { conflict, MusterError } from '../api/errors';
import type { Handlers } from '../api/handler';
import type { Context } from '../context';
import { addJob, findJob, getJob, statusOf, type Job } from '../jobs/registry';
import { runInWorker, WorkerStopped, type Progress } from '../jobs/worker-host';
import { syncLimits } from './bundle';
import type { syncPhases } from './schema';
import type { OpenInput } from './open';
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

/** What a sync is given to run: its progress, and a signal sync.cancel aborts (never aborted without a job). */
interface Tracking {
  progress: (p: Progress) => void;
  signal: AbortSignal;
}

/**
 * Follows a sync for sync.progress and sync.cancel when the caller named a job; without one, progress goes nowhere.
 * Cancelling aborts the signal (the export and the import look at it between their steps) and stops the worker an
 * import's bundle is opened on; once the import's write has begun there is nothing left to stop, and the job says done.
 */
async function tracked<T>(
  ctx: Context,
  jobId: string | undefined,
  first: SyncJob['phase'],
  work: (tracking: Tracking) => Promise<T>,
): Promise<T> {
  const stop = new AbortController();
  if (jobId === undefined) return work({ progress: () => {}, signal: stop.signal });
  if (findJob<SyncJob>(ctx.db, jobId, 'sync')?.stop) throw conflict('This sync is still running.');
  const job = addJob<SyncJob>(ctx.db, {
    id: jobId,
    kind: 'sync',
    phase: first,
    done: 0,
    total: 0,
    error: null,
    touchedAt: Date.now(),
    stop: () => stop.abort(),
  });
  try {
    const value = await work({
      signal: stop.signal,
      progress: (p) => {
        job.phase = p.phase as SyncJob['phase'];
        job.done = p.done;
        job.total = p.total;
      },
    });
    job.phase = 'done';
    job.done = job.total;
    return value;
  } catch (error) {
    const cancelled = error instanceof WorkerStopped && error.reason === 'cancelled';
    job.phase = cancelled ? 'cancelled' : 'failed';
    const answer = cancelled ? new MusterError('cancelled', 'The sync was cancelled; nothing was changed.') : error;
    job.error =
      answer instanceof MusterError
        ? { code: answer.code, message: answer.message }
        : { code: 'internal', message: 'The sync failed; nothing was changed.' };
    throw answer;
  } finally {
    delete job.stop;
  }
}

/** Opens a bundle on a worker thread that an aborted signal ends at once. */
function openInWorker(signal: AbortSignal, progress: (p: Progress) => void) {
  return (open: OpenInput) => {
    const running = runInWorker('sync.open', open, { onProgress: progress });
    signal.addEventListener('abort', running.cancel, { once: true });
    return running.result.finally(() => signal.removeEventListener('abort', running.cancel));
  };
}

export const syncHandlers = {
  'sync.status': (ctx, input) => syncStatus(ctx, input.eventId),
  'sync.export': (ctx, input) =>
    tracked(ctx, input.jobId, 'reading', async ({ progress, signal }) => {
      const bundle = await exportBundle(ctx, { ...input, progress, signal });
      return {
        fileName: bundleName(input.eventId, ctx.device, ctx.now()),
        data: bundle.bytes.toString('base64'),
        bytes: bundle.bytes.length,
        changes: bundle.changes,
      };
    }),
  'sync.import': (ctx, input) =>
    tracked(ctx, input.jobId, 'verifying', ({ progress, signal }) =>
      importBundle(ctx, Buffer.from(input.data, 'base64'), {
        passphrase: input.passphrase,
        eventId: input.eventId,
        limits: syncLimits,
        progress,
        signal,
        // Verifying, decrypting, unpacking and validating run on a worker thread; only the write is here.
        open: openInWorker(signal, progress),
      }),
    ),
  'sync.progress': (ctx, input) => statusOf(getJob<SyncJob>(ctx.db, input.jobId, 'sync')),
  // A second cancel, or one of a finished sync, finds nothing to stop and answers how the sync ended.
  'sync.cancel': (ctx, input) => {
    const job = getJob<SyncJob>(ctx.db, input.jobId, 'sync');
    job.stop?.();
    return statusOf(job);
  },
  'sync.conflicts': (ctx, input) => {
    requireEvent(ctx.db, input.eventId);
    return conflictsOf(ctx.db, input.eventId);
  },
} satisfies Partial<Handlers>;
