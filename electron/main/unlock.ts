import { StoreError } from '../core/db/store-error';
import type { PassphraseAsk } from '../core/system/store-schema';
import {
  hasKeyring,
  keyringUnlockers,
  passphraseAsk,
  unlockDatabaseKey,
  type SecretStore,
  type Unlocker,
} from '../core/db/keyring';

/** The part of Electron's safeStorage the shell uses (a parameter, so the choice is tested without Electron). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  /** Linux only: which secret store Chromium picked ('basic_text' is a hard-coded key, not a store). */
  getSelectedStorageBackend?(): string;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
}

// On Linux these mean "no real secret store": basic_text seals with a key written into Chromium itself.
const weakBackends = new Set(['basic_text', 'unknown']);

/**
 * The OS secret store, when it is a real one: the Keychain on macOS, DPAPI on Windows, the Secret Service or KWallet
 * on Linux. Null when a key sealed by it would be readable by anyone who copies the disk.
 */
export function osSecretStore(safeStorage: SafeStorageLike, platform: NodeJS.Platform): SecretStore | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  let backend: string;
  if (platform === 'linux') {
    backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
    if (weakBackends.has(backend)) return null;
  } else {
    backend = platform === 'darwin' ? 'keychain' : platform === 'win32' ? 'dpapi' : platform;
  }
  return {
    backend,
    // safeStorage seals strings; base64 carries the key's bytes through unchanged.
    encrypt: (plain) => safeStorage.encryptString(plain.toString('base64')),
    decrypt: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'base64'),
  };
}

/** The unlocker to open the key with, and the ones the keyring should gain. */
export interface DesktopUnlock {
  unlocker: Unlocker;
  alsoSealFor: Unlocker[];
}

/**
 * How the desktop app unlocks its database: with the OS secret store when there is a real one and the keyring was
 * sealed by it (or there is no keyring yet); otherwise with the administrator passphrase (MUSTER_PASSPHRASE), so a
 * machine without a real store never keeps a key anyone could unseal. Given both, the keyring gets both: the
 * passphrase lets the command line and browser mode open the desktop's file, and the store spares the next start the
 * passphrase. Throws a StoreError the desk can read when neither is available.
 */
export function desktopUnlock(
  databaseFile: string,
  store: SecretStore | null,
  env: Record<string, string | undefined>,
): DesktopUnlock {
  const passphrase = env['MUSTER_PASSPHRASE'] ? { passphrase: env['MUSTER_PASSPHRASE'] } : null;
  const sealed = hasKeyring(databaseFile) ? keyringUnlockers(databaseFile) : null;
  if (store && (!sealed || sealed.secretStore)) {
    return { unlocker: { secretStore: store }, alsoSealFor: passphrase ? [passphrase] : [] };
  }
  if (passphrase && (!sealed || sealed.passphrase)) {
    return { unlocker: passphrase, alsoSealFor: store ? [{ secretStore: store }] : [] };
  }
  if (!sealed) {
    throw new StoreError(
      'locked',
      'This computer has no secure secret store for the database key. Choose an administrator passphrase and ' +
        'start Muster with MUSTER_PASSPHRASE set to it.',
    );
  }
  if (sealed.passphrase) {
    throw new StoreError(
      'locked',
      'The database is locked with the administrator passphrase: start Muster with MUSTER_PASSPHRASE set.',
    );
  }
  throw new StoreError(
    'locked',
    `The database key is sealed by ${sealed.secretStore ?? 'a secret store'}, which this session cannot use. ` +
      'Log in to the desktop session that set Muster up. Nothing was changed.',
  );
}

/**
 * The desktop's database key (see desktopUnlock). A data folder moved from another computer has a key this OS store
 * cannot unseal: the administrator passphrase, when given and sealed in, still opens it.
 */
export function desktopKey(
  databaseFile: string,
  store: SecretStore | null,
  env: Record<string, string | undefined>,
): string {
  const { unlocker, alsoSealFor } = desktopUnlock(databaseFile, store, env);
  try {
    return unlockDatabaseKey(databaseFile, unlocker, ...alsoSealFor);
  } catch (error) {
    const passphrase = env['MUSTER_PASSPHRASE'];
    const fallBack =
      error instanceof StoreError &&
      error.reason === 'locked' &&
      'secretStore' in unlocker &&
      passphrase &&
      hasKeyring(databaseFile) &&
      keyringUnlockers(databaseFile).passphrase;
    if (!fallBack) throw error;
    return unlockDatabaseKey(databaseFile, { passphrase });
  }
}

export type DesktopStart = { key: string } | { ask: PassphraseAsk };

/**
 * How the desktop starts: with its key, when the OS secret store or MUSTER_PASSPHRASE unseals it; otherwise with what
 * to ask for in the unlock window: `enter` the administrator passphrase the keyring is sealed with, or `choose` one
 * (first run on a computer without a real secret store). Nothing is written before a key is unsealed or made. What a
 * passphrase typed at the desk cannot fix stays a StoreError: a key kept only by another session's store, a lost
 * keyring, a wrong MUSTER_PASSPHRASE (a script set it, so the script must hear it is wrong).
 */
export function desktopStart(
  databaseFile: string,
  store: SecretStore | null,
  env: Record<string, string | undefined>,
): DesktopStart {
  try {
    return { key: desktopKey(databaseFile, store, env) };
  } catch (error) {
    if (!(error instanceof StoreError) || error.reason !== 'locked' || env['MUSTER_PASSPHRASE']) throw error;
    // Only what a passphrase can open is asked for; anything else keeps the store's own explanation.
    if (hasKeyring(databaseFile) && !keyringUnlockers(databaseFile).passphrase) throw error;
    return { ask: passphraseAsk(databaseFile) };
  }
}
