import type { Context } from '../context';
import { getRegistration } from '../participants/store';
import { currentIssue, ensureEventKey } from './store';
import { signToken } from './token';

/** The QR token for a registration's current badge, signed with its event's key (made on first need). */
export function badgeToken(ctx: Context, registrationId: string): { token: string; issue: number; eventId: string } {
  const registration = getRegistration(ctx.db, registrationId);
  const key = ensureEventKey(ctx, registration.eventId);
  const issue = currentIssue(ctx.db, registrationId);
  return {
    token: signToken({ eventId: registration.eventId, registrationId, issue }, key.privateKey),
    issue,
    eventId: registration.eventId,
  };
}
