import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openCore } from '../../../electron/core/context';
import { unlockDatabaseKey } from '../../../electron/core/db/keyring';
import type { IpcHandler } from '../../../electron/main/ipc';
import { createLockedHandler } from '../../../electron/main/locked';

// The locked door on its own, on a real keyring: a guesser is slowed down the way sign-in slows one down.

const passphrase = 'the Nairobi desk administrator passphrase';
const frame = {
  sender: {},
  senderFrame: { url: 'app://muster/', parent: null },
} as unknown as Parameters<IpcHandler>[0];
let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the locked door', () => {
  it('makes a guesser wait after five wrong passphrases, without checking the sixth, then opens with the right one', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'muster-locked-'));
    const file = path.join(dir, 'muster.sqlite');
    const made = openCore(file, { key: unlockDatabaseKey(file, { passphrase }) });
    made.close();
    let now = 5_000_000;
    const unlocked = vi.fn<(key: string) => void>();
    const door = createLockedHandler({ databaseFile: file, store: null, ask: 'enter', unlocked, now: () => now });
    const wrong = { passphrase: 'a guess at the passphrase' };
    for (let i = 0; i < 4; i += 1) {
      expect(await door(frame, 'store.unlock', wrong)).toEqual({
        ok: false,
        error: { code: 'forbidden', message: 'The passphrase does not unlock this database. Nothing was changed.' },
      });
    }
    expect(await door(frame, 'store.unlock', wrong)).toMatchObject({
      ok: false,
      error: { code: 'forbidden', details: { retryAfterSeconds: 30 } },
    });
    // Even the right one waits: the answer does not tell a guesser whether it was right.
    expect(await door(frame, 'store.unlock', { passphrase })).toMatchObject({
      ok: false,
      error: { code: 'rate_limited', details: { retryAfterSeconds: 30 } },
    });
    expect(await door(frame, 'store.lockState', {})).toEqual({
      ok: true,
      value: { state: 'enter', passphraseSet: true, retryAfterSeconds: 30 },
    });
    expect(unlocked).not.toHaveBeenCalled();
    now += 30_000;
    expect(await door(frame, 'store.unlock', { passphrase })).toEqual({
      ok: true,
      value: { state: 'open', passphraseSet: true, retryAfterSeconds: 0 },
    });
    expect(unlocked).toHaveBeenCalledTimes(1);
    const key = unlocked.mock.calls[0]?.[0] ?? '';
    const reopened = openCore(file, { key });
    reopened.close();
    // Once open, the locked door answers nothing new and never opens twice.
    expect(await door(frame, 'store.unlock', { passphrase })).toMatchObject({ ok: true, value: { state: 'open' } });
    expect(unlocked).toHaveBeenCalledTimes(1);
  });

  it('answers methods it does not know as unknown and every other one as locked, before looking at the input', async () => {
    const door = createLockedHandler({
      databaseFile: '/nowhere/muster.sqlite',
      store: null,
      ask: 'choose',
      unlocked: vi.fn(),
    });
    expect(await door(frame, 'no.such', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await door(frame, 'checkin.create', { anything: true })).toMatchObject({
      ok: false,
      error: { code: 'locked' },
    });
    expect(await door(frame, 'store.lockState', { extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    const subframe = {
      sender: {},
      senderFrame: { url: 'app://muster/', parent: {} },
    } as unknown as Parameters<IpcHandler>[0];
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(await door(subframe, 'store.lockState', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
