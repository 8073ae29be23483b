import type http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/core/api/dispatch';
import { close, createHttpServer, listen } from '../../../electron/server/http';
import { nairobi, ok, tempCore } from '../helpers';

let server: http.Server | undefined;
afterEach(async () => {
  if (server) await close(server);
  server = undefined;
});

/** `muster serve`'s wiring: each request dispatched as the caller of its browser's session. */
async function start() {
  const core = tempCore();
  await ok(core, 'event.create', nairobi);
  server = createHttpServer({ dispatch: (m, i, caller) => dispatch(core.ctx, m, i, caller) });
  const url = await listen(server, 0);
  const api = (method: string, body: unknown, cookie?: string) =>
    fetch(new URL(`/api/${method}`, url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    });
  return { api };
}

describe('HTTP sessions', () => {
  it('answers 401 signed_out until sign-in, then carries the session in an HttpOnly SameSite=Strict cookie', async () => {
    const { api } = await start();
    const before = await api('event.list', {});
    expect(before.status).toBe(401);
    expect(await before.json()).toMatchObject({ ok: false, error: { code: 'signed_out' } });
    expect(before.headers.get('set-cookie')).toBeNull();

    const setup = await api('access.setup', { name: 'Amina Wanjiru', passphrase: 'a long passphrase' });
    expect(setup.status).toBe(200);
    const cookie = setup.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^muster_session_\d+=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    const session = cookie.split(';')[0]!;

    const listed = (await (await api('event.list', {}, session)).json()) as { ok: boolean; value: unknown[] };
    expect(listed).toMatchObject({ ok: true });
    expect(listed.value).toHaveLength(1);
    // A made-up token is no one's session.
    expect((await api('event.list', {}, `${session.split('=')[0]}=forged`)).status).toBe(401);

    await api('access.signOut', {}, session);
    expect((await api('event.list', {}, session)).status).toBe(401);

    // Signing in again on that browser gives a new token: whoever knew the old one (it was in a cookie jar, or a
    // page on another loopback port planted it) is not signed in with it.
    const members = (await (await api('access.status', {}, session)).json()) as {
      value: { members: { id: string }[] };
    };
    const again = await api(
      'access.signIn',
      { memberId: members.value.members[0]!.id, secret: 'a long passphrase' },
      session,
    );
    const renewed = (again.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect(renewed).toMatch(/^muster_session_\d+=/);
    expect(renewed).not.toBe(session);
    expect((await api('event.list', {}, renewed)).status).toBe(200);
    expect((await api('event.list', {}, session)).status).toBe(401);
    // Unlocking or calling on as the same member keeps the token.
    expect((await api('event.list', {}, renewed)).headers.get('set-cookie')).toBeNull();
  });
});
