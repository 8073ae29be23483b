import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { deriveKey, defaultLogN } from './bundle';

/**
 * Requests to a sync hub, and its answers, are authenticated with a key only holders of the event's sync passphrase
 * can derive (scrypt, salted per event): each request signs its method, path, time and body; the hub refuses one
 * off by more than the clock drift limit or seen before (replay), and signs its answers, so a machine in the middle of
 * the venue LAN can neither read (bundles are encrypted), forge, replay nor alter what a kiosk and its hub exchange.
 */
export async function hubKey(passphrase: string, eventId: string): Promise<Buffer> {
  const salt = createHash('sha256').update(`muster-hub\0${eventId}`).digest().subarray(0, 16);
  return deriveKey(passphrase, salt, defaultLogN);
}

export const hubHeaders = {
  time: 'x-muster-time',
  device: 'x-muster-device',
  /** Random per request, so two identical requests in one millisecond are still two requests, not a replay. */
  nonce: 'x-muster-nonce',
  signature: 'x-muster-signature',
} as const;

export function requestSignature(
  key: Buffer,
  parts: { method: string; path: string; time: string; device: string; nonce: string; body: Uint8Array },
): string {
  const bodyHash = createHash('sha256').update(parts.body).digest('hex');
  return createHmac('sha256', key)
    .update(`request\n${parts.method}\n${parts.path}\n${parts.time}\n${parts.device}\n${parts.nonce}\n${bodyHash}`)
    .digest('hex');
}

/** An answer's signature covers the request's signature too, so an old answer cannot be passed off as a new one. */
export function responseSignature(key: Buffer, requestSig: string, status: number, body: Uint8Array): string {
  const bodyHash = createHash('sha256').update(body).digest('hex');
  return createHmac('sha256', key).update(`response\n${requestSig}\n${status}\n${bodyHash}`).digest('hex');
}

export function sameSignature(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
