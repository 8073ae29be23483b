// Issue 9's hub figures: 50 simulated kiosks of one realistic workshop (135 people, 3 sessions) each do a day's
// work offline (walk-ins and check-ins), then all sync at once, twice round (upload, then download what the others
// sent), against the SQLite hub, one PostgreSQL hub and two PostgreSQL hubs on one database. Hubs run as real
// `muster hub` processes; the kiosks run in this process, so their own export and import work is counted in every
// round, the same for all three. Reported: changes moved per second (uploaded plus applied on download) and the
// p95 of one kiosk's sync round. PostgreSQL comes from MUSTER_BENCH_POSTGRES or MUSTER_TEST_POSTGRES.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { dispatch } from '../../electron/core/api/dispatch';
import { openCore, type Core } from '../../electron/core/context';
import { writeTransaction } from '../../electron/core/db/transaction';
import { exportBundle, importBundle } from '../../electron/core/sync/sync';
import { syncWithHub } from '../../electron/server/hub-client';
import { generateRoster, loadRoster } from '../fixtures/roster';
import { summarise, type Row, type Suite } from './harness';

const kioskCount = Number(process.env.MUSTER_BENCH_HUB_KIOSKS ?? 50);
const people = 135;
const passphrase = 'bench passphrase for the Nairobi kiosks';
const cli = path.resolve('electron/server/cli.ts');

interface Hub {
  child: ChildProcessWithoutNullStreams;
  url: string;
  /** The hub's own time per answered push and pull (from its request log), once `recording` is set. */
  served: number[];
  recording: boolean;
}

function startHub(args: string[]): Promise<Hub> {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'hub', '--port', '0', ...args], {
    // The SQLite hub's data is encrypted at rest, so it needs its administrator passphrase (PostgreSQL ignores it).
    env: { ...process.env, MUSTER_SYNC_PASSPHRASE: passphrase, MUSTER_PASSPHRASE: 'bench administrator passphrase' },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const hub: Hub = { child, url: '', served: [], recording: false };
    // Read to the end (a full pipe would block the hub): the address first, then one JSON line per request.
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = (out + chunk.toString()).split('\n');
      out = lines.pop() ?? '';
      for (const line of lines) {
        const url = /^Muster hub on (http:\/\/\S+)/.exec(line)?.[1];
        if (url) {
          hub.url = url;
          resolve(hub);
        }
        if (!hub.recording || !line.startsWith('{')) continue;
        const entry = JSON.parse(line) as { msg?: string; action?: string; ms?: number };
        if (entry.msg === 'request' && (entry.action === 'push' || entry.action === 'pull') && entry.ms !== undefined) {
          hub.served.push(entry.ms);
        }
      }
    });
    child.stderr.resume();
    child.on('exit', (code) => reject(new Error(`muster hub exited with ${code}`)));
  });
}

async function stopHub(hub: Hub): Promise<void> {
  if (hub.child.exitCode !== null) return;
  const exited = new Promise((resolve) => hub.child.once('exit', resolve));
  hub.child.kill('SIGTERM');
  await exited;
}

async function call(core: Core, method: string, input: unknown): Promise<unknown> {
  const result = await dispatch(core.ctx, method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value;
}

/** The seed kiosk's event, as a bundle every simulated kiosk starts from. */
async function seedEvent(dir: string): Promise<{ eventId: string; sessions: string[]; bundle: Buffer }> {
  const core = openCore(path.join(dir, 'seed.sqlite'));
  try {
    const event = (await call(core, 'event.create', {
      title: 'CT TECH regional workshop',
      venue: 'UN Gigiri complex',
      city: 'Nairobi',
      country: 'KE',
      startDate: '2023-09-11',
      endDate: '2023-09-13',
      timeZone: 'Africa/Nairobi',
      languages: ['en'],
    })) as { id: string; sessions: { id: string }[] };
    writeTransaction(core.ctx.db, () =>
      loadRoster(
        core.ctx,
        event.id,
        generateRoster(people, 9).map((p) => ({ ...p, status: 'confirmed' as const })),
      ),
    );
    const { bytes } = await exportBundle(core.ctx, { eventId: event.id, passphrase });
    return { eventId: event.id, sessions: event.sessions.map((s) => s.id), bundle: bytes };
  } finally {
    core.close();
  }
}

/** A kiosk's day offline: two walk-ins, and its share of the roster checked in to each session. */
async function workDay(core: Core, index: number, eventId: string, sessions: string[]): Promise<void> {
  for (let w = 0; w < 2; w++) {
    await call(core, 'participant.create', {
      eventId,
      givenNames: 'Walk',
      familyName: `In ${index}-${w}`,
      gender: 'not_stated',
      country: 'KE',
      organisation: 'Ministry of Interior',
      organisationType: 'government',
      category: 'partner_state_delegate',
    });
  }
  const registrations = core.ctx.db
    .prepare('SELECT id FROM registrations WHERE event_id = ? ORDER BY id')
    .pluck()
    .all(eventId) as string[];
  for (const session of sessions) {
    for (let k = 0; k < 3; k++) {
      const registrationId = registrations[(index * 3 + k) % registrations.length];
      await call(core, 'checkin.create', { id: randomUUID(), sessionId: session, registrationId, method: 'qr' });
    }
  }
}

interface Figures {
  changesPerSecond: number;
  p95: number;
  rounds: number;
  /** p95 of the hubs' own time per push or pull, with how many. */
  served: { p95: number; n: number };
}

async function run(
  label: string,
  dir: string,
  hubs: Hub[],
  seed: Awaited<ReturnType<typeof seedEvent>>,
): Promise<Figures> {
  const urls = hubs.map((h) => h.url);
  const kiosks: Core[] = [];
  try {
    for (let i = 0; i < kioskCount; i++) {
      const core = openCore(path.join(dir, `${label}-kiosk-${i}.sqlite`));
      kiosks.push(core);
      await importBundle(core.ctx, seed.bundle, { passphrase, eventId: seed.eventId });
    }
    // The hub learns the event from the seed first, as it would the evening before the workshop; every instance
    // answers once, so its one-off key derivations (scrypt, on purpose slow) are not counted as sync time.
    for (const url of urls) await syncWithHub(kiosks[0]!, { url, eventId: seed.eventId, passphrase });
    for (const [i, core] of kiosks.entries()) await workDay(core, i, seed.eventId, seed.sessions);

    const durations: number[] = [];
    let moved = 0;
    for (const hub of hubs) hub.recording = true;
    const started = performance.now();
    for (let round = 0; round < 2; round++) {
      await Promise.all(
        kiosks.map(async (core, i) => {
          const t = performance.now();
          const result = await syncWithHub(core, { url: urls[i % urls.length]!, eventId: seed.eventId, passphrase });
          durations.push(performance.now() - t);
          moved += result.pushed + result.pulled.applied;
        }),
      );
    }
    const seconds = (performance.now() - started) / 1000;
    for (const hub of hubs) hub.recording = false;
    const served = summarise(hubs.flatMap((h) => h.served));
    return {
      changesPerSecond: moved / seconds,
      p95: summarise(durations).p95,
      rounds: durations.length,
      served: { p95: served.p95, n: served.n },
    };
  } finally {
    for (const core of kiosks) core.close();
  }
}

export const hubSuite: Suite = {
  name: 'hub',
  async run(): Promise<Row[]> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'muster-bench-hub-'));
    const database = process.env.MUSTER_BENCH_POSTGRES ?? process.env.MUSTER_TEST_POSTGRES;
    const schemas: string[] = [];
    const results: [string, Figures][] = [];
    try {
      const seed = await seedEvent(dir);
      const configs: [string, () => Promise<Hub[]>][] = [
        ['SQLite hub', async () => [await startHub(['--data', path.join(dir, 'hub')])]],
      ];
      if (database) {
        const onSchema = (count: number) => async () => {
          const schema = `muster_bench_${randomBytes(6).toString('hex')}`;
          schemas.push(schema);
          return Promise.all(
            Array.from({ length: count }, () => startHub(['--database', database, '--schema', schema])),
          );
        };
        configs.push(['1 PostgreSQL hub', onSchema(1)], ['2 PostgreSQL hubs, one database', onSchema(2)]);
      } else {
        process.stderr.write('hub: no MUSTER_BENCH_POSTGRES or MUSTER_TEST_POSTGRES, so only the SQLite hub runs\n');
      }
      for (const [label, start] of configs) {
        const hubs = await start();
        try {
          results.push([label, await run(label.replace(/\W+/g, '-'), dir, hubs, seed)]);
        } finally {
          for (const hub of hubs) await stopHub(hub);
        }
      }
    } finally {
      if (database && schemas.length) {
        const client = new pg.Client({ connectionString: database });
        await client.connect();
        for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await client.end();
      }
      rmSync(dir, { recursive: true, force: true });
    }
    const base = `${kioskCount} kiosks, ${people} people, sync twice round concurrently`;
    return results.flatMap(([label, f]) => [
      { suite: 'hub', case: `${label}: ${base}`, metric: 'throughput', value: f.changesPerSecond, unit: 'changes/s' },
      { suite: 'hub', case: `${label}: one kiosk's sync round (${f.rounds})`, metric: 'p95', value: f.p95, unit: 'ms' },
      {
        suite: 'hub',
        case: `${label}: the hub's own time per push or pull (${f.served.n})`,
        metric: 'p95',
        value: f.served.p95,
        unit: 'ms',
      },
    ]);
  },
};
