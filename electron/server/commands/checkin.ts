import { parseArgs } from 'node:util';
import type { Input } from '../../core/api/contract';
import { formatCode } from '../../core/participants/code';
import { call, CommandError, dataOptions, print, UsageError, withData } from './common';
import { newId } from '../../core/api/ids';

const usage =
  'muster checkin --event ID --session ID (--code CODE | --participant ID) [--method M] [--operator NAME] [--data DIR] [--json]';

/** Checks one person in for a session, as the desk does: by the code on their badge or by who they are. */
export async function checkinCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      ...dataOptions,
      event: { type: 'string' },
      session: { type: 'string' },
      code: { type: 'string' },
      participant: { type: 'string' },
      method: { type: 'string', default: 'manual' },
      operator: { type: 'string' },
      /** The check-in's nonce, so a script that retries checks in once. */
      id: { type: 'string' },
    },
    strict: true,
  });
  if (!values.event || !values.session) throw new UsageError(`Missing --event or --session. Usage: ${usage}`);
  const eventId = values.event;
  const sessionId = values.session;
  if (Boolean(values.code) === Boolean(values.participant))
    throw new UsageError(`Give --code or --participant (one of them). Usage: ${usage}`);
  await withData(values.data, async (core) => {
    const event = await call(core, 'event.get', { id: eventId });
    const session = event.sessions.find((s) => s.id === sessionId);
    if (!session) throw new CommandError(`Session ${sessionId} is not a session of "${event.title}".`);
    let who: { registrationId: string } | { code: string };
    let name = '';
    if (values.participant) {
      const { participant, registrations } = await call(core, 'participant.get', { id: values.participant });
      const registration = registrations.find((r) => r.eventId === event.id);
      if (!registration)
        throw new CommandError(`Participant ${values.participant} is not registered for "${event.title}".`);
      who = { registrationId: registration.id };
      name = `${participant.givenNames} ${participant.familyName}`.trim();
    } else {
      who = { code: values.code ?? '' };
    }
    const record = await call(core, 'checkin.create', {
      id: values.id ?? newId(),
      sessionId: session.id,
      ...who,
      method: values.method,
      ...(values.operator ? { operator: values.operator } : {}),
    } as Input<'checkin.create'>);
    if (!name) {
      // Who the code belonged to, for the message only: the check-in itself went by code, as a QR scan does.
      const hits = await call(core, 'roster.search', { eventId: event.id, query: values.code ?? '', limit: 5 });
      const hit = hits.find((h) => h.registrationId === record.registrationId);
      name = hit ? `${hit.givenNames} ${hit.familyName} (${formatCode(hit.code)})`.trim() : record.registrationId;
    }
    const time = new Intl.DateTimeFormat('en-GB', { timeZone: event.timeZone, hour: '2-digit', minute: '2-digit' });
    print(record, values.json, () => `Checked in ${name} to ${session.name} at ${time.format(new Date(record.at))}.`);
  });
}
