import type { Handlers } from '../api/handler';
import { runRenderJob, slug } from '../exports/handlers';
import { getEvent } from '../events/store';
import { fontsFolder } from '../exports/pdf/fonts';
import { buildDashboard } from './dashboard';
import { buildReport } from './figures';
import { decide, findMatches, summariseMatches } from './matches';
import {
  assignEvent,
  createProgramme,
  getProgramme,
  listProgrammes,
  renameProgramme,
  unassignEvent,
} from './programmes';
import { report as reportSchema } from './schema';

export const reportHandlers = {
  'programme.list': (ctx) => listProgrammes(ctx.db),
  'programme.get': (ctx, input) => getProgramme(ctx.db, input.id),
  'programme.create': (ctx, input) => createProgramme(ctx, input),
  'programme.rename': (ctx, input) => renameProgramme(ctx, input),
  'programme.assign': (ctx, input) => assignEvent(ctx, input),
  'programme.unassign': (ctx, input) => unassignEvent(ctx, input),
  'report.get': (ctx, input) => buildReport(ctx, input),
  'dashboard.get': (ctx, input) => buildDashboard(ctx, input),
  'report.matches': (ctx, input) => {
    const all = findMatches(ctx.db, getProgramme(ctx.db, input.programmeId).eventIds);
    return {
      summary: summariseMatches(all),
      matches: input.decision ? all.filter((m) => m.decision === input.decision) : all,
    };
  },
  'person.merge': (ctx, input) => decide(ctx, input, 'confirmed'),
  'person.unmerge': (ctx, input) => decide(ctx, input, 'pending'),
  'person.rejectMatch': (ctx, input) => decide(ctx, input, 'rejected'),
  'report.export': (ctx, input) => {
    const scope = input.programmeId ? { programmeId: input.programmeId } : { eventId: input.eventId ?? '' };
    // A programme's events may each have their own language: English unless someone chose.
    const language = input.language ?? (input.eventId ? getEvent(ctx.db, input.eventId).languages[0] : 'en') ?? 'en';
    // Validated as the contract's output, so the worker draws exactly what report.get would answer, with the
    // feedback questions worded in the PDF's language (the workbook stays in each event's first, like its headings).
    const report = reportSchema.parse(buildReport(ctx, scope, input.format === 'pdf' ? language : undefined));
    const name = slug(
      report.programme && 'programmeId' in scope ? report.programme.name : (report.workshops[0]?.title ?? 'report'),
    );
    return runRenderJob(ctx, input.jobId, () => ({
      render:
        input.format === 'xlsx'
          ? { format: 'report-xlsx', report, fontsFolder: '' }
          : {
              format: 'report-pdf',
              report,
              fontsFolder: fontsFolder(),
              language,
            },
      rows: report.workshops.length,
      fileName: `${name}-report.${input.format}`,
      mediaType:
        input.format === 'xlsx'
          ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
          : 'application/pdf',
    }));
  },
} satisfies Partial<Handlers>;
