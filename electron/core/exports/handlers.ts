import type { z } from 'zod';
import { conflict, MusterError } from '../api/errors';
import { refusal } from '../imports/file-error';
import type { Handlers } from '../api/handler';
import type { Context } from '../context';
import { getEvent } from '../events/store';
import type { Event } from '../events/schema';
import { addJob, findJob, getJob, statusOf, type Job } from '../jobs/registry';
import { runInWorker, WorkerStopped } from '../jobs/worker-host';
import { readBadges } from '../badges/content';
import { ensureEventKey, eventKey } from '../badges/store';
import { runWhenFree } from '../db/transaction';
import { readExportData } from './data';
import type { RenderInput } from './render';
import { fontsFolder } from './pdf/fonts';
import { defaultExportFields, pdfFormats, type exportInput, type exportPhases, type exportResult } from './schema';

interface ExportJob extends Job {
  kind: 'export';
  phase: (typeof exportPhases)[number];
}

const mediaTypes = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'signin-pdf': 'application/pdf',
  'summary-pdf': 'application/pdf',
  'badges-pdf': 'application/pdf',
} as const;

/**
 * A file name's words from a title in any script: "Семинар по безопасности" gives семинар-по-безопасности, not a
 * bare "event" that every Russian, Arabic or Thai title would share (and the downloads folder would number).
 */
export function slug(text: string): string {
  // Latin letters lose their accents (as names in file names usually do); other scripts keep every mark, which is
  // part of how the word is spelt (Russian й, Arabic أ, Thai vowels).
  const words = text
    .normalize('NFKD')
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  // Cut by characters, not UTF-16 units, so a letter outside the BMP is never split in half.
  return [...words].slice(0, 60).join('').replace(/-+$/, '') || 'event';
}

function fileName(event: Event, input: z.output<typeof exportInput>): string {
  const base = slug(event.title);
  const session = event.sessions.find((s) => s.id === input.sessionId);
  switch (input.format) {
    case 'csv':
      return `${base}-attendance.csv`;
    case 'xlsx':
      return `${base}-attendance.xlsx`;
    case 'signin-pdf':
      return session ? `${base}-signin-${slug(session.name)}-${session.date}.pdf` : `${base}-signin-sheets.pdf`;
    case 'summary-pdf':
      return `${base}-summary.pdf`;
    case 'badges-pdf':
      return `${base}-badges-${input.layout}.pdf`;
  }
}

/**
 * export.run: reads the roster in one transaction on the main thread, then draws the file in a worker and answers
 * with its bytes. Meanwhile export.status reports progress and export.cancel stops it. Nothing is written to disk
 * here: the screen saves the bytes where the user chooses, the command line with writeFileAtomic.
 */
async function runExport(ctx: Context, input: z.output<typeof exportInput>): Promise<z.input<typeof exportResult>> {
  const event = getEvent(ctx.db, input.eventId);
  if (input.sessionId && !event.sessions.some((s) => s.id === input.sessionId)) {
    throw refusal('sessionNotInEvent', ['sessionId']);
  }
  const language = input.language ?? event.languages[0] ?? 'en';
  const languages = { language, second: event.languages.find((l) => l !== language) ?? null };
  // The event's badge key, made here if it has none yet (an older version's event): an export starts even while an
  // import is saved, and a read transaction that began to write would stall on SQLite's lock, so it is made first,
  // on its own, waiting for the save if need be. readBadges then only reads it. With the key there, nothing is
  // awaited: the job is registered in the caller's turn, for its first export.status.
  if (input.format === 'badges-pdf' && !eventKey(ctx.db, input.eventId)) {
    await runWhenFree(ctx.db, () => ensureEventKey(ctx, input.eventId));
  }
  return runRenderJob(ctx, input.jobId, () => {
    const pdf = pdfFormats.has(input.format);
    const render: RenderInput =
      input.format === 'badges-pdf'
        ? {
            format: 'badges-pdf',
            badges: readBadges(ctx, input.eventId, {
              includeCancelled: input.includeCancelled,
              ...(input.registrationIds ? { registrationIds: input.registrationIds } : {}),
              language,
            }),
            layout: input.layout,
            fontsFolder: fontsFolder(),
            language,
          }
        : {
            format: input.format,
            data: readExportData(ctx, input.eventId, {
              includeCancelled: input.includeCancelled,
              signatures: input.format === 'signin-pdf',
              ...(input.sessionId ? { sessionIds: [input.sessionId] } : {}),
            }),
            fields: input.fields ?? defaultExportFields,
            fontsFolder: pdf ? fontsFolder() : '',
            languages,
          };
    const rows = render.format === 'badges-pdf' ? render.badges.length : render.data.people.length;
    return { render, rows, fileName: fileName(event, input), mediaType: mediaTypes[input.format] };
  });
}

/**
 * The export job around any file: registers the job, reads on the main thread (`read`), draws in a worker, and
 * answers with the bytes; export.status and export.cancel follow it by its id. Programme reports use it too.
 */
export async function runRenderJob(
  ctx: Context,
  jobId: string,
  read: () => { render: RenderInput; rows: number; fileName: string; mediaType: string },
): Promise<z.input<typeof exportResult>> {
  if (findJob<ExportJob>(ctx.db, jobId, 'export')?.stop) throw conflict('This export is still running.');
  const job = addJob<ExportJob>(ctx.db, {
    id: jobId,
    kind: 'export',
    phase: 'reading',
    done: 0,
    total: 0,
    error: null,
    touchedAt: Date.now(),
  });
  try {
    const { render, rows, fileName: name, mediaType } = read();
    job.phase = 'rendering';
    job.total = rows;
    const running = runInWorker('export.render', render, {
      onProgress: (p) => {
        job.done = p.done;
        job.total = p.total;
      },
    });
    job.stop = running.cancel;
    const { bytes, pages } = await running.result;
    job.phase = 'done';
    job.done = job.total;
    return {
      jobId: job.id,
      fileName: name,
      mediaType,
      data: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
      bytes: bytes.byteLength,
      rows,
      pages,
    };
  } catch (error) {
    const cancelled = error instanceof WorkerStopped && error.reason === 'cancelled';
    job.phase = cancelled ? 'cancelled' : 'failed';
    const answer = cancelled ? new MusterError('cancelled', 'The export was cancelled; no file was made.') : error;
    job.error =
      answer instanceof MusterError
        ? { code: answer.code, message: answer.message }
        : { code: 'internal', message: 'The export failed.' };
    throw answer;
  } finally {
    delete job.stop;
  }
}

export const exportHandlers = {
  'export.run': (ctx, input) => runExport(ctx, input),
  'export.status': (ctx, input) => statusOf(getJob<ExportJob>(ctx.db, input.jobId, 'export')),
  'export.cancel': (ctx, input) => {
    const job = getJob<ExportJob>(ctx.db, input.jobId, 'export');
    job.stop?.();
    return statusOf(job);
  },
} satisfies Partial<Handlers>;
