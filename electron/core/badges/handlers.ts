import type { z } from 'zod';
import { conflict } from '../api/errors';
import type { Handlers } from '../api/handler';
import { create, write } from '../changes/write';
import type { Context } from '../context';
import { refuseIfErased } from '../erasure/erase';
import { prepared } from '../db/statements';
import { formatCode } from '../participants/code';
import { uniqueCode } from '../participants/handlers';
import { eventBasics, getRegistration, registrationEntity } from '../participants/store';
import { readBadges } from './content';
import type { badgeCodes, BadgePrintRecord, badgePrintInput, badgePrintResult } from './schema';
import { badgeIssueEntity, badgePrintEntity, currentIssue } from './store';
import { badgeToken } from './sign';
import { maxIssue } from './token';

function codesOf(ctx: Context, registrationId: string): z.input<typeof badgeCodes> {
  const registration = getRegistration(ctx.db, registrationId);
  // As for printing: no code that would check in someone whose data is gone.
  refuseIfErased(ctx.db, registration.participantId);
  const { token, issue } = badgeToken(ctx, registrationId);
  return { registrationId, token, code: formatCode(registration.code), issue };
}

/**
 * A lost or compromised badge is replaced: the issue number goes up (every QR signed with an older one is refused as
 * revoked) and the person gets a fresh short code (the old one stops resolving, as nothing else holds it).
 */
function reissue(ctx: Context, registrationId: string): z.input<typeof badgeCodes> {
  const registration = getRegistration(ctx.db, registrationId);
  refuseIfErased(ctx.db, registration.participantId);
  const event = eventBasics(ctx.db, registration.eventId);
  if (event.archived) throw conflict(`The event "${event.title}" is archived; restore it to reissue badges.`);
  const issue = currentIssue(ctx.db, registrationId) + 1;
  if (issue > maxIssue) throw conflict('This badge has been reissued too many times.');
  const now = ctx.now().toISOString();
  write(ctx, badgeIssueEntity, registrationId, { issue, updated_at: now });
  write(ctx, registrationEntity, registrationId, {
    code: uniqueCode(ctx, registration.eventId, undefined),
    updated_at: now,
  });
  return codesOf(ctx, registrationId);
}

/** Logs a badge sent to a printer (a retried request, same nonce, logs it once) and answers what to print. */
function logPrint(ctx: Context, input: z.output<typeof badgePrintInput>): z.input<typeof badgePrintResult> {
  const registration = getRegistration(ctx.db, input.registrationId);
  const existing = prepared(
    ctx.db,
    'SELECT registration_id, layout, printer, device_id, at FROM badge_prints WHERE id = ?',
  ).get(input.id) as
    | { registration_id: string; layout: BadgePrintRecord['layout']; printer: string; device_id: string; at: string }
    | undefined;
  if (existing && existing.registration_id !== input.registrationId) {
    throw conflict(`The id ${input.id} was already used for another print.`);
  }
  const record: BadgePrintRecord = existing
    ? {
        id: input.id,
        registrationId: existing.registration_id,
        layout: existing.layout,
        printer: existing.printer,
        device: existing.device_id,
        at: existing.at,
      }
    : {
        id: input.id,
        registrationId: input.registrationId,
        layout: input.layout,
        printer: input.printer,
        device: ctx.device,
        at: ctx.now().toISOString(),
      };
  if (!existing) {
    create(ctx, badgePrintEntity, record.id, {
      registration_id: record.registrationId,
      layout: record.layout,
      printer: record.printer,
      device_id: record.device,
      at: record.at,
    });
  }
  const [badge] = readBadges(ctx, registration.eventId, { registrationIds: [registration.id] });
  if (!badge) throw new Error('The badge just read is missing.');
  return { ...record, badge };
}

export const badgeHandlers = {
  'badge.token': (ctx, input) => codesOf(ctx, input.registrationId),
  'badge.reissue': (ctx, input) => reissue(ctx, input.registrationId),
  'badge.print': (ctx, input) => logPrint(ctx, input),
} satisfies Partial<Handlers>;
