import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Input } from '../../core/api/contract';
import { MusterError } from '../../core/api/errors';
import { verifyBadge } from '../../core/badges/verify';
import { formatCode, normaliseCode } from '../../core/participants/code';
import { getParticipant, registrationByCode } from '../../core/participants/store';
import type { Registration } from '../../core/participants/schema';
import {
  call,
  languageOption,
  CommandError,
  dataOptions,
  print,
  requireOptions,
  UsageError,
  withData,
  writeOutput,
} from './common';

const badgesUsage =
  'muster badges --event ID --layout a4-8|a6|4x3 --out FILE.pdf [--registration ID ...] [--include-cancelled] [--language en|fr|es|ru|ar] [--data DIR] [--json]';

/** Writes the badges of an event (or of the registrations named) as one PDF, atomically, as the export screen does. */
export async function badgesCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      ...dataOptions,
      event: { type: 'string' },
      layout: { type: 'string' },
      out: { type: 'string' },
      registration: { type: 'string', multiple: true },
      'include-cancelled': { type: 'boolean', default: false },
      language: { type: 'string' },
    },
    strict: true,
  });
  requireOptions(values, ['event', 'layout', 'out'], badgesUsage);
  const language = languageOption(values.language, badgesUsage);
  const out = values.out ?? '';
  if (isFolder(out)) throw new UsageError(`--out names a folder; give the file to write, e.g. ${out}/badges.pdf.`);
  await withData(values.data, async (core) => {
    // Unchecked strings on purpose: dispatch validates them against the contract like any other input.
    const result = await call(core, 'export.run', {
      jobId: randomUUID(),
      eventId: values.event,
      format: 'badges-pdf',
      layout: values.layout,
      includeCancelled: values['include-cancelled'],
      ...(values.registration?.length ? { registrationIds: values.registration } : {}),
      ...language,
    } as Input<'export.run'>);
    writeOutput(out, Buffer.from(result.data, 'base64'));
    const { bytes, rows, pages } = result;
    print(
      { file: out, bytes, badges: rows, pages },
      values.json,
      () => `Wrote ${out} (${rows} badges, ${pages} pages).`,
    );
  });
}

const verifyUsage = 'muster verify-code CODE --event ID [--data DIR] [--json]';

/**
 * Says whether a scanned badge QR token (M1.…) or a typed short code (XXXX-XXXX) is good for the event, and whose it
 * is, with the same checks as the kiosk. A refusal exits 1 with its reason (malformed, forged, wrong_event, revoked,
 * unknown_registration; not_found for a short code nobody has).
 */
export async function verifyCodeCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { ...dataOptions, event: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  requireOptions(values, ['event'], verifyUsage);
  const [code, ...extra] = positionals;
  if (!code || extra.length) throw new UsageError(`Give one code to verify. Usage: ${verifyUsage}`);
  const eventId = values.event ?? '';
  await withData(values.data, async (core) => {
    const event = await call(core, 'event.get', { id: eventId });
    let registration: Registration;
    let kind: 'badge' | 'code';
    try {
      const short = code.startsWith('M1.') ? null : normaliseCode(code);
      kind = short ? 'code' : 'badge';
      if (short) {
        const found = registrationByCode(core.ctx.db, event.id, short);
        if (!found)
          throw new MusterError(
            'not_found',
            `No one registered for "${event.title}" has the code ${formatCode(short)}.`,
          );
        registration = found;
      } else {
        registration = verifyBadge(core.ctx.db, event.id, code);
      }
    } catch (error) {
      if (!(error instanceof MusterError)) throw error;
      const reason = error.details?.badge ?? error.code;
      if (values.json) print({ valid: false, reason, message: error.message }, true, () => '');
      throw new CommandError(`Refused (${reason}): ${error.message}`);
    }
    const person = getParticipant(core.ctx.db, registration.participantId);
    const name = person.badgeName || `${person.givenNames} ${person.familyName}`.trim();
    const answer = {
      valid: true,
      kind,
      registrationId: registration.id,
      participantId: registration.participantId,
      name,
      code: formatCode(registration.code),
      status: registration.status,
      category: registration.category,
    };
    const note =
      registration.status === 'cancelled' ? ' Their registration is cancelled: check-in will refuse it.' : '';
    print(
      answer,
      values.json,
      () => `Valid ${kind} for ${name} (${formatCode(registration.code)}, ${registration.status}).${note}`,
    );
  });
}

function isFolder(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}
