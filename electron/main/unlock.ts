import { StoreError } from '../core/db/store-error';
import { hasKeyring, keyringUnlockers, type SecretStore, type Unlocker } from '../core/db/keyring';

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

/**
 * How the desktop app unlocks its database: with the OS secret store when there is a real one and the keyring was
 * sealed by it (or there is no keyring yet); otherwise with the administrator passphrase (MUSTER_PASSPHRASE), so a
 * machine without a real store never keeps a key anyone could unseal. Throws a StoreError the desk can read when
 * neither is available.
 */
export function desktopUnlocker(
  databaseFile: string,
  store: SecretStore | null,
  env: Record<string, string | undefined>,
): Unlocker {
  const passphrase = env['MUSTER_PASSPHRASE'];
  if (hasKeyring(databaseFile)) {
    const sealed = keyringUnlockers(databaseFile);
    if (sealed.secretStore && store) return { secretStore: store };
    if (sealed.passphrase && passphrase) return { passphrase };
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
  if (store) return { secretStore: store };
  if (passphrase) return { passphrase };
  throw new StoreError(
    'locked',
    'This computer has no secure secret store for the database key. Choose an administrator passphrase and start ' +
      'Muster with MUSTER_PASSPHRASE set to it.',
  );
}
