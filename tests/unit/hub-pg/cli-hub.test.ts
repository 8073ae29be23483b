import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { eventState } from '../../../electron/core/sync/scope';
import { syncWithHub, syncWithHubs } from '../../../electron/server/hub-client';
import { tempCore } from '../helpers';
import { addPerson, checkIn, passphrase, seedEvent } from '../sync/replicas';
import { describePostgres, freshSchema, pgStore } from './postgres';

const cli = path.resolve('electron/server/cli.ts');
const env = { ...process.env, MUSTER_SYNC_PASSPHRASE: passphrase };
const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

interface Hub {
  child: ChildProcessWithoutNullStreams;
  url: string;
  /** Every line the hub wrote to stdout so far. */
  lines: string[];
}

/** Starts `muster hub --database` on a free port and answers once it listens. */
function startHub(url: string, schema: string): Promise<Hub> {
  const args = ['--import', 'tsx', cli, 'hub', '--database', url, '--schema', schema, '--port', '0'];
  const child = spawn(process.execPath, args, { env });
  children.push(child);
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    let rest = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const parts = (rest + chunk.toString()).split('\n');
      rest = parts.pop() ?? '';
      lines.push(...parts);
      const address = lines.map((l) => /^Muster hub on (http:\/\/\S+)/.exec(l)?.[1]).find(Boolean);
      if (address) resolve({ child, url: address, lines });
    });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`muster hub exited with ${code}: ${errors}`)));
  });
}

const exited = (child: ChildProcessWithoutNullStreams) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

describePostgres('muster hub --database', (url) => {
  it('loses nothing when one of two hubs is killed during uploads: kiosks go on with the other and converge', async () => {
    const schema = freshSchema();
    // Started together on one empty schema: their migrations take turns under the advisory lock.
    const [a, b] = await Promise.all([startHub(url, schema), startHub(url, schema)]);
    const kiosks = Array.from({ length: 6 }, () => tempCore());
    const [first] = kiosks;
    const { eventId, sessionIds } = await seedEvent(first!);
    await syncWithHub(first!, { url: a.url, eventId, passphrase });
    for (const kiosk of kiosks.slice(1)) await syncWithHub(kiosk, { url: b.url, eventId, passphrase });
    // Offline, each kiosk registers and checks in people of its own.
    for (const [i, kiosk] of kiosks.entries()) {
      for (let p = 0; p < 8; p++) {
        const person = await addPerson(kiosk, eventId, `Kiosk${i}Person${p}`);
        await checkIn(kiosk, sessionIds[p % sessionIds.length]!, person.registration.id);
      }
    }
    // All upload at once, half of them to A first; A dies as soon as it has taken one upload.
    let killed = false;
    a.child.stdout.on('data', (chunk: Buffer) => {
      if (!killed && chunk.toString().includes('"action":"push"')) {
        killed = true;
        a.child.kill('SIGKILL');
      }
    });
    const rounds = await Promise.all(
      kiosks.map((kiosk, i) =>
        syncWithHubs(kiosk, { urls: i % 2 ? [b.url, a.url] : [a.url, b.url], eventId, passphrase }),
      ),
    );
    expect(killed).toBe(true);
    expect(rounds.some((r) => r.url === b.url)).toBe(true);
    // Every kiosk meets the surviving hub once more and all hold the same changes.
    for (const kiosk of kiosks) await syncWithHubs(kiosk, { urls: [a.url, b.url], eventId, passphrase });
    const states = kiosks.map((k) => eventState(k.ctx.db, eventId));
    for (const state of states) expect(state).toEqual(states[0]);
    const registrations = first!.ctx.db.prepare('SELECT count(*) FROM registrations').pluck().get();
    expect(registrations).toBe(6 * 8);
    const checkins = first!.ctx.db.prepare('SELECT count(*) FROM checkins').pluck().get();
    expect(checkins).toBe(6 * 8);
    const store = await pgStore(url, { schema });
    try {
      const { vector, digest } = states[0]!;
      expect(await store.status(eventId)).toEqual({ vector, digest });
    } finally {
      await store.close();
    }

    // The logs are JSON lines naming ids and figures, never a person.
    const logged = b.lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged.filter((l) => l.msg === 'request' && l.action === 'push').length).toBeGreaterThan(0);
    expect(b.lines.join('\n')).not.toMatch(/Person|Amina|National Police/);
    // Asked to stop, the hub finishes and exits cleanly.
    b.child.kill('SIGTERM');
    expect(await exited(b.child)).toBe(0);
    expect(b.lines.some((l) => l.includes('"msg":"stopped"'))).toBe(true);
  }, 120_000);
});
