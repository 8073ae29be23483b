import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/core/api/dispatch';
import { importRequestBytes } from '../../../electron/core/imports/limits';
import { close, createHttpServer, listen } from '../../../electron/server/http';
import { generateRoster } from '../../fixtures/roster';
import { encode, rosterCsv } from '../imports/files';
import { nairobi, tempCore } from '../helpers';

let server: http.Server | undefined;
afterEach(async () => {
  if (server) await close(server);
  server = undefined;
});

async function start() {
  const core = tempCore();
  server = createHttpServer({ dispatch: (m, i) => dispatch(core.ctx, m, i) });
  const url = await listen(server, 0);
  const api = (method: string, body: string) =>
    fetch(new URL(`/api/${method}`, url), { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { api };
}

describe('files over the HTTP transport', () => {
  it('takes an import file (base64) far beyond the usual 1 MB, and the usual limit everywhere else', async () => {
    const { api } = await start();
    const event = (await (await api('event.create', JSON.stringify(nairobi))).json()) as { value: { id: string } };
    const file = encode(rosterCsv(generateRoster(12_000, 9)), 'utf-8');
    expect(file.length).toBeGreaterThan(1024 * 1024);
    const body = JSON.stringify({
      jobId: randomUUID(),
      eventId: event.value.id,
      file: { name: 'roster.csv', data: Buffer.from(file).toString('base64') },
    });
    const previewed = await api('import.preview', body);
    expect(previewed.status).toBe(200);
    expect(await previewed.json()).toMatchObject({ ok: true, value: { totals: { rows: 12_000 } } });
    const padded = JSON.stringify({ ...nairobi, title: 'x'.repeat(2 * 1024 * 1024) });
    expect((await api('event.create', padded)).status).toBe(413);
  }, 60_000);

  it('refuses an import request beyond its own limit without holding it in memory', async () => {
    const { api } = await start();
    const response = await api('import.preview', `{"file":"${'A'.repeat(importRequestBytes + 10)}"}`);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  }, 60_000);
});
