import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcChannel } from '../../../electron/core/api/contract';
import {
  createIpcHandler,
  isTrustedSender,
  refusedSender,
  registerIpc,
  type IpcHandler,
} from '../../../electron/main/ipc';
import { tempCore } from '../helpers';

const nairobi = {
  title: 'Regional workshop on border security',
  venue: 'UN Gigiri',
  city: 'Nairobi',
  country: 'KE',
  startDate: '2025-03-10',
  endDate: '2025-03-12',
  timeZone: 'Africa/Nairobi',
  languages: ['en', 'fr'],
};

type Sender = Parameters<IpcHandler>[0];

/** Only the fields the door reads; the rest of Electron's WebFrameMain plays no part in the decision. */
/** The app's window: the main process keeps who is signed in per window (per web contents). */
const appWindow = {};
const sender = (senderFrame: { url: string; parent: unknown } | null, contents: object = appWindow) =>
  ({ senderFrame, sender: contents }) as unknown as Sender;
const top = (url: string) => sender({ url, parent: null });

/** The administrator sets their passphrase in the app window, which signs that window in. */
async function signedIn(handle: IpcHandler): Promise<IpcHandler> {
  const set = await handle(top('app://muster/'), 'access.setup', {
    name: 'Amina Wanjiru',
    passphrase: 'a long passphrase',
  });
  expect(set.ok).toBe(true);
  return handle;
}

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

describe('the IPC door', () => {
  it('answers the app window with the core Result', async () => {
    const handle = await signedIn(createIpcHandler(tempCore().ctx));
    const app = top('app://muster/events');
    expect(await handle(app, 'system.ping', {})).toEqual({ ok: true, value: { ok: true } });
    const created = await handle(app, 'event.create', nairobi);
    expect(created).toMatchObject({ ok: true, value: { title: nairobi.title, city: 'Nairobi' } });
    const listed = await handle(app, 'event.list', {});
    expect(listed.ok && (listed.value as unknown[]).length).toBe(1);
  });

  it('keeps each window signed in on its own: another window starts signed out', async () => {
    const handle = await signedIn(createIpcHandler(tempCore().ctx));
    expect(await handle(top('app://muster/'), 'event.list', {})).toEqual({ ok: true, value: [] });
    const other = sender({ url: 'app://muster/', parent: null }, {});
    expect(await handle(other, 'event.list', {})).toMatchObject({ ok: false, error: { code: 'signed_out' } });
    expect(await handle(other, 'system.ping', {})).toEqual({ ok: true, value: { ok: true } });
  });

  it('passes the core refusals through unchanged', async () => {
    const handle = await signedIn(createIpcHandler(tempCore().ctx));
    const app = top('app://muster/');
    expect(await handle(app, 'fs.readFile', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_method' },
    });
    expect(await handle(app, 'event.create', { ...nairobi, country: 'XX' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it.each([
    ['a web page', top('https://evil.example/')],
    ['a file page', top('file:///work/main/dist/renderer/index.html')],
    ['the HTTP transport page', top('http://127.0.0.1:5173/')],
    ['another app:// host', top('app://evil/')],
    ['a look-alike host', top('app://muster.evil.example/')],
    ['an app frame inside another frame', sender({ url: 'app://muster/', parent: { url: 'app://muster/' } })],
    ['a frame that is gone', sender(null)],
  ])('refuses %s, and runs nothing', async (_who, event) => {
    const core = tempCore();
    const handle = await signedIn(createIpcHandler(core.ctx));
    expect(await handle(event, 'event.create', nairobi)).toEqual(refusedSender);
    expect(await handle(event, 'system.ping', {})).toEqual(refusedSender);
    const listed = await handle(top('app://muster/'), 'event.list', {});
    expect(listed).toEqual({ ok: true, value: [] });
    expect(core.ctx.db.prepare('SELECT count(*) FROM changes').pluck().get()).toBe(0);
  });

  it('refuses with a Result that says why, never a thrown error', () => {
    expect(refusedSender).toEqual({
      ok: false,
      error: { code: 'forbidden', message: "Refused: not the app's own window." },
    });
    expect(isTrustedSender({ url: 'app://muster/', parent: null })).toBe(true);
    expect(isTrustedSender(null)).toBe(false);
  });

  it('lets the shell follow a committed answer, and only a committed one from the app window', async () => {
    const core = tempCore();
    const followed: unknown[] = [];
    const handle = await signedIn(createIpcHandler(core.ctx, { 'event.create': (value) => followed.push(value.city) }));
    await handle(top('app://muster/'), 'event.create', { ...nairobi, country: 'XX' });
    await handle(top('https://evil.example/'), 'event.create', nairobi);
    expect(followed).toEqual([]);
    await handle(top('app://muster/'), 'event.create', nairobi);
    expect(followed).toEqual(['Nairobi']);
  });

  it('keeps a committed answer when the shell fails to follow it', async () => {
    const core = tempCore();
    const handle = await signedIn(
      createIpcHandler(core.ctx, {
        'event.create': () => {
          throw new Error('no printer');
        },
      }),
    );
    expect(await handle(top('app://muster/'), 'event.create', nairobi)).toMatchObject({ ok: true });
    expect(core.ctx.db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(1);
  });

  it('registers exactly one handler, on the contract channel', () => {
    const handle = vi.fn();
    registerIpc({ handle }, tempCore().ctx);
    expect(handle).toHaveBeenCalledOnce();
    expect(handle.mock.calls[0]?.[0]).toBe(ipcChannel);
  });
});
