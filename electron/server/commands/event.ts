import { parseArgs } from 'node:util';
import type { Input } from '../../core/api/contract';
import { call, dataOptions, print, requireOptions, table, UsageError, withData } from './common';

const usage = 'muster event list|create --data DIR [--json] (see muster help)';

export async function eventCommand(args: string[]): Promise<void> {
  const [action, ...rest] = args;
  if (action === 'list') return list(rest);
  if (action === 'create') return create(rest);
  throw new UsageError(`Unknown event command ${JSON.stringify(action ?? '')}. Usage: ${usage}`);
}

async function list(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      ...dataOptions,
      all: { type: 'boolean', default: false },
    },
    strict: true,
  });
  await withData(values.data, async (core) => {
    const events = await call(core, 'event.list', { includeArchived: values.all });
    print(events, values.json, () =>
      events.length === 0
        ? 'No events yet. Create one with: muster event create --title ...'
        : table(
            ['ID', 'TITLE', 'CITY', 'COUNTRY', 'DATES', 'SESSIONS'],
            events.map((e) => [
              e.id,
              e.archived ? `${e.title} (archived)` : e.title,
              e.city,
              e.country,
              `${e.startDate} – ${e.endDate}`,
              String(e.sessionCount),
            ]),
          ),
    );
  });
}

async function create(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      ...dataOptions,
      title: { type: 'string' },
      venue: { type: 'string', default: '' },
      city: { type: 'string' },
      country: { type: 'string' },
      start: { type: 'string' },
      end: { type: 'string' },
      'time-zone': { type: 'string' },
      languages: { type: 'string', default: 'en' },
      'retention-days': { type: 'string' },
    },
    strict: true,
  });
  requireOptions(values, ['title', 'city', 'country', 'start', 'end', 'time-zone'], usage);
  const retention = values['retention-days'];
  await withData(values.data, async (core) => {
    const event = await call(core, 'event.create', {
      title: values.title ?? '',
      venue: values.venue,
      city: values.city ?? '',
      country: (values.country ?? '').toUpperCase(),
      startDate: values.start ?? '',
      endDate: values.end ?? values.start ?? '',
      timeZone: values['time-zone'] ?? '',
      // Unchecked strings on purpose: dispatch validates them against the contract like any other input.
      languages: values.languages.split(',').map((l) => l.trim()) as Input<'event.create'>['languages'],
      // "keep": until erased by hand; a number is checked by the contract (a non-number is refused there too).
      ...(retention === undefined ? {} : { retentionDays: retention === 'keep' ? null : Number(retention) }),
    });
    print(event, values.json, () => `Created ${event.title} (${event.id}) with ${event.sessions.length} sessions.`);
  });
}
