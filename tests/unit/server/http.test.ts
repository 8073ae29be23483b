import { mkdirSync, writeFileSync } from 'node:fs';
import type http from 'node:http';
import { connect } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/core/api/dispatch';
import { contentSecurityPolicy } from '../../../electron/server/csp';
import { close, createHttpServer, listen } from '../../../electron/server/http';
import { nairobi, tempCore, tempDir } from '../helpers';

let server: http.Server | undefined;
afterEach(async () => {
  if (server) await close(server);
  server = undefined;
});

async function start(options: { maxBody?: number } = {}) {
  const core = tempCore();
  const staticDir = tempDir();
  mkdirSync(path.join(staticDir, 'assets'));
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Muster</title>');
  writeFileSync(path.join(staticDir, 'assets', 'app-1234.js'), 'console.log("hi")');
  server = createHttpServer({ dispatch: (m, i) => dispatch(core.ctx, m, i), staticDir, ...options });
  const url = await listen(server, 0);
  const api = (method: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(new URL(`/api/${method}`, url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  return { url, api, staticDir };
}

describe('HTTP transport', () => {
  it('carries the contract: create then list an event, with the same Results as dispatch', async () => {
    const { api } = await start();
    const created = await api('event.create', nairobi);
    expect(created.status).toBe(200);
    const { value } = (await created.json()) as { value: { id: string; sessions: unknown[] } };
    expect(value.sessions).toHaveLength(3);
    const listed = (await (await api('event.list', {})).json()) as { ok: boolean; value: { id: string }[] };
    expect(listed).toMatchObject({ ok: true, value: [{ id: value.id }] });
  });

  it('answers a request on a connection opened before the server began closing', async () => {
    const { url } = await start();
    const socket = connect(Number(url.port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    server?.close();
    const body = '{}';
    socket.write(
      `POST /api/event.list HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
    let answer = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk));
    await new Promise((resolve) => socket.once('close', resolve));
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(answer).toContain('{"ok":true,"value":[]}');
    server = undefined;
  });

  it('maps error codes to statuses and keeps the Result body', async () => {
    const { api } = await start();
    const invalid = await api('event.create', { ...nairobi, country: 'XX' });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((await api('event.get', { id: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    expect((await api('nothing.here', {})).status).toBe(404);
  });

  it('refuses malformed JSON, wrong content types and oversized bodies with a Result', async () => {
    const { api } = await start({ maxBody: 1000 });
    const junk = await api('event.list', '{not json');
    expect(junk.status).toBe(400);
    expect(await junk.json()).toMatchObject({ ok: false, error: { code: 'invalid_input', message: /not valid JSON/ } });
    expect((await api('event.list', '{}', { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await api('event.create', { ...nairobi, title: 'x'.repeat(5000) })).status).toBe(413);
  });

  it('refuses calls from other origins and requests addressed to other hosts', async () => {
    const { api, url } = await start();
    const foreign = await api('event.list', {}, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await api('event.list', {}, { origin: 'http://127.0.0.1:1' })).status).toBe(403);
    expect((await api('event.list', {}, { origin: url.origin })).status).toBe(200);
    // DNS rebinding: a hostile name resolving to 127.0.0.1 still sends its own Host header.
    const rebound = await rawGet(url, '/', { host: `evil.example:${url.port}` });
    expect(rebound.status).toBe(421);
  });

  it('serves the screens with the CSP and security headers, fresh pages and immutable assets', async () => {
    const { url } = await start();
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const asset = await fetch(new URL('/assets/app-1234.js', url));
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toMatch(/immutable/);
    // Client-side routes get the page; missing files with an extension do not.
    expect(await (await fetch(new URL('/events/123', url))).text()).toMatch(/Muster/);
    expect((await fetch(new URL('/assets/missing.js', url))).status).toBe(404);
    expect((await fetch(new URL('/api/event.list', url))).status).toBe(405);
  });

  it('never serves a file outside the renderer folder', async () => {
    const { url, staticDir } = await start();
    writeFileSync(path.join(staticDir, '..', 'secret.txt'), 'participants');
    for (const attempt of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
    ]) {
      const res = await rawGet(url, attempt);
      expect(await res.text(), attempt).not.toContain('participants');
    }
  });
});

/** fetch() normalises paths and Host; this sends them exactly as written. */
async function rawGet(
  url: URL,
  requestPath: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; text(): Promise<string> }> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: requestPath, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: async () => Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end();
  });
}
