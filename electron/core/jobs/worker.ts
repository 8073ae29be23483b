// A worker thread's entry (bundled as dist/electron/worker.cjs): runs each task it is sent (one at a time),
// reporting progress, then posts the answer and waits for the next. An expected refusal (MusterError) crosses as a
// typed error; anything else as `internal`, with the detail logged here for the operator.
import { parentPort } from 'node:worker_threads';
import { MusterError } from '../api/errors';
import type { Progress, WorkerMessage, WorkerRequest } from './worker-host';
import { tasks } from './tasks';

if (!parentPort) throw new Error('worker.ts runs only as a worker thread.');
const port = parentPort;

async function run({ id, task, input }: WorkerRequest): Promise<void> {
  const post = (message: WorkerMessage) => port.postMessage(message);
  try {
    const perform = tasks[task] as (input: unknown, progress: (p: Progress) => void) => Promise<unknown>;
    const value = await perform(input, (p) => post({ id, type: 'progress', ...p }));
    post({ id, type: 'done', value });
  } catch (error) {
    if (error instanceof MusterError) {
      const { code, message, issues } = error;
      post({ id, type: 'failed', error: { code, message, ...(issues ? { issues } : {}) } });
    } else {
      console.error(`[muster] worker task ${task} failed:`, error);
      post({ id, type: 'failed', error: { code: 'internal', message: `Something went wrong in ${task}.` } });
    }
  }
}

port.on('message', (request: WorkerRequest) => void run(request));
