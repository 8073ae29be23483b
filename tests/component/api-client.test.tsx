import { describe, expect, it, vi } from 'vitest';
import { ApiCallError, call, pickApi } from '../../renderer/src/api/client';
import { fakeApi, ok } from './harness';

const jsonResponse = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('API client', () => {
  it('uses the Electron preload when window.muster is there, without touching the network', async () => {
    const preload = fakeApi({ 'system.ping': async () => ok({ ok: true as const }) });
    const fetchSpy = vi.fn<typeof fetch>();
    const api = pickApi({ muster: preload }, fetchSpy);

    expect(api).toBe(preload);
    await expect(call(api, 'system.ping', {})).resolves.toEqual({ ok: true });
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('falls back to POST /api/<method> with a JSON body in a browser', async () => {
    const fetchSpy = vi.fn<typeof fetch>(async () => jsonResponse({ ok: true, value: [] }));
    const api = pickApi({}, fetchSpy);

    await expect(call(api, 'event.list', { includeArchived: true })).resolves.toEqual([]);
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    const [url, init] = fetchSpy.mock.calls[0] ?? [];
    expect(url).toBe('/api/event.list');
    expect(init?.method).toBe('POST');
    expect(new Headers(init?.headers).get('Content-Type')).toBe('application/json');
    expect(JSON.parse(String(init?.body))).toEqual({ includeArchived: true });
  });

  it('turns a refusal into an ApiCallError carrying the code and the issues', async () => {
    const refusal = {
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'title: This field is required.',
        issues: [{ path: ['title'], key: 'blank', message: 'This field is required.' }],
      },
    };
    const api = pickApi({}, async () => jsonResponse(refusal, 400));

    const error = await call(api, 'event.get', { id: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error).toMatchObject({ code: 'invalid_input', method: 'event.get', issues: refusal.error.issues });
  });

  it('reports an unreachable service, or an answer that is not a Result, as an internal failure', async () => {
    const down = pickApi({}, async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(call(down, 'system.ping', {})).rejects.toMatchObject({ code: 'internal' });

    const proxy = pickApi({}, async () => new Response('<html>Bad gateway</html>', { status: 502 }));
    await expect(call(proxy, 'system.ping', {})).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringContaining('502'),
    });
  });
});
