import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

/**
 * The signed QR token on a badge: `M1.` then base64url of
 *
 *   event id (16 bytes) · registration id (16 bytes) · issue (2 bytes, big-endian) · Ed25519 signature (64 bytes)
 *
 * 98 bytes, 134 characters: small enough for a QR a phone camera or a cheap kiosk scanner reads at arm's length.
 * Only opaque ids travel: a lost badge says nothing about its owner. The signature covers a fixed label and the
 * 34 bytes of ids, so a token of another scheme that happened to have the same bytes could never verify as a badge.
 */
export const tokenPrefix = 'M1.';
const idBytes = 16;
const payloadBytes = 2 * idBytes + 2;
const signatureBytes = 64;
export const tokenBytes = payloadBytes + signatureBytes;
/** Longest string worth decoding; anything longer is refused before any work. */
export const maxTokenLength = tokenPrefix.length + Math.ceil((tokenBytes * 4) / 3);
export const maxIssue = 0xffff;
const label = Buffer.from('muster-badge-v1\0', 'utf8');

export interface BadgeClaims {
  eventId: string;
  registrationId: string;
  issue: number;
}

export interface SignedToken extends BadgeClaims {
  /** The bytes the signature covers (label excluded). */
  payload: Buffer;
  signature: Buffer;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function uuidToBytes(uuid: string): Buffer {
  if (!uuidPattern.test(uuid)) throw new Error(`Not a UUID: ${uuid}`);
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

function bytesToUuid(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function payloadOf(claims: BadgeClaims): Buffer {
  if (!Number.isInteger(claims.issue) || claims.issue < 1 || claims.issue > maxIssue) {
    throw new Error(`A badge issue is a whole number from 1 to ${maxIssue}.`);
  }
  const issue = Buffer.alloc(2);
  issue.writeUInt16BE(claims.issue);
  return Buffer.concat([uuidToBytes(claims.eventId), uuidToBytes(claims.registrationId), issue]);
}

export interface KeyPair {
  /** DER (SPKI for the public key, PKCS#8 for the private one), base64: how badge_keys stores them. */
  publicKey: string;
  privateKey: string;
}

export function newKeyPair(): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    privateKey: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
  };
}

// Parsing a DER key costs more than a signature check: keep the parsed ones (few: one per event).
const publicKeys = new Map<string, KeyObject>();
const privateKeys = new Map<string, KeyObject>();

function publicKeyObject(der: string): KeyObject {
  let key = publicKeys.get(der);
  if (!key)
    publicKeys.set(der, (key = createPublicKey({ key: Buffer.from(der, 'base64'), format: 'der', type: 'spki' })));
  return key;
}

function privateKeyObject(der: string): KeyObject {
  let key = privateKeys.get(der);
  if (!key) {
    privateKeys.set(der, (key = createPrivateKey({ key: Buffer.from(der, 'base64'), format: 'der', type: 'pkcs8' })));
  }
  return key;
}

export function signToken(claims: BadgeClaims, privateKey: string): string {
  const payload = payloadOf(claims);
  const signature = sign(null, Buffer.concat([label, payload]), privateKeyObject(privateKey));
  return tokenPrefix + Buffer.concat([payload, signature]).toString('base64url');
}

/**
 * Reads a token's parts without trusting them, or null when the string cannot be a token at all. The encoding must
 * be canonical: base64url has spare bits in its last character, and a token that decodes to the same bytes from a
 * different string would let an altered QR pass as the original.
 */
export function parseToken(text: string): SignedToken | null {
  if (text.length > maxTokenLength || !text.startsWith(tokenPrefix)) return null;
  const body = text.slice(tokenPrefix.length);
  if (!/^[A-Za-z0-9_-]+$/.test(body)) return null;
  const bytes = Buffer.from(body, 'base64url');
  if (bytes.length !== tokenBytes || bytes.toString('base64url') !== body) return null;
  const payload = bytes.subarray(0, payloadBytes);
  return {
    eventId: bytesToUuid(payload.subarray(0, idBytes)),
    registrationId: bytesToUuid(payload.subarray(idBytes, 2 * idBytes)),
    issue: payload.readUInt16BE(2 * idBytes),
    payload,
    signature: bytes.subarray(payloadBytes),
  };
}

export function signatureHolds(token: SignedToken, publicKey: string): boolean {
  return verify(null, Buffer.concat([label, token.payload]), publicKeyObject(publicKey), token.signature);
}
