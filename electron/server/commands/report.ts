import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { Input, Output } from '../../core/api/contract';
import type { Core } from '../../core/context';
import {
  call,
  languageOption,
  dataOptions,
  print,
  requireOptions,
  table,
  UsageError,
  withData,
  writeOutput,
} from './common';

const usage =
  'muster report (--event ID | --programme ID) [--json] [--format xlsx|pdf --out FILE] [--language en|fr|es|ru|ar] [--data DIR]';
const programmeUsage =
  'muster programme list | create --name NAME [--event ID ...] | rename --programme ID --name NAME | assign|unassign --programme ID --event ID | matches --programme ID [--decision pending|confirmed|rejected] | merge|unmerge|reject --a PARTICIPANT --b PARTICIPANT [--data DIR] [--json]';

/**
 * An event's or a programme's report: the figures on screen (or as JSON, every key documented in the README), or
 * the report as a file with --format and --out, written complete or not at all.
 */
export async function reportCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      ...dataOptions,
      event: { type: 'string' },
      programme: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      language: { type: 'string' },
    },
    strict: true,
  });
  if (Boolean(values.event) === Boolean(values.programme)) {
    throw new UsageError(`Give one of --event or --programme. Usage: ${usage}`);
  }
  if (Boolean(values.format) !== Boolean(values.out)) {
    throw new UsageError(`--format and --out go together. Usage: ${usage}`);
  }
  if (values.language && !values.format) {
    throw new UsageError(`--language is the language of a PDF: give it with --format pdf. Usage: ${usage}`);
  }
  const language = languageOption(values.language, usage);
  const scope = values.programme ? { programmeId: values.programme } : { eventId: values.event ?? '' };
  await withData(values.data, async (core) => {
    if (values.format) return writeFile(core, { ...scope, ...language }, values.format, values.out ?? '', values.json);
    const report = await call(core, 'report.get', scope);
    print(report, values.json, () => describe(report));
  });
}

async function writeFile(
  core: Core,
  // The PDF's language, as the Reports screen sends it; the contract refuses one for the workbook.
  scope: ({ programmeId: string } | { eventId: string }) & { language?: string },
  format: string,
  out: string,
  json: boolean,
): Promise<void> {
  // Unchecked format on purpose: dispatch validates it against the contract like any other input.
  const result = await call(core, 'report.export', {
    jobId: randomUUID(),
    format,
    ...scope,
  } as Input<'report.export'>);
  writeOutput(out, Buffer.from(result.data, 'base64'));
  const { fileName, mediaType, bytes, pages } = result;
  print({ fileName, mediaType, bytes, pages, file: out }, json, () => `Wrote ${out} (${bytes} bytes).`);
}

function describe(report: Output<'report.get'>): string {
  const t = report.totals;
  const women = t.womenPercent === null ? '–' : `${t.womenPercent.toFixed(1)}%`;
  return [
    report.programme ? `Programme: ${report.programme.name}` : 'Event report',
    table(
      ['WORKSHOP', 'CITY', 'DATES', 'REGISTERED', 'ATTENDED', 'COUNTRIES', 'WOMEN %'],
      report.workshops.map((w) => [
        w.title,
        w.city,
        `${w.startDate} – ${w.endDate}`,
        String(w.registered),
        String(w.attended),
        String(w.countries),
        w.womenPercent === null ? '–' : w.womenPercent.toFixed(1),
      ]),
    ),
    '',
    `Unique participants: ${t.uniqueParticipants} (registered ${t.registered}), from ${t.partnerStates} partner states; ${t.countries} countries.`,
    `Women: ${t.women} of ${t.genderStated} stating a gender (${women}); not stated: ${t.genderNotStated}.`,
    `Other participants (not delegates or staff): ${t.otherParticipants}.`,
    `Matches: ${report.matches.confirmed} confirmed, ${report.matches.pending} pending, ${report.matches.rejected} rejected.`,
  ].join('\n');
}

export async function programmeCommand(args: string[]): Promise<void> {
  const [action, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      ...dataOptions,
      name: { type: 'string' },
      programme: { type: 'string' },
      event: { type: 'string', multiple: true },
      decision: { type: 'string' },
      a: { type: 'string' },
      b: { type: 'string' },
    },
    strict: true,
  });
  const event = values.event?.[0] ?? '';
  await withData(values.data, async (core) => {
    const show = (p: Output<'programme.get'>) =>
      print(p, values.json, () => `${p.name} (${p.id}): ${p.eventIds.length} events.`);
    switch (action) {
      case 'list': {
        const list = await call(core, 'programme.list', {});
        return print(list, values.json, () =>
          list.length === 0
            ? 'No programmes yet. Create one with: muster programme create --name ...'
            : table(
                ['ID', 'NAME', 'EVENTS'],
                list.map((p) => [p.id, p.name, String(p.eventIds.length)]),
              ),
        );
      }
      case 'create':
        requireOptions(values, ['name'], programmeUsage);
        return show(await call(core, 'programme.create', { name: values.name ?? '', eventIds: values.event ?? [] }));
      case 'rename':
        requireOptions(values, ['programme', 'name'], programmeUsage);
        return show(await call(core, 'programme.rename', { id: values.programme ?? '', name: values.name ?? '' }));
      case 'assign':
      case 'unassign':
        requireOptions(values, ['programme', 'event'], programmeUsage);
        return show(
          await call(core, action === 'assign' ? 'programme.assign' : 'programme.unassign', {
            programmeId: values.programme ?? '',
            eventId: event,
          }),
        );
      case 'matches': {
        requireOptions(values, ['programme'], programmeUsage);
        const found = await call(core, 'report.matches', {
          programmeId: values.programme ?? '',
          ...(values.decision ? { decision: values.decision } : {}),
        } as Input<'report.matches'>);
        return print(found, values.json, () =>
          table(
            ['A', 'B', 'WHY', 'DECISION'],
            found.matches.map((m) => [
              `${m.a.givenNames} ${m.a.familyName} (${m.a.participantId})`,
              `${m.b.givenNames} ${m.b.familyName} (${m.b.participantId})`,
              m.reasons.join(', '),
              m.decision,
            ]),
          ),
        );
      }
      case 'merge':
      case 'unmerge':
      case 'reject': {
        requireOptions(values, ['a', 'b'], programmeUsage);
        const method =
          action === 'merge' ? 'person.merge' : action === 'unmerge' ? 'person.unmerge' : 'person.rejectMatch';
        const decided = await call(core, method, { a: values.a ?? '', b: values.b ?? '' });
        return print(decided, values.json, () => `${decided.id}: ${decided.decision}.`);
      }
      default:
        throw new UsageError(`Unknown programme command ${JSON.stringify(action ?? '')}. Usage: ${programmeUsage}`);
    }
  });
}
