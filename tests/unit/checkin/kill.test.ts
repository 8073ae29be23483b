import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../../electron/core/context';
import { generateRoster, loadRoster, mulberry32 } from '../../fixtures/roster';
import { nairobi, ok, tempDir } from '../helpers';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const worker = path.join(root, 'tests/fixtures/checkin-worker.ts');
const rounds = Number(process.env.MUSTER_KILL_ROUNDS ?? 30);
const seed = Number(process.env.MUSTER_KILL_SEED ?? Date.now() % 1_000_000);

/**
 * Runs the worker until a random moment, SIGKILLs it, and returns the ids it acknowledged (complete lines only).
 * The moment is counted from when the worker said it is ready (its start-up time depends on the machine's load),
 * or from the spawn itself for a kill meant to land while it is still opening the store.
 */
function round(
  file: string,
  eventId: string,
  sessionId: string,
  n: number,
  killAfterMs: number,
  from: 'spawn' | 'ready',
): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', worker, file, eventId, sessionId, String(seed + n)], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    const killLater = () => (timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (timer === undefined && out.startsWith('ready\n')) killLater();
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    if (from === 'spawn') killLater();
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') return reject(new Error(`worker ended by itself (${code}): ${err}`));
      // A line cut by the kill was never acknowledged: only whole lines count.
      const lines = out.split('\n').slice(0, -1);
      resolve(lines.filter((line) => line.startsWith('ack ')).map((line) => line.slice('ack '.length)));
    });
  });
}

describe('check-ins survive the desk process being killed', () => {
  it(`keeps every acknowledged check-in through ${rounds} SIGKILLs at random moments (seed ${seed})`, async () => {
    const file = path.join(tempDir(), 'muster.sqlite');
    const setup = openCore(file);
    const event = await ok(setup, 'event.create', nairobi);
    loadRoster(setup.ctx, event.id, generateRoster(300, seed));
    setup.close();
    const sessionId = event.sessions[0]!.id;

    const random = mulberry32(seed);
    const acknowledged: string[] = [];
    for (let n = 0; n < rounds; n++) {
      // One kill in five lands while the worker starts (tsx, opening, migrations); the rest mid-check-in.
      const duringStart = n % 5 === 4;
      const after = duringStart ? random() * 300 : random() * 900;
      acknowledged.push(...(await round(file, event.id, sessionId, n, after, duringStart ? 'spawn' : 'ready')));
    }
    expect(acknowledged.length).toBeGreaterThan(rounds);

    const core = openCore(file);
    const { db } = core.ctx;
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const stored = new Set(db.prepare('SELECT id FROM checkins').pluck().all() as string[]);
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    // Every check-in has its change record, and the projections still agree with the log they derive from.
    expect(
      db
        .prepare(
          "SELECT count(*) FROM checkins WHERE id NOT IN (SELECT entity_id FROM changes WHERE entity = 'checkin')",
        )
        .pluck()
        .get(),
    ).toBe(0);
    const live = db
      .prepare(
        `SELECT registration_id FROM checkins c WHERE session_id = ? AND kind = 'check_in'
           AND NOT EXISTS (SELECT 1 FROM checkins u WHERE u.reverses = c.id) ORDER BY registration_id`,
      )
      .pluck()
      .all(sessionId);
    expect(
      db
        .prepare('SELECT registration_id FROM attendance WHERE session_id = ? ORDER BY registration_id')
        .pluck()
        .all(sessionId),
    ).toEqual(live);
    expect(db.prepare('SELECT count(*) FROM roster').pluck().get()).toBe(
      db.prepare('SELECT count(*) FROM registrations').pluck().get(),
    );
    db.exec("INSERT INTO participant_words (participant_words) VALUES ('integrity-check')");
    db.exec("INSERT INTO participant_text (participant_text) VALUES ('integrity-check')");
    core.close();
  }, 120_000);
});
