import { parseArgs } from 'node:util';
import type { Input, Output } from '../../core/api/contract';
import { formatCode } from '../../core/participants/code';
import { call, dataOptions, print, requireOptions, table, UsageError, withData } from './common';
import { newId } from '../../core/api/ids';
import { backupScrubSettled } from '../../core/erasure/backups';

const usage =
  'muster participant add|list --event ID [options] | erase --person ID [--data DIR] [--json] (see muster help)';

export async function participantCommand(args: string[]): Promise<void> {
  const [action, ...rest] = args;
  if (action === 'add') return add(rest);
  if (action === 'list') return list(rest);
  if (action === 'erase') return erase(rest);
  throw new UsageError(`Unknown participant command ${JSON.stringify(action ?? '')}. Usage: ${usage}`);
}

/** "a,b" → ["a", "b"]; the contract checks each value. */
const csv = (value: string | undefined) =>
  value === undefined
    ? undefined
    : value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean);

async function add(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      ...dataOptions,
      event: { type: 'string' },
      honorific: { type: 'string' },
      given: { type: 'string' },
      family: { type: 'string' },
      badge: { type: 'string' },
      gender: { type: 'string' },
      country: { type: 'string' },
      nationality: { type: 'string' },
      organisation: { type: 'string' },
      'org-type': { type: 'string' },
      'job-title': { type: 'string' },
      email: { type: 'string' },
      phone: { type: 'string' },
      category: { type: 'string' },
      status: { type: 'string' },
      code: { type: 'string' },
      'check-in': { type: 'string' },
    },
    strict: true,
  });
  requireOptions(values, ['event', 'family', 'gender', 'country', 'organisation', 'org-type', 'category'], usage);
  const checkIn = values['check-in'];
  // Unchecked strings on purpose: dispatch validates them against the contract like any other input.
  const input = {
    eventId: values.event,
    honorific: values.honorific,
    givenNames: values.given,
    familyName: values.family,
    badgeName: values.badge,
    gender: values.gender,
    country: values.country?.toUpperCase(),
    nationality: values.nationality,
    organisation: values.organisation,
    organisationType: values['org-type'],
    jobTitle: values['job-title'],
    email: values.email,
    phone: values.phone,
    category: values.category,
    status: values.status,
    code: values.code,
    checkIn: checkIn ? { id: newId(), sessionId: checkIn } : undefined,
  } as Input<'participant.create'>;
  await withData(values.data, async (core) => {
    const created = await call(core, 'participant.create', input);
    const { participant, registration } = created;
    print(created, values.json, () =>
      [
        `Registered ${participant.givenNames} ${participant.familyName} (${participant.id}), code ${formatCode(registration.code)}.`,
        created.checkIn ? `Checked in at ${created.checkIn.at}.` : '',
      ]
        .filter(Boolean)
        .join('\n'),
    );
  });
}

async function list(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      ...dataOptions,
      event: { type: 'string' },
      session: { type: 'string' },
      search: { type: 'string' },
      status: { type: 'string' },
      category: { type: 'string' },
      country: { type: 'string' },
      gender: { type: 'string' },
      'checked-in': { type: 'boolean' },
      'not-checked-in': { type: 'boolean' },
      sort: { type: 'string' },
      desc: { type: 'boolean', default: false },
      limit: { type: 'string', default: '100' },
      offset: { type: 'string', default: '0' },
    },
    strict: true,
  });
  if (!values.event) throw new UsageError(`Missing --event. Usage: ${usage}`);
  const eventId = values.event;
  if (values['checked-in'] && values['not-checked-in'])
    throw new UsageError('Give --checked-in or --not-checked-in, not both.');
  const session = values.session ? { sessionId: values.session } : {};
  await withData(values.data, async (core) => {
    let rows: Output<'roster.list'>['rows'];
    let total: number;
    if (values.search !== undefined) {
      rows = await call(core, 'roster.search', {
        eventId: eventId,
        ...session,
        query: values.search,
        limit: Math.min(Number(values.limit), 100),
      });
      total = rows.length;
    } else {
      const checkedIn = values['checked-in'] ? true : values['not-checked-in'] ? false : undefined;
      ({ rows, total } = await call(core, 'roster.list', {
        eventId: eventId,
        ...session,
        ...(checkedIn === undefined ? {} : { checkedIn }),
        status: csv(values.status),
        category: csv(values.category),
        country: csv(values.country?.toUpperCase()),
        gender: csv(values.gender),
        sort: values.sort,
        direction: values.desc ? 'desc' : 'asc',
        limit: Number(values.limit),
        offset: Number(values.offset),
      } as Input<'roster.list'>));
    }
    print(values.json ? { total, rows } : null, values.json, () =>
      rows.length === 0
        ? 'No one matches.'
        : `${table(
            ['CODE', 'NAME', 'COUNTRY', 'ORGANISATION', 'CATEGORY', 'STATUS', 'CHECKED IN'],
            rows.map((r) => [
              formatCode(r.code),
              `${r.honorific} ${r.givenNames} ${r.familyName}`.trim(),
              r.country,
              r.organisation,
              r.category,
              r.status,
              r.attendance ? r.attendance.at : '',
            ]),
          )}\n${rows.length} of ${total}`,
    );
  });
}

/** Erases one person's personal data on request (README, "Retention and erasure"); prints ids only. */
async function erase(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { ...dataOptions, person: { type: 'string' } }, strict: true });
  requireOptions(values, ['person'], usage);
  await withData(values.data, async (core) => {
    const erased = await call(core, 'person.erase', { participantId: values.person ?? '' });
    // The older backups are rewritten without the person before the store closes (erasure/backups.ts).
    await backupScrubSettled(core.ctx);
    print(erased, values.json, () =>
      erased.alreadyErased
        ? `${erased.participantId} was already erased (${erased.erasedAt}).`
        : `Erased the personal data of ${erased.participantId} (${erased.registrationIds.length} registrations kept for the reports).`,
    );
  });
}
