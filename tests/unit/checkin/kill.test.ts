import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../../electron/core/context';
import { killAt } from '../../fixtures/kill';
import { generateRoster, loadRoster, mulberry32 } from '../../fixtures/roster';
import { nairobi, ok, tempDir } from '../helpers';

// CI kills 70 desks (with tests/unit/faults/kill.test.ts's imports and merges, 200 runs); a developer 30.
const rounds = Number(process.env.MUSTER_KILL_ROUNDS ?? (process.env.CI === 'true' ? 70 : 30));
const seed = Number(process.env.MUSTER_KILL_SEED ?? Date.now() % 1_000_000);

/**
 * Runs the worker until a random moment, SIGKILLs it, and returns the ids it acknowledged (complete lines only).
 * The moment is counted from when the worker said it is ready (its start-up time depends on the machine's load),
 * or from the spawn itself for a kill meant to land while it is still opening the store.
 */
async function round(
  file: string,
  eventId: string,
  sessionId: string,
  n: number,
  killAfterMs: number,
  from: 'spawn' | 'ready',
): Promise<string[]> {
  const lines = await killAt('tests/fixtures/checkin-worker.ts', [file, eventId, sessionId, String(seed + n)], {
    afterMs: killAfterMs,
    from,
  });
  return lines.filter((line) => line.startsWith('ack ')).map((line) => line.slice('ack '.length));
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
