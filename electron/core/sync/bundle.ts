import { createCipheriv, createDecipheriv, createHash, randomBytes, scrypt } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { MusterError, type SyncRefusal } from '../api/errors';
import { id } from '../events/schema';
import { deviceId } from './schema';

/**
 * A sync bundle on disk (a USB stick between kiosks and headquarters):
 *
 *   "MUSTSYNC" | format (1 byte) | header length (u16 BE) | header (JSON) | body length (u32 BE) | body | signature
 *
 * The header says which event, which device sent it (and its Ed25519 public key), and the scrypt salt and cost and
 * the AES-256-GCM nonce. The body is gzip(JSON of the changes) encrypted with a key derived from the event's sync
 * passphrase, the GCM tag last; everything before the header's end is its additional data, so no header field can be
 * swapped. The signature (64 bytes, Ed25519) covers every byte before it.
 */
export const magic = Buffer.from('MUSTSYNC', 'ascii');
export const formatVersion = 1;
const tagBytes = 16;
const signatureBytes = 64;

export const syncLimits = {
  /** The file as read: 100,000 changes compress to a few MB, so this is generous. */
  fileBytes: 64 * 1024 * 1024,
  /** What the body may unpack to before it is refused as a zip bomb. */
  unpackedBytes: 256 * 1024 * 1024,
};
export type SyncLimits = typeof syncLimits;

/**
 * scrypt cost, as log2(N) with r = 8: 2^15 takes about 0.1 s and 32 MB, so guessing a passphrase is slow. A header
 * may ask for 2^14 to 2^17; anything outside is refused rather than letting a file make us spend gigabytes.
 */
export const defaultLogN = 15;
const minLogN = 14;
const maxLogN = 17;

const base64 = z.base64();
export const bundleHeader = z
  .object({
    eventId: id,
    device: deviceId,
    publicKey: base64.max(200),
    salt: base64.max(64),
    nonce: base64.max(32),
    scryptLogN: z.number().int().min(minLogN).max(maxLogN),
    createdAt: z.iso.datetime(),
  })
  .strict();
export type BundleHeader = z.infer<typeof bundleHeader>;

export function refuse(reason: SyncRefusal, message: string, aheadMs?: number): MusterError {
  return new MusterError('sync_refused', message, undefined, {
    sync: reason,
    ...(aheadMs === undefined ? {} : { aheadMs }),
  });
}

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  length: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

// Deriving a key is slow on purpose; a kiosk syncing every few seconds, or a test exchanging many bundles, derives
// each (passphrase, salt, cost) once per process. Keys stay in memory only.
const keys = new Map<string, Buffer>();
const exportSalts = new Map<string, Buffer>();

export async function deriveKey(passphrase: string, salt: Buffer, logN: number): Promise<Buffer> {
  const normalised = passphrase.normalize('NFC');
  const cacheKey = createHash('sha256').update(normalised).update('\0').update(salt).update(`\0${logN}`).digest('hex');
  const cached = keys.get(cacheKey);
  if (cached) return cached;
  const key = await scryptAsync(normalised, salt, 32, { N: 2 ** logN, r: 8, p: 1, maxmem: 256 * 2 ** logN * 8 });
  if (keys.size >= 16) keys.delete(keys.keys().next().value ?? '');
  keys.set(cacheKey, key);
  return key;
}

/** A salt for this process's bundles under one passphrase: nonces are random per bundle, so the key may repeat. */
function saltFor(passphrase: string): Buffer {
  const name = createHash('sha256').update(passphrase.normalize('NFC')).digest('hex');
  let salt = exportSalts.get(name);
  if (!salt) exportSalts.set(name, (salt = randomBytes(16)));
  return salt;
}

export interface SealInput {
  eventId: string;
  device: string;
  publicKey: string;
  passphrase: string;
  json: string;
  now: Date;
  sign: (bytes: Uint8Array) => Uint8Array;
}

/** Compresses, encrypts and signs a bundle body. */
export async function seal(input: SealInput): Promise<Buffer> {
  const salt = saltFor(input.passphrase);
  const nonce = randomBytes(12);
  const header: BundleHeader = {
    eventId: input.eventId,
    device: input.device,
    publicKey: input.publicKey,
    salt: salt.toString('base64'),
    nonce: nonce.toString('base64'),
    scryptLogN: defaultLogN,
    createdAt: input.now.toISOString(),
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = Buffer.alloc(magic.length + 3);
  magic.copy(prefix);
  prefix.writeUInt8(formatVersion, magic.length);
  prefix.writeUInt16BE(headerBytes.length, magic.length + 1);
  const aad = Buffer.concat([prefix, headerBytes]);
  const key = await deriveKey(input.passphrase, salt, defaultLogN);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad);
  const packed = gzipSync(Buffer.from(input.json, 'utf8'), { level: 6 });
  const body = Buffer.concat([cipher.update(packed), cipher.final(), cipher.getAuthTag()]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const signed = Buffer.concat([aad, length, body]);
  return Buffer.concat([signed, input.sign(signed)]);
}

export interface OpenedEnvelope {
  header: BundleHeader;
  /** Every byte the signature covers. */
  signed: Buffer;
  signature: Buffer;
  aad: Buffer;
  body: Buffer;
}

/** Reads a bundle's layout and header without trusting anything in it yet. Refuses what is not a bundle at all. */
export function openEnvelope(bytes: Buffer, limits: SyncLimits): OpenedEnvelope {
  if (bytes.length > limits.fileBytes) {
    throw refuse('too_large', `The sync file is larger than ${limits.fileBytes} bytes, so it was not opened.`);
  }
  if (bytes.length < magic.length + 1 || !bytes.subarray(0, magic.length).equals(magic)) {
    throw refuse('unknown_format', 'This is not a Muster sync file.');
  }
  const version = bytes.readUInt8(magic.length);
  if (version !== formatVersion) {
    throw refuse('unknown_format', `This sync file has format ${version}; this Muster reads format ${formatVersion}.`);
  }
  const truncated = () => refuse('truncated', 'The sync file is incomplete: copy it again from the sending kiosk.');
  if (bytes.length < magic.length + 3) throw truncated();
  const headerEnd = magic.length + 3 + bytes.readUInt16BE(magic.length + 1);
  if (bytes.length < headerEnd + 4) throw truncated();
  const bodyEnd = headerEnd + 4 + bytes.readUInt32BE(headerEnd);
  if (bytes.length < bodyEnd + signatureBytes) throw truncated();
  if (bytes.length > bodyEnd + signatureBytes) {
    throw refuse('tampered', 'The sync file has bytes after its signature: it was altered.');
  }
  let header: BundleHeader;
  try {
    header = bundleHeader.parse(JSON.parse(bytes.subarray(magic.length + 3, headerEnd).toString('utf8')));
  } catch {
    throw refuse('tampered', 'The sync file’s header is damaged: it was altered or corrupted.');
  }
  return {
    header,
    signed: bytes.subarray(0, bodyEnd),
    signature: bytes.subarray(bodyEnd),
    aad: bytes.subarray(0, headerEnd),
    body: bytes.subarray(headerEnd + 4, bodyEnd),
  };
}

/** Decrypts and unpacks a bundle whose signature was already checked. */
export async function unseal(envelope: OpenedEnvelope, passphrase: string, limits: SyncLimits): Promise<string> {
  const { header, body } = envelope;
  if (body.length < tagBytes) throw refuse('truncated', 'The sync file is incomplete.');
  const key = await deriveKey(passphrase, Buffer.from(header.salt, 'base64'), header.scryptLogN);
  let packed: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(header.nonce, 'base64'));
    decipher.setAAD(envelope.aad);
    decipher.setAuthTag(body.subarray(body.length - tagBytes));
    packed = Buffer.concat([decipher.update(body.subarray(0, body.length - tagBytes)), decipher.final()]);
  } catch {
    // The signature matched, so the bytes are as sent: only the key can be wrong.
    throw refuse('wrong_passphrase', 'The passphrase does not open this sync file.');
  }
  try {
    return gunzipSync(packed, { maxOutputLength: limits.unpackedBytes }).toString('utf8');
  } catch (error) {
    if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw refuse('too_large', `The sync file unpacks to more than ${limits.unpackedBytes} bytes, so it was refused.`);
    }
    throw refuse('tampered', 'The sync file’s content is damaged.');
  }
}
