import { spawnSync } from 'node:child_process';
import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newSession, sessionCaller } from '../../../electron/core/access/session';
import { dispatch } from '../../../electron/core/api/dispatch';
import { openCore, type Core } from '../../../electron/core/context';
import { keyringFile, unlockDatabaseKey, type SecretStore } from '../../../electron/core/db/keyring';
import { generateRoster } from '../../fixtures/roster';
import { tempDir } from '../helpers';
import { encode, previewed, rosterCsv } from '../imports/files';
import { people, startSave } from '../imports/under-way';

// An administrator seals the database key for a passphrase (store.setPassphrase), so a file whose key only this
// computer's secret store kept opens from the command line too; or replaces that passphrase, given the current one.

/** A real seal under this "computer's" key, as Electron's safeStorage would make. */
function secretStore(machine = randomBytes(32)): SecretStore {
  return {
    backend: 'keychain',
    encrypt: (plain) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', machine, iv);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt: (sealed) => {
      const decipher = createDecipheriv('aes-256-gcm', machine, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
    },
  };
}

const cli = path.resolve('electron/server/cli.ts');

function muster(passphrase: string, ...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, MUSTER_PASSPHRASE: passphrase },
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const tashkent = {
  title: 'Regional workshop: Central Asia',
  venue: 'International Hotel',
  city: 'Tashkent',
  country: 'UZ',
  startDate: '2024-05-14',
  endDate: '2024-05-15',
  timeZone: 'Asia/Tashkent',
  languages: ['en', 'ru'],
};
const first = 'Tashkent desk administrator passphrase';
const second = 'a new passphrase after the handover';

let open: Core | null = null;
afterEach(() => {
  open?.close();
  open = null;
});

/** The desktop's data folder on a computer with a real secret store: its key is sealed by that store alone. */
async function desktopFolder(store: SecretStore) {
  const file = path.join(tempDir(), 'muster.sqlite');
  open = openCore(file, { key: unlockDatabaseKey(file, { secretStore: store }) });
  expect(await dispatch(open.ctx, 'event.create', tashkent)).toMatchObject({ ok: true });
  return { file, core: open };
}

const keyring = (file: string) => JSON.parse(readFileSync(keyringFile(file), 'utf8')) as Record<string, unknown>;

describe('store.setPassphrase', () => {
  it('seals a store-only key for a passphrase, so the command line opens the desktop’s file, and the store still does', async () => {
    const store = secretStore();
    const { file, core } = await desktopFolder(store);
    expect(await dispatch(core.ctx, 'store.lockState', {})).toMatchObject({
      ok: true,
      value: { passphraseSet: false },
    });
    expect(muster(first, 'event', 'list', '--data', path.dirname(file)).code).toBe(1);

    expect(await dispatch(core.ctx, 'store.setPassphrase', { passphrase: first })).toEqual({
      ok: true,
      value: { state: 'open', passphraseSet: true, retryAfterSeconds: 0 },
    });
    expect(keyring(file)).toHaveProperty('passphrase');
    expect(keyring(file)).toMatchObject({ secretStore: { backend: 'keychain' } });
    // Recorded, with nothing of the passphrase in the trail.
    const trail = core.ctx.db.prepare("SELECT * FROM audit WHERE action = 'store.setPassphrase'").all();
    expect(trail).toHaveLength(1);
    expect(JSON.stringify(core.ctx.db.prepare('SELECT * FROM audit').all())).not.toMatch(/Tashkent desk|passphrase"/);
    core.close();
    open = null;

    const listed = muster(first, 'event', 'list', '--data', path.dirname(file));
    expect(listed.stderr).toBe('');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(tashkent.title);
    const again = openCore(file, { key: unlockDatabaseKey(file, { secretStore: store }) });
    again.close();
  });

  it('replaces the passphrase only with the current one; a wrong or missing one changes nothing', async () => {
    const { file, core } = await desktopFolder(secretStore());
    expect(await dispatch(core.ctx, 'store.setPassphrase', { passphrase: first })).toMatchObject({ ok: true });
    const before = readFileSync(keyringFile(file));

    expect(await dispatch(core.ctx, 'store.setPassphrase', { passphrase: second })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [{ path: ['current'] }] },
    });
    expect(
      await dispatch(core.ctx, 'store.setPassphrase', { current: 'not the current one', passphrase: second }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/current passphrase/) } });
    expect(await dispatch(core.ctx, 'store.setPassphrase', { current: first, passphrase: 'short' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [{ path: ['passphrase'], key: 'passphraseShort' }] },
    });
    expect(readFileSync(keyringFile(file)).equals(before)).toBe(true);
    expect(
      core.ctx.db.prepare("SELECT count(*) FROM audit WHERE action = 'store.setPassphrase.refused'").pluck().get(),
    ).toBe(1);

    expect(await dispatch(core.ctx, 'store.setPassphrase', { current: first, passphrase: second })).toMatchObject({
      ok: true,
    });
    core.close();
    open = null;
    expect(() => unlockDatabaseKey(file, { passphrase: first })).toThrow(/does not unlock/);
    const reopened = openCore(file, { key: unlockDatabaseKey(file, { passphrase: second }) });
    try {
      expect(reopened.ctx.db.prepare('SELECT title FROM events').pluck().all()).toEqual([tashkent.title]);
    } finally {
      reopened.close();
    }
  });

  it('checks guesses at the current passphrase sent side by side one at a time, so the back-off still counts them', async () => {
    const { file, core } = await desktopFolder(secretStore());
    expect(await dispatch(core.ctx, 'store.setPassphrase', { passphrase: first })).toMatchObject({ ok: true });
    const before = readFileSync(keyringFile(file));
    const guesses = Array.from({ length: 7 }, (_, i) =>
      dispatch(core.ctx, 'store.setPassphrase', { current: `guess number ${i}`, passphrase: second }),
    );
    const right = dispatch(core.ctx, 'store.setPassphrase', { current: first, passphrase: second });
    const codes = (await Promise.all([...guesses, right])).map((r) => (r.ok ? 'ok' : r.error.code));
    expect(codes).toEqual([...Array<string>(5).fill('forbidden'), ...Array<string>(3).fill('rate_limited')]);
    expect(readFileSync(keyringFile(file)).equals(before)).toBe(true);
  }, 60_000);

  it('is for administrators only, and refuses a database that has no key', async () => {
    const { core } = await desktopFolder(secretStore());
    const signedOut = sessionCaller(newSession());
    expect(await dispatch(core.ctx, 'store.setPassphrase', { passphrase: first }, signedOut)).toMatchObject({
      ok: false,
      error: { code: 'signed_out' },
    });
    const plain = openCore(path.join(tempDir(), 'muster.sqlite'));
    try {
      expect(await dispatch(plain.ctx, 'store.setPassphrase', { passphrase: first })).toMatchObject({
        ok: false,
        error: { code: 'conflict' },
      });
    } finally {
      plain.close();
    }
  });
});

describe('store.setPassphrase while an import is saved', () => {
  it('refuses a wrong current passphrase as wrong, and records the refusal, when a save began during the check', async () => {
    const { core } = await desktopFolder(secretStore());
    expect(await dispatch(core.ctx, 'store.setPassphrase', { passphrase: first })).toMatchObject({ ok: true });
    const eventId = core.ctx.db.prepare('SELECT id FROM events').pluck().get() as string;
    const jobId = randomUUID();
    await previewed(core, eventId, encode(rosterCsv(generateRoster(people, 11)), 'utf-8'), { jobId });
    const guessing = dispatch(core.ctx, 'store.setPassphrase', { current: 'not the current one', passphrase: second });
    const saving = startSave(core, jobId);
    expect(await guessing).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await saving).ok).toBe(true);
    const refusals = "SELECT count(*) FROM audit WHERE action = 'store.setPassphrase.refused'";
    expect(core.ctx.db.prepare(refusals).pluck().get()).toBe(1);
  }, 60_000);
});
