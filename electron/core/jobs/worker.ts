// A worker thread's entry (bundled as dist/electron/worker.cjs): runs each task it is sent (one at a time),
// reporting progress, then posts the answer and waits for the next. An expected refusal (MusterError) crosses as a
// typed error; anything else as `internal`, with the detail logged here for the operator.
import { parentPort } from 'node:worker_threads';
import { MusterError } from '../api/errors';
import { storageFailure, storageMessages, storeBusy, storeBusyMessage } from '../db/store-error';
import { rowsPerPart, type Progress, type WorkerMessage, type WorkerRequest } from './worker-host';
import { tasks, type TaskName } from './tasks';

if (!parentPort) throw new Error('worker.ts runs only as a worker thread.');
const port = parentPort;

// The main thread says when it has taken in each part of a long list of rows (in order): who waits for which.
const waiting = new Map<number, (() => void)[]>();
const taken = (id: number) =>
  new Promise<void>((resolve) => {
    const queue = waiting.get(id);
    if (queue) queue.push(resolve);
    else waiting.set(id, [resolve]);
  });

/**
 * Parts of rows sent before the first is taken in: the next part is copied here while the main thread takes in the
 * last, where one at a time left each thread waiting for the other. Two parts waiting are at most two parts the
 * main thread takes in at one go (rowsPerPart is sized for that).
 */
const partsAhead = 2;

async function run({ id, task, input }: { id: number; task: TaskName; input: unknown }): Promise<void> {
  const post = (message: WorkerMessage) => port.postMessage(message);
  try {
    const perform = tasks[task] as (input: unknown, progress: (p: Progress) => void) => Promise<unknown>;
    const value = await perform(input, (p) => post({ id, type: 'progress', ...p }));
    const rows = (value as { rows?: unknown })?.rows;
    if (Array.isArray(rows) && rows.length > rowsPerPart) {
      const sent: Promise<void>[] = [];
      for (let start = 0; start < rows.length; start += rowsPerPart) {
        if (sent.length === partsAhead) await sent.shift();
        sent.push(taken(id));
        post({ id, type: 'rows', rows: rows.slice(start, start + rowsPerPart) });
      }
      await Promise.all(sent);
      waiting.delete(id);
      post({ id, type: 'done', value: { ...(value as object), rows: [] } });
    } else {
      post({ id, type: 'done', value });
    }
  } catch (error) {
    const storage = storageFailure(error);
    if (error instanceof MusterError) {
      // Details cross too: a refused sync bundle says why (sync_refused and its reason).
      const { code, message, issues, details } = error;
      post({
        id,
        type: 'failed',
        error: { code, message, ...(issues ? { issues } : {}), ...(details ? { details } : {}) },
      });
    } else if (storeBusy(error)) {
      // The import's save waited its busy timeout for a write lock another process held.
      post({ id, type: 'failed', error: { code: 'conflict', message: storeBusyMessage } });
    } else if (storage) {
      // A write on the worker's own connection (imports/save.ts) that the disk refused: said as the main thread says it.
      console.error(`[muster] worker task ${task} could not write:`, error);
      post({ id, type: 'failed', error: { code: storage, message: storageMessages[storage] } });
    } else {
      console.error(`[muster] worker task ${task} failed:`, error);
      post({ id, type: 'failed', error: { code: 'internal', message: `Something went wrong in ${task}.` } });
    }
  }
}

// A request whose rows follow in parts waits here until the last part arrived.
const gathering = new Map<
  number,
  { request: { id: number; task: TaskName; input: unknown }; rows: unknown[]; of: number }
>();

port.on('message', (request: WorkerRequest) => {
  if ('next' in request) {
    waiting.get(request.id)?.shift()?.();
  } else if ('part' in request) {
    const gathered = gathering.get(request.id);
    if (!gathered) return;
    for (const row of request.part) gathered.rows.push(row);
    if (gathered.rows.length < gathered.of) return;
    gathering.delete(request.id);
    const { id, task, input } = gathered.request;
    void run({ id, task, input: { ...(input as object), rows: gathered.rows } });
  } else if (request.rowsToFollow) {
    gathering.set(request.id, { request, rows: [], of: request.rowsToFollow });
  } else {
    void run(request);
  }
});
