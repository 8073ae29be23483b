import type { z } from 'zod';
import { conflict, MusterError } from '../api/errors';
import type { Handlers } from '../api/handler';
import type { Context } from '../context';
import { commandLineCaller } from '../access/session';
import { lastOwnTimestamp } from '../changes/write';
import { auditActor } from '../audit/record';
import { openOptionsOf, type Db } from '../db/driver';
import { prepared } from '../db/statements';
import { writingElsewhere } from '../db/transaction';
import { addJob, findJob, getJob, statusOf } from '../jobs/registry';
import { runInWorker, WorkerStopped } from '../jobs/worker-host';
import { eventBasics } from '../participants/store';
import { changeLogPosition, planImport, reportOf } from './commit';
import { rosterCheck } from './duplicates';
import { fileError, messageFor } from './file-error';
import type { ImportJob } from './job';
import { importLimits } from './limits';
import { rememberedMappings } from './mappings';
import type { ReadResult } from './read';
import type { PreparedRow } from './rows';
import { receiveRow, type SentRead, type SentRow } from './row-transfer';
import {
  rowAction,
  type importCommitInput,
  type importPreview,
  type importPreviewInput,
  type importRowsInput,
  type ImportReport,
} from './schema';

/** Rows checked against the roster between two turns of the event loop, so the main process stays responsive. */
const checkChunk = 2000;

/**
 * import.preview: the file is read and every row normalised and checked in a worker; then, on the main thread in
 * short slices, each row is compared with the roster (duplicates, codes in use). Answers with the summary when done;
 * meanwhile import.status reports progress and import.cancel stops it.
 */
async function preview(
  ctx: Context,
  input: z.output<typeof importPreviewInput>,
): Promise<z.input<typeof importPreview>> {
  const event = eventBasics(ctx.db, input.eventId);
  if (event.archived) throw conflict(`The event "${event.title}" is archived; restore it to import people.`);
  const previous = findJob<ImportJob>(ctx.db, input.jobId, 'import');
  if (previous?.stop) throw conflict('This import is still being read: wait for it, or cancel it.');
  if (previous && previous.eventId !== input.eventId) throw conflict('This import belongs to another event.');
  if (previous?.phase === 'committed') throw conflict('This import was already committed; start a new one.');

  const bytes = input.file ? Buffer.from(input.file.data, 'base64') : previous?.bytes;
  if (!bytes) throw fileError('needsFile');
  if (bytes.length === 0) throw fileError('fileEmpty');
  if (bytes.length > importLimits.fileBytes) throw fileError('fileTooLarge');

  const job = addJob<ImportJob>(ctx.db, {
    id: input.jobId,
    kind: 'import',
    phase: 'reading',
    done: 0,
    total: bytes.length,
    error: null,
    touchedAt: Date.now(),
    eventId: input.eventId,
    fileName: input.file?.name ?? previous?.fileName ?? 'import',
    bytes,
    read: null,
    checkedAt: 0,
  });
  try {
    const sent = await readInWorker(ctx, job, bytes, input, event.country);
    const read = { ...sent, rows: await checkAgainstRoster(ctx, job, sent.rows) };
    job.read = read;
    job.phase = 'ready';
    return summary(job, read);
  } catch (error) {
    throw settleFailure(job, error);
  } finally {
    delete job.stop;
  }
}

function readInWorker(
  ctx: Context,
  job: ImportJob,
  bytes: Uint8Array,
  input: z.output<typeof importPreviewInput>,
  eventCountry: string,
): Promise<SentRead> {
  const running = runInWorker(
    'import.read',
    {
      bytes,
      eventId: job.eventId,
      eventCountry,
      sheet: input.sheet,
      headerRow: input.headerRow,
      mapping: input.mapping,
      remembered: rememberedMappings(ctx.db, job.eventId),
    },
    {
      onProgress: (p) => {
        job.phase = p.phase === 'normalising' ? 'normalising' : 'reading';
        job.done = p.done;
        job.total = p.total;
      },
    },
  );
  job.stop = running.cancel;
  return running.result;
}

/**
 * Takes in the rows the worker sent (row-transfer.ts), slice by slice, and marks each that may be someone already on
 * the roster, and each code already given to someone.
 */
async function checkAgainstRoster(ctx: Context, job: ImportJob, sent: readonly SentRow[]): Promise<PreparedRow[]> {
  let cancelled = false;
  job.stop = () => {
    cancelled = true;
  };
  job.phase = 'checking';
  job.done = 0;
  job.total = sent.length;
  job.checkedAt = changeLogPosition(ctx.db);
  const pause = async () => {
    await new Promise((resolve) => setImmediate(resolve));
    if (cancelled) throw new WorkerStopped('cancelled', 'Cancelled.');
  };
  const roster = await rosterCheck(ctx.db, job.eventId, sent.length, pause);
  const rows: PreparedRow[] = [];
  for (let start = 0; start < sent.length; start += checkChunk) {
    if (cancelled) throw new WorkerStopped('cancelled', 'Cancelled.');
    for (const row of sent.slice(start, start + checkChunk).map(receiveRow)) {
      rows.push(row);
      if (!row.create) continue;
      if (roster.codeTaken(row)) {
        row.errors.push({ field: 'code', key: 'codeInUse', message: messageFor('codeInUse') });
        row.create = null;
        continue;
      }
      // Someone already on the roster outranks an earlier row of the file: that is who a decision acts on.
      const matches = roster.matches(row);
      if (matches.length) row.duplicate = { of: 'roster', matches };
    }
    job.done = Math.min(start + checkChunk, sent.length);
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (cancelled) throw new WorkerStopped('cancelled', 'Cancelled.');
  return rows;
}

/** Records how the job ended and turns a worker's end into the error the caller gets. */
function settleFailure(job: ImportJob, error: unknown): unknown {
  let answer = error;
  if (error instanceof WorkerStopped && error.reason === 'cancelled') {
    answer = new MusterError('cancelled', 'The import was cancelled; nothing was imported.');
    job.phase = 'cancelled';
  } else {
    if (error instanceof WorkerStopped && error.reason === 'out_of_memory') answer = fileError('fileTooComplex');
    job.phase = 'failed';
  }
  job.error =
    answer instanceof MusterError
      ? { code: answer.code, message: answer.message }
      : { code: 'internal', message: 'The file could not be read.' };
  job.read = null;
  return answer;
}

function summary(job: ImportJob, read: ReadResult): z.input<typeof importPreview> {
  const totals = { rows: read.rows.length, ready: 0, errors: 0, warnings: 0, duplicates: 0 };
  const hiddenRows: number[] = [];
  for (const row of read.rows) {
    if (!row.create) totals.errors++;
    else if (row.duplicate) totals.duplicates++;
    else if (!row.hidden) totals.ready++;
    if (row.create && row.hidden) hiddenRows.push(row.row);
    if (row.warnings.length) totals.warnings++;
  }
  return {
    jobId: job.id,
    eventId: job.eventId,
    fileName: job.fileName,
    format: read.format,
    encoding: read.encoding,
    delimiter: read.delimiter,
    sheets: read.sheets,
    sheet: read.sheet,
    headerRow: read.headerRow,
    columns: read.columns,
    mapping: read.mapping,
    mappingSource: read.mappingSource,
    totals,
    hiddenRows,
  };
}

const matchesFilter: Record<z.output<typeof importRowsInput>['filter'], (row: PreparedRow) => boolean> = {
  all: () => true,
  errors: (row) => row.create === null,
  warnings: (row) => row.warnings.length > 0,
  duplicates: (row) => row.create !== null && row.duplicate !== null,
};

function readyJob(ctx: Context, jobId: string): ImportJob & { read: ReadResult } {
  const job = getJob<ImportJob>(ctx.db, jobId, 'import');
  if (job.phase === 'ready' && job.read) return job as ImportJob & { read: ReadResult };
  const why: Partial<Record<ImportJob['phase'], string>> = {
    committed: 'This import was already committed.',
    failed: `This import failed: ${job.error?.message ?? ''}`.trim(),
    cancelled: 'This import was cancelled.',
    saving: 'This import is being saved.',
  };
  throw conflict(why[job.phase] ?? 'This import is still being read: wait for import.preview to answer.');
}

/**
 * import.commit: decides every row on the main thread, then writes them in one transaction on a worker's own
 * connection (save.ts), with this connection's writes held back meanwhile (db/transaction.ts). import.status follows
 * it ('saving') and import.cancel stops it; either way the job is ready again to commit, as after a full disk.
 */
async function commit(ctx: Context, input: z.output<typeof importCommitInput>): Promise<ImportReport> {
  const job = readyJob(ctx, input.jobId);
  const event = eventBasics(ctx.db, job.eventId);
  if (event.archived) throw conflict(`The event "${event.title}" is archived; restore it to import people.`);
  const numbers = new Set(job.read.rows.map((r) => r.row));
  const decided = new Set<number>();
  input.decisions.forEach((d, i) => {
    // Two decisions for one row: which one the person meant is anyone's guess, so neither is taken.
    const problem = !numbers.has(d.row)
      ? `Row ${d.row} is not a row of this file.`
      : decided.has(d.row)
        ? `Row ${d.row} has more than one decision.`
        : null;
    if (problem) throw new MusterError('invalid_input', problem, [{ path: ['decisions', i, 'row'], message: problem }]);
    decided.add(d.row);
  });
  const decisions = new Map(input.decisions.map((d) => [d.row, d]));
  const plan = planImport(job.read.rows, { onDuplicate: input.onDuplicate, decisions });
  const read = job.read;
  const stop = new Int32Array(new SharedArrayBuffer(4));
  job.phase = 'saving';
  job.done = 0;
  job.total = plan.writes.length;
  job.stop = () => Atomics.store(stop, 0, 1);
  // The job says how the save ended before the store is let go: whoever waited for it then finds the job settled.
  return writingElsewhere(ctx.db, async () => {
    // A backup restored while this waited replaced the store's connection: this job's rows belong to the old one.
    if (!ctx.db.open) {
      job.phase = 'ready';
      throw conflict('A backup was restored while this import waited: preview the file again, then import.');
    }
    const audited = lastAuditSeq(ctx.db);
    try {
      const saved = await runInWorker(
        'import.save',
        {
          store: { file: ctx.db.name, options: openOptionsOf(ctx.db) },
          device: ctx.device,
          clock: ctx.clock.now(),
          now: ctx.now().getTime(),
          jobId: job.id,
          eventId: job.eventId,
          checkedAt: job.checkedAt,
          skipped: plan.skipped,
          failed: plan.failed,
          remember: { layout: read.layout, mapping: read.mapping },
          dryRun: input.dryRun,
          audit: { who: auditActor(ctx.caller ?? commandLineCaller()), input },
          stop,
          rows: [],
        },
        { rows: plan.writes, onProgress: ({ done, total }) => Object.assign(job, { done, total }) },
      ).result;
      ctx.clock.catchUp(saved.clock);
      settle(job, input.dryRun);
      return saved.report;
    } catch (error) {
      // The worker stopped after its COMMIT, before it could answer: the import is on disk with its audit entry, and
      // every planned row with it, so the plan says what it did. Told "nothing was imported", staff would import twice.
      if (error instanceof WorkerStopped && !input.dryRun && importAuditedSince(ctx.db, job.id, audited)) {
        const last = lastOwnTimestamp(ctx.db, ctx.device);
        if (last) ctx.clock.catchUp(last);
        settle(job, false);
        return reportOf(job.id, false, plan);
      }
      // Stopped, refused (a full disk) or crashed: the transaction rolled back, and the same rows can be saved again.
      job.phase = 'ready';
      if (error instanceof WorkerStopped) {
        throw new MusterError('internal', 'The import could not be saved; nothing was imported. Try again.');
      }
      throw error;
    } finally {
      delete job.stop;
    }
  });
}

/** A save that ended well: a dry run leaves the job ready; an import is on disk, done with its file and rows. */
function settle(job: ImportJob, dryRun: boolean): void {
  if (dryRun) {
    job.phase = 'ready';
    return;
  }
  job.phase = 'committed';
  job.bytes = null;
  job.read = null;
}

function lastAuditSeq(db: Db): number {
  return (prepared(db, 'SELECT coalesce(max(seq), 0) FROM audit').pluck().get() as number) ?? 0;
}

/** Whether an entry for this import's commit was written after `seq`: it commits with the import (save.ts). */
function importAuditedSince(db: Db, jobId: string, seq: number): boolean {
  return (
    prepared(db, "SELECT 1 FROM audit WHERE seq > ? AND action = 'import.commit' AND instr(ids, ?) > 0").get(
      seq,
      jobId,
    ) !== undefined
  );
}

function cancel(ctx: Context, jobId: string) {
  const job = getJob<ImportJob>(ctx.db, jobId, 'import');
  if (job.stop) job.stop();
  else if (job.phase === 'ready') {
    job.phase = 'cancelled';
    job.bytes = null;
    job.read = null;
  }
  return statusOf(job);
}

export const importHandlers = {
  'import.preview': (ctx, input) => preview(ctx, input),
  'import.status': (ctx, input) => statusOf(getJob<ImportJob>(ctx.db, input.jobId, 'import')),
  'import.rows': (ctx, input) => {
    const job = readyJob(ctx, input.jobId);
    const rows = input.filter === 'all' ? job.read.rows : job.read.rows.filter(matchesFilter[input.filter]);
    return {
      total: rows.length,
      rows: rows.slice(input.offset, input.offset + input.limit).map((row) => ({
        row: row.row,
        values: row.values,
        errors: row.errors,
        warnings: row.warnings,
        duplicate: row.duplicate,
        action: rowAction(row, 'skip'),
      })),
    };
  },
  'import.cancel': (ctx, input) => cancel(ctx, input.jobId),
  'import.commit': (ctx, input) => commit(ctx, input),
} satisfies Partial<Handlers>;
