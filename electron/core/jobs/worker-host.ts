import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { MusterError, type ApiIssue, type ErrorCode, type ErrorDetails } from '../api/errors';
import type { TaskInput, TaskName, TaskOutput } from './tasks';

/** How far a long piece of work has come, for a screen's progress bar. */
export interface Progress {
  phase: string;
  done: number;
  total: number;
}

/**
 * What the main thread asks a worker to do (with a long list of rows to follow in parts, added to the input as `rows`),
 * a part of those rows, or that it took in the last part of the worker's rows and wants the next.
 */
export type WorkerRequest =
  | { id: number; task: TaskName; input: unknown; rowsToFollow?: number }
  | { id: number; part: unknown[] }
  | { id: number; next: true };

/**
 * What a worker sends back for a request: progress while it works, then one answer. An answer with a long `rows`
 * list sends the rows ahead in parts, never more than two unacknowledged (the main thread says when it took one in):
 * copying 100,000 rows into the main thread at once would stall it for a second or more (and Node takes in every
 * message already waiting in one go), part by part it never stalls for more than a few milliseconds, and other
 * requests run in between.
 */
export type WorkerMessage = { id: number } & (
  | ({ type: 'progress' } & Progress)
  | { type: 'rows'; rows: unknown[] }
  | { type: 'done'; value: unknown }
  | { type: 'failed'; error: { code: ErrorCode; message: string; issues?: ApiIssue[]; details?: ErrorDetails } }
);

/** Rows per part when an answer's rows are sent ahead (a worker keeps two parts on their way, worker.ts). */
export const rowsPerPart = 1000;

export interface Running<T> {
  result: Promise<T>;
  /** Stops the work at once (its worker is ended); `result` then rejects with WorkerStopped('cancelled'). */
  cancel(): void;
}

/** Why a worker ended without an answer. */
export class WorkerStopped extends Error {
  constructor(
    readonly reason: 'cancelled' | 'out_of_memory' | 'crashed',
    message: string,
  ) {
    super(message);
    this.name = 'WorkerStopped';
  }
}

export interface WorkerOptions {
  onProgress?: (progress: Progress) => void;
  /** A dedicated worker with this heap instead of the shared one's (tests use a small one). */
  heapMb?: number;
  /** A long list the task gets as `input.rows`, sent in parts so the main thread never stalls copying it. */
  rows?: readonly unknown[];
}

/** Heap a worker may use; past it the worker stops with 'out_of_memory', and the app carries on. */
export const workerHeapMb = 1536;
/** An idle worker is kept this long for the next task (a preview again with another mapping starts at once). */
const idleMs = 30_000;

let idle: { worker: Worker; timer: NodeJS.Timeout } | null = null;
let nextId = 1;

/**
 * Runs one task (see tasks.ts) on a worker thread, so reading a 100,000-row file or drawing a 200-page PDF never
 * stalls the HTTP server or Electron's main process. One worker is kept warm between tasks (starting one costs a few
 * hundred milliseconds); a second task while one runs gets its own. Cancelling, or running out of memory, ends that
 * worker alone and frees everything it held.
 */
export function runInWorker<N extends TaskName>(
  task: N,
  input: TaskInput<N>,
  options: WorkerOptions = {},
): Running<TaskOutput<N>> {
  const dedicated = options.heapMb !== undefined;
  const worker = options.heapMb !== undefined ? spawn(options.heapMb) : take();
  const id = nextId++;
  let cancelled = false;
  let settled = false;
  const result = new Promise<TaskOutput<N>>((resolve, reject) => {
    const finish = (reusable: boolean, fn: () => void) => {
      if (settled) return;
      settled = true;
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (reusable && !dedicated) release(worker);
      else void worker.terminate();
      fn();
    };
    const rows: unknown[] = [];
    const onMessage = (message: WorkerMessage) => {
      if (message.id !== id) return;
      if (message.type === 'progress') options.onProgress?.(message);
      else if (message.type === 'rows') {
        for (const row of message.rows) rows.push(row);
        setImmediate(() => {
          if (!settled) worker.postMessage({ id, next: true } satisfies WorkerRequest);
        });
      } else if (message.type === 'done') {
        const value = rows.length ? { ...(message.value as object), rows } : message.value;
        finish(true, () => resolve(value as TaskOutput<N>));
      } else
        finish(true, () => {
          const { code, message: text, issues, details } = message.error;
          reject(new MusterError(code, text, issues, details));
        });
    };
    const onError = (error: Error & { code?: string }) => {
      finish(false, () =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new WorkerStopped('out_of_memory', 'The work needed more memory than it may use.')
            : error,
        ),
      );
    };
    const onExit = (code: number) => {
      finish(false, () =>
        reject(
          cancelled
            ? new WorkerStopped('cancelled', 'Cancelled.')
            : new WorkerStopped('crashed', `The worker stopped (exit code ${code}) without an answer.`),
        ),
      );
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
  const rows = options.rows ?? [];
  worker.postMessage({ id, task, input, rowsToFollow: rows.length } satisfies WorkerRequest);
  const sendPart = (start: number) => {
    if (settled || start >= rows.length) return;
    worker.postMessage({ id, part: rows.slice(start, start + rowsPerPart) } satisfies WorkerRequest);
    setImmediate(() => sendPart(start + rowsPerPart));
  };
  sendPart(0);
  return {
    result,
    cancel: () => {
      if (settled) return;
      cancelled = true;
      void worker.terminate();
    },
  };
}

function take(): Worker {
  if (!idle) return spawn(workerHeapMb);
  const { worker, timer } = idle;
  clearTimeout(timer);
  idle = null;
  worker.removeAllListeners('exit');
  worker.ref();
  return worker;
}

function release(worker: Worker): void {
  if (idle) {
    void worker.terminate();
    return;
  }
  // Idle, it must not keep a command-line process alive.
  worker.unref();
  const timer = setTimeout(() => {
    if (idle?.worker === worker) idle = null;
    void worker.terminate();
  }, idleMs);
  timer.unref();
  worker.once('exit', () => {
    if (idle?.worker === worker) {
      clearTimeout(idle.timer);
      idle = null;
    }
  });
  idle = { worker, timer };
}

function spawn(heapMb: number): Worker {
  const { script, asCode } = workerScript();
  return new Worker(script, {
    eval: asCode,
    execArgv: [],
    resourceLimits: { maxOldGenerationSizeMb: heapMb },
  });
}

/**
 * The Electron bundle (dist/electron/main.cjs) has worker.cjs beside it. From source (tests, the command line under
 * tsx) there is no bundle: a small bootstrap registers tsx in the new thread, then loads worker.ts.
 */
function workerScript(): { script: string; asCode: boolean } {
  // CommonJS (the bundle, vitest) has __dirname; ES modules under tsx have import.meta.url.
  const here = typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
  const bundled = path.join(here, 'worker.cjs');
  if (existsSync(bundled)) return { script: bundled, asCode: false };
  const entry = pathToFileURL(path.join(here, 'worker.ts')).href;
  const tsx = path.dirname(createRequire(path.join(here, 'worker-host.ts')).resolve('tsx/package.json'));
  const api = pathToFileURL(path.join(tsx, 'dist', 'esm', 'api', 'index.mjs')).href;
  const code = `
    import(${JSON.stringify(api)})
      .then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })
      .catch((error) => { console.error('[muster] the worker could not start:', error); process.exit(1); });`;
  return { script: code, asCode: true };
}
