import { createCipheriv, createDecipheriv, randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { z } from 'zod';
import { isPlainDatabase } from './driver';
import { StoreError } from './store-error';

/**
 * The database key lives only here, wrapped: a random 256-bit key (never derived from anything a person chose, so a
 * weak passphrase cannot weaken the file itself), sealed once per way of unlocking it. The file sits beside the
 * database; without one of its unlockers the database, its WAL and its backups are random bytes.
 */

/** An OS secret store (Electron's safeStorage behind the shell); the core never imports Electron. */
export interface SecretStore {
  /** What the OS store is called (safeStorage's backend name), kept so a keyring from another store is explained. */
  readonly backend: string;
  encrypt(plain: Buffer): Buffer;
  decrypt(sealed: Buffer): Buffer;
}

/** How this process can unlock the key: an administrator's passphrase, or the OS secret store. */
export type Unlocker = { passphrase: string } | { secretStore: SecretStore };

/** scrypt at OWASP's floor (N=2^17, r=8, p=1): 128 MiB and about half a second, paid once per start. */
export const scryptCost = { N: 2 ** 17, r: 8, p: 1 } as const;
const keyBytes = 32;
// Binds a wrapped key to its purpose, so the sealed bytes cannot be replayed as anything else.
const wrapLabel = Buffer.from('muster keyring v1: database key');

const b64 = z.string().regex(/^[A-Za-z0-9+/]+=*$/);
const passphraseWrap = z
  .object({
    kdf: z.literal('scrypt'),
    N: z
      .number()
      .int()
      .min(2 ** 14),
    r: z.number().int().min(1).max(64),
    p: z.number().int().min(1).max(16),
    salt: b64,
    iv: b64,
    tag: b64,
    key: b64,
  })
  .strict();
const storeWrap = z.object({ backend: z.string().min(1), key: b64 }).strict();
const keyringSchema = z
  .object({
    version: z.literal(1),
    passphrase: passphraseWrap.optional(),
    secretStore: storeWrap.optional(),
  })
  .strict();
type Keyring = z.infer<typeof keyringSchema>;

/** The keyring of a database file: beside it, so moving the data folder moves both. */
export function keyringFile(databaseFile: string): string {
  return `${databaseFile}.keyring.json`;
}

/**
 * The database key as hex, unlocked from the keyring beside `databaseFile` with `unlocker`, or made (and its keyring
 * written, durably, before any page is encrypted with it) when there is no keyring yet. `alsoSealFor` are further
 * ways to unlock it that the keyring gains if it lacks them (the desktop adds an administrator passphrase to a key
 * its OS store keeps, so the command line can open the same file). A wrong passphrase is a StoreError and nothing is
 * written.
 */
export function unlockDatabaseKey(databaseFile: string, unlocker: Unlocker, ...alsoSealFor: Unlocker[]): string {
  const file = keyringFile(databaseFile);
  if (!existsSync(file)) {
    refuseLostKeyring(databaseFile);
    const key = randomBytes(keyBytes);
    writeKeyring(file, sealFor(key, { version: 1 }, [unlocker, ...alsoSealFor]));
    return key.toString('hex');
  }
  const ring = readKeyring(file);
  const key = unwrap(ring, unlocker, file);
  const missing = alsoSealFor.filter((u) => ('secretStore' in u ? !ring.secretStore : !ring.passphrase));
  if (missing.length) writeKeyring(file, sealFor(key, ring, missing));
  return key.toString('hex');
}

/**
 * An encrypted database whose keyring is gone: a new key would not open it, and writing one would hide the loss.
 * Asked before a new key is made, and by the desktop before it asks anyone to choose a passphrase for one.
 */
export function refuseLostKeyring(databaseFile: string): void {
  if (existsSync(keyringFile(databaseFile))) return;
  if (existsSync(databaseFile) && statSync(databaseFile).size > 0 && !isPlainDatabase(databaseFile)) {
    throw new StoreError(
      'locked',
      `${databaseFile} is not a Muster database this computer can open: it is not plain SQLite, so either it is ` +
        `encrypted and its keyring ${keyringFile(databaseFile)} is missing (put the keyring back), or it is not a ` +
        'database at all. Nothing was changed.',
    );
  }
}

function sealFor(key: Buffer, ring: Keyring, unlockers: Unlocker[]): Keyring {
  return unlockers.reduce((sealed, u) => ({ ...sealed, ...wrap(key, u) }), ring);
}

/** Whether a keyring exists beside the database (the shell asks before deciding how to unlock it). */
export function hasKeyring(databaseFile: string): boolean {
  return existsSync(keyringFile(databaseFile));
}

/** Which unlockers a keyring holds, for a message that says what is needed. */
export function keyringUnlockers(databaseFile: string): { passphrase: boolean; secretStore: string | null } {
  const ring = readKeyring(keyringFile(databaseFile));
  return { passphrase: ring.passphrase !== undefined, secretStore: ring.secretStore?.backend ?? null };
}

function wrap(key: Buffer, unlocker: Unlocker): Pick<Keyring, 'passphrase' | 'secretStore'> {
  if ('secretStore' in unlocker) {
    const { secretStore } = unlocker;
    return {
      secretStore: { backend: secretStore.backend, key: secretStore.encrypt(key).toString('base64') },
    };
  }
  const salt = randomBytes(16);
  return { passphrase: sealWithDerived(key, derive(unlocker.passphrase, salt, scryptCost), salt) };
}

type PassphraseWrap = z.infer<typeof passphraseWrap>;

function sealWithDerived(key: Buffer, derived: Buffer, salt: Buffer): PassphraseWrap {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', derived, iv);
  cipher.setAAD(wrapLabel);
  const sealed = Buffer.concat([cipher.update(key), cipher.final()]);
  return {
    kdf: 'scrypt',
    ...scryptCost,
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    key: sealed.toString('base64'),
  };
}

function unwrap(ring: Keyring, unlocker: Unlocker, file: string): Buffer {
  if ('secretStore' in unlocker) {
    if (!ring.secretStore) {
      throw new StoreError('locked', `The database is locked with an administrator passphrase (${file}); give it.`);
    }
    let key: Buffer;
    try {
      key = unlocker.secretStore.decrypt(Buffer.from(ring.secretStore.key, 'base64'));
    } catch (error) {
      throw new StoreError(
        'locked',
        `This computer's secret store (${unlocker.secretStore.backend}) cannot unlock the database key, which was ` +
          `sealed by ${ring.secretStore.backend} (${(error as Error).message}). Nothing was changed.`,
      );
    }
    return checkedKey(key, file);
  }
  const sealed = ring.passphrase;
  if (!sealed) {
    throw new StoreError(
      'locked',
      `The database key is kept by the secret store of the computer that made it (${ring.secretStore?.backend ?? 'unknown'}); a passphrase cannot open it.`,
    );
  }
  return openWithDerived(sealed, derive(unlocker.passphrase, Buffer.from(sealed.salt, 'base64'), sealed), file);
}

function openWithDerived(sealed: PassphraseWrap, derived: Buffer, file: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', derived, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(wrapLabel);
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  try {
    return checkedKey(Buffer.concat([decipher.update(Buffer.from(sealed.key, 'base64')), decipher.final()]), file);
  } catch (error) {
    if (error instanceof StoreError) throw error;
    // GCM cannot tell a wrong passphrase from a damaged keyring; the passphrase is by far the likelier.
    throw new StoreError('wrong_passphrase', 'The passphrase does not unlock this database. Nothing was changed.');
  }
}

function checkedKey(key: Buffer, file: string): Buffer {
  if (key.length !== keyBytes) throw new StoreError('cannot_open', `The keyring ${file} holds a damaged key.`);
  return key;
}

function derive(passphrase: string, salt: Buffer, cost: { N: number; r: number; p: number }): Buffer {
  if (passphrase.length === 0) throw new StoreError('wrong_passphrase', 'The passphrase is empty.');
  return scryptSync(passphrase.normalize('NFC'), salt, keyBytes, { ...cost, maxmem: 256 * cost.N * cost.r });
}

/** derive on libuv's thread pool: a running app (browser mode, a hub) keeps answering its desks meanwhile. */
function deriveOffThread(passphrase: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  if (passphrase.length === 0) return Promise.reject(new StoreError('wrong_passphrase', 'The passphrase is empty.'));
  return new Promise((resolve, reject) =>
    scrypt(passphrase.normalize('NFC'), salt, keyBytes, { ...cost, maxmem: 256 * cost.N * cost.r }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/**
 * What a person must give to open `databaseFile` with a passphrase: `enter` the one its keyring is sealed with, or
 * `choose` one for a database that has no key yet. A StoreError when no passphrase can open it (a keyring sealed
 * only by a secret store, an encrypted file whose keyring is lost).
 */
export function passphraseAsk(databaseFile: string): 'enter' | 'choose' {
  if (!hasKeyring(databaseFile)) {
    refuseLostKeyring(databaseFile);
    return 'choose';
  }
  const sealed = keyringUnlockers(databaseFile);
  if (sealed.passphrase) return 'enter';
  throw new StoreError(
    'locked',
    `The database key is kept by the secret store of the computer that made it (${sealed.secretStore ?? 'unknown'}); ` +
      'a passphrase cannot open it. Nothing was changed.',
  );
}

/** Whether the keyring beside `databaseFile` can be opened with an administrator passphrase. */
export function hasPassphraseSeal(databaseFile: string): boolean {
  return hasKeyring(databaseFile) && keyringUnlockers(databaseFile).passphrase;
}

/**
 * Seals the open database's key (`keyHex`, the key the connection was opened with) for the administrator passphrase
 * `next`, replacing any passphrase seal; the OS store's seal stays. When the keyring already has a passphrase,
 * `current` must open it (and open this very key), else it is a StoreError `wrong_passphrase` and nothing is
 * written. The keyring is replaced whole, so a crash leaves the old passphrase or the new one working.
 */
export async function sealForPassphrase(
  databaseFile: string,
  keyHex: string,
  next: string,
  current: string | undefined,
): Promise<void> {
  const file = keyringFile(databaseFile);
  const key = Buffer.from(keyHex, 'hex');
  const before = readKeyring(file);
  if (before.passphrase) {
    if (current === undefined || current.length === 0) {
      throw new StoreError('wrong_passphrase', 'Give the current passphrase to change it. Nothing was changed.');
    }
    const sealed = before.passphrase;
    const opened = openWithDerived(
      sealed,
      await deriveOffThread(current, Buffer.from(sealed.salt, 'base64'), sealed),
      file,
    );
    if (!timingSafeEqual(opened, key)) {
      throw new StoreError(
        'cannot_open',
        `The keyring ${file} holds the key of another database. Nothing was changed.`,
      );
    }
  }
  const salt = randomBytes(16);
  const passphrase = sealWithDerived(key, await deriveOffThread(next, salt, scryptCost), salt);
  // Read again: the keyring may have gained a seal while scrypt ran (another process opening the same folder).
  const latest = readKeyring(file);
  if (JSON.stringify(latest.passphrase) !== JSON.stringify(before.passphrase)) {
    throw new StoreError('cannot_open', 'The passphrase was changed meanwhile by someone else. Nothing was changed.');
  }
  writeKeyring(file, { ...latest, passphrase });
}

function readKeyring(file: string): Keyring {
  try {
    return keyringSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    throw new StoreError(
      'cannot_open',
      `The keyring ${file} cannot be read (${(error as Error).message.split('\n')[0]}); restore it from where it was kept.`,
    );
  }
}

/** Written whole, synced, then renamed: a crash leaves the old keyring or the new one, never half of one. */
function writeKeyring(file: string, ring: Keyring): void {
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(ring, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}
