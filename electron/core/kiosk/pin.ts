import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * The staff PIN is kept only as a salted scrypt hash. scrypt runs on libuv's thread pool (the async call), so a PIN
 * check never stalls the check-ins of the desks served by the same process.
 */
const cost = { N: 1 << 14, r: 8, p: 1 } as const;
const keyLength = 32;

function derive(pin: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(pin, salt, keyLength, { N, r, p, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash`: the parameters travel with the hash, so they can be raised later without a migration. */
export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(pin, salt, cost.N, cost.r, cost.p);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(pin, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Wrong PINs allowed before the kiosk starts making people wait. */
export const freeAttempts = 5;
const firstLockSeconds = 30;
const maxLockSeconds = 15 * 60;

/**
 * How long the kiosk refuses PINs after this many failures in a row: nothing for the first few (staff mistype), then
 * 30 s, doubling, up to 15 minutes. A 4-digit PIN then takes weeks to guess at the kiosk, while staff who fumble it
 * twice are never locked out.
 */
export function lockSeconds(failures: number): number {
  if (failures < freeAttempts) return 0;
  return Math.min(maxLockSeconds, firstLockSeconds * 2 ** (failures - freeAttempts));
}
