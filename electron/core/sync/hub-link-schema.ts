import { z } from 'zod';
import { id } from '../events/schema';
import { passphrase } from './passphrase';

/** A hub's address as staff type it or a QR carries it: http(s) only, kept as its origin (the hub answers at its root). */
export const hubUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((text) => URL.canParse(text) && ['http:', 'https:'].includes(new URL(text).protocol), {
    params: { key: 'hubUrl' },
  })
  .transform((text) => new URL(text).origin);

export const syncHubJoinInput = z.object({ eventId: id, url: hubUrl, passphrase }).strict();
export const syncHubEventInput = z.object({ eventId: id }).strict();

/** Why the last round failed, as a closed list the screens say in plain words in each language. */
export const hubFailures = [
  'unreachable',
  'wrong_passphrase',
  'unknown_event',
  'refused',
  'conflict',
  'failed',
] as const;
export type HubFailure = (typeof hubFailures)[number];

/**
 * What the status indicator shows: whether the event is linked to a hub, whether the hub answered the last round,
 * when the last round succeeded, how many of this replica's changes the hub has not received yet, and why the last
 * round failed. The passphrase is never part of it.
 */
export const syncHubState = z.object({
  eventId: id,
  linked: z.boolean(),
  url: z.string().nullable(),
  connection: z.enum(['none', 'connecting', 'online', 'offline']),
  lastAttemptAt: z.iso.datetime().nullable(),
  lastSuccessAt: z.iso.datetime().nullable(),
  /** Changes the last successful round brought down and applied here (screens refresh when it is not zero). */
  lastApplied: z.number().int().nonnegative(),
  failures: z.number().int().nonnegative(),
  lastError: z.object({ kind: z.enum(hubFailures), message: z.string() }).nullable(),
  /** Changes of the event in this replica the hub has not received yet (null when not linked). */
  waiting: z.number().int().nonnegative().nullable(),
});
export type SyncHubState = z.infer<typeof syncHubState>;

/**
 * What the hub's page puts in a QR code and the kiosk's join dialog reads back: everything needed to join, so staff
 * at a kiosk type nothing. It holds the passphrase, which is why the page is served on the hub's loopback only.
 */
export const hubInvite = z
  .object({ muster: z.literal('hub'), v: z.literal(1), url: hubUrl, eventId: id.optional(), passphrase })
  .strict();
export type HubInvite = z.infer<typeof hubInvite>;

/**
 * The invite as text: JSON, short enough for a QR code a webcam reads at arm's length. Without an event it joins
 * whichever event's page scans it (a hub that has not received any event yet).
 */
export function inviteText(invite: { url: string; eventId?: string | undefined; passphrase: string }): string {
  const { url, eventId, passphrase: secret } = invite;
  return JSON.stringify({ muster: 'hub', v: 1, url, ...(eventId ? { eventId } : {}), passphrase: secret });
}

/** A scanned text as an invite, or null when it is not one (a badge, another QR code). */
export function readInvite(text: string): HubInvite | null {
  try {
    const parsed = hubInvite.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
