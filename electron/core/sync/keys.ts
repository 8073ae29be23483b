import { createPrivateKey, createPublicKey, randomBytes, sign, verify } from 'node:crypto';
import type { Db } from '../db/driver';
import { prepared } from '../db/statements';
import { writeTransaction } from '../db/transaction';

/**
 * The secret this device's signing key is derived from, made with the database (openCore) so that every backup holding
 * the device's id holds it too. A kiosk restored from a backup taken before its first sync then signs with the same
 * key as before, instead of making a new one that every peer and hub refuses under its old id.
 */
export function deviceSeed(db: Db): Buffer {
  const read = () =>
    prepared(db, "SELECT value FROM meta WHERE key = 'device_seed'").pluck().get() as string | undefined;
  const existing = read();
  if (existing) return Buffer.from(existing, 'hex');
  prepared(db, "INSERT OR IGNORE INTO meta (key, value) VALUES ('device_seed', ?)").run(
    randomBytes(32).toString('hex'),
  );
  return Buffer.from(read() as string, 'hex');
}

// An Ed25519 private key in PKCS#8 is this fixed prefix and the 32-byte seed (RFC 8410).
const pkcs8Ed25519 = Buffer.from('302e020100300506032b657004220420', 'hex');

/** This device's Ed25519 key pair, made the first time it signs a bundle. Never synced: it is what names the device. */
export function deviceKey(db: Db, device: string, now: Date): { publicKey: string; privateKey: string } {
  const read = () =>
    prepared(db, 'SELECT public_key, private_key FROM device_keys WHERE device_id = ? AND private_key IS NOT NULL').get(
      device,
    ) as { public_key: string; private_key: string } | undefined;
  const existing = read();
  if (existing) return { publicKey: existing.public_key, privateKey: existing.private_key };
  const make = () => {
    const der = Buffer.concat([pkcs8Ed25519, deviceSeed(db)]);
    const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    const publicKey = createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).toString('base64');
    prepared(
      db,
      'INSERT OR IGNORE INTO device_keys (device_id, public_key, private_key, first_seen_at) VALUES (?, ?, ?, ?)',
    ).run(device, publicKey, der.toString('base64'), now.toISOString());
  };
  if (db.inTransaction) make();
  else writeTransaction(db, make);
  const made = read();
  if (!made) throw new Error(`Device ${device} has a public key on record but no private key.`);
  return { publicKey: made.public_key, privateKey: made.private_key };
}

export function signBytes(privateKey: string, bytes: Uint8Array): Buffer {
  return sign(null, bytes, createPrivateKey({ key: Buffer.from(privateKey, 'base64'), format: 'der', type: 'pkcs8' }));
}

/** False for a signature that does not match, and for a public key that is not an Ed25519 key at all. */
export function verifyBytes(publicKey: string, bytes: Uint8Array, signature: Uint8Array): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ed25519') return false;
    return verify(null, bytes, key, signature);
  } catch {
    return false;
  }
}

/** The public key this replica first saw for a device, if any (trust on first use). */
export function knownKey(db: Db, device: string): string | undefined {
  return prepared(db, 'SELECT public_key FROM device_keys WHERE device_id = ?').pluck().get(device) as
    string | undefined;
}

/** Remembers a peer's key the first time a bundle signed by it is accepted (in the import's transaction). */
export function rememberKey(db: Db, device: string, publicKey: string, now: Date): void {
  prepared(db, 'INSERT OR IGNORE INTO device_keys (device_id, public_key, first_seen_at) VALUES (?, ?, ?)').run(
    device,
    publicKey,
    now.toISOString(),
  );
}
