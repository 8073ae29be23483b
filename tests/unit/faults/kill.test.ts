import { randomUUID } from 'node:crypto';
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/core/context';
import { eventState } from '../../../electron/core/sync/scope';
import { exportBundle, importBundle } from '../../../electron/core/sync/sync';
import { killAt, type KillPlan } from '../../fixtures/kill';
import { generateRoster, loadRoster, mulberry32 } from '../../fixtures/roster';
import { nairobi, ok, tempDir } from '../helpers';
import { rosterCsv } from '../imports/files';

// CI kills 65 imports and 65 merges (with tests/unit/checkin/kill.test.ts's 70 check-ins, 200 runs); a developer 12.
const rounds = Number(process.env.MUSTER_FAULT_ROUNDS ?? (process.env.CI === 'true' ? 65 : 12));
const seed = Number(process.env.MUSTER_KILL_SEED ?? Date.now() % 1_000_000);
const worker = 'tests/fixtures/fault-worker.ts';
const passphrase = 'kiosks of the Nairobi workshop';

/** What a reader of the store sees of one import or merge: counts that must move together, and the sync digest. */
interface Snapshot {
  participants: number;
  registrations: number;
  roster: number;
  changes: number;
  /** The event's sync digest, for a merge (an import makes new ids and timestamps each time, so it has none). */
  digest: string | null;
  /** The import's or the merge's audit entry: committed with the write, so there iff the write is. */
  audited: number;
}

function snapshot(core: Core, eventId: string, digest: boolean): Snapshot {
  const count = (table: string) => core.ctx.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return {
    participants: count('participants'),
    registrations: count('registrations'),
    roster: count('roster'),
    changes: count('changes'),
    digest: digest ? eventState(core.ctx.db, eventId).digest : null,
    audited: count("audit WHERE action IN ('import.commit', 'sync.import')"),
  };
}

/** Opens what a killed worker left, as the next start of the app would, and checks the store is whole. */
function reopen(file: string, eventId: string, digest: boolean): Snapshot {
  const core = openCore(file);
  try {
    expect(core.ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The search indexes are FTS5 tables, which integrity_check does not look inside.
    core.ctx.db.exec("INSERT INTO participant_words (participant_words) VALUES ('integrity-check')");
    core.ctx.db.exec("INSERT INTO participant_text (participant_text) VALUES ('integrity-check')");
    return snapshot(core, eventId, digest);
  } finally {
    core.close();
  }
}

function removeStore(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}

/**
 * Kills the worker `rounds` times at random moments of one write (each on a fresh copy of `template`) and checks each
 * store afterwards holds the state before it or after it, never a mix, and the state after whenever it was
 * acknowledged. A first run, not killed until it answered, gives the state after and how long the write takes.
 */
async function killRuns(
  template: string,
  eventId: string,
  args: (file: string) => string[],
  start: 'ready' | 'applying',
) {
  const digest = start === 'applying';
  const before = reopen(template, eventId, digest);
  const dir = path.dirname(template);
  const random = mulberry32(seed);

  const reference = path.join(dir, 'reference.sqlite');
  copyFileSync(template, reference);
  const spawned = Date.now();
  const answer = (await killAt(worker, args(reference), { afterMs: 0, from: { line: 'ack ' } })).find((l) =>
    l.startsWith('ack '),
  );
  const startMs = Date.now() - spawned;
  expect(answer).toBeDefined();
  const writeMs = Number(answer!.split(' ')[2]);
  const after = reopen(reference, eventId, digest);
  removeStore(reference);
  expect(after.participants).toBeGreaterThan(before.participants);
  expect(after.audited).toBe(before.audited + 1);

  const outcomes = { acknowledged: 0, before: 0, after: 0 };
  const run = async (n: number) => {
    const file = path.join(dir, `round-${n}.sqlite`);
    copyFileSync(template, file);
    // Most kills land inside the write (a little past its usual length, as load varies); one in five anywhere from
    // the spawn (start-up, opening the store, reading the file).
    const plan: KillPlan =
      n % 5 === 4
        ? { afterMs: random() * startMs, from: 'spawn' }
        : { afterMs: random() * writeMs * 1.5, from: { line: start } };
    const lines = await killAt(worker, args(file), plan);
    const state = reopen(file, eventId, digest);
    if (lines.some((l) => l.startsWith('ack '))) {
      outcomes.acknowledged += 1;
      expect(state, `run ${n} was acknowledged`).toEqual(after);
    } else {
      expect([before, after], `run ${n} left half a write`).toContainEqual(state);
    }
    outcomes[state.participants === before.participants ? 'before' : 'after'] += 1;
    removeStore(file);
  };
  // Two at a time, each on its own copy: a worker spends most of its life starting up, which the other core can share.
  for (let n = 0; n < rounds; n += 2) await Promise.all([run(n), ...(n + 1 < rounds ? [run(n + 1)] : [])]);
  return { writeMs, outcomes };
}

/** Over enough runs, kills landed on both sides of the commit: the test saw the write in flight, not only one side. */
function expectBothSides(outcomes: { before: number; after: number }): void {
  if (rounds < 20) return;
  expect(outcomes.before, JSON.stringify(outcomes)).toBeGreaterThan(0);
  expect(outcomes.after, JSON.stringify(outcomes)).toBeGreaterThan(0);
}

describe('an import and a sync merge survive the process being killed', () => {
  it(`imports all of a list or none of it through ${rounds} SIGKILLs (seed ${seed})`, async () => {
    const dir = tempDir();
    const template = path.join(dir, 'template.sqlite');
    const setup = openCore(template);
    const event = await ok(setup, 'event.create', nairobi);
    loadRoster(setup.ctx, event.id, generateRoster(100, seed));
    setup.close();
    const csv = path.join(dir, 'list.csv');
    writeFileSync(csv, rosterCsv(generateRoster(600, seed + 1)));

    const { writeMs, outcomes } = await killRuns(
      template,
      event.id,
      (file) => ['import', file, event.id, csv],
      'ready',
    );
    expect(writeMs).toBeGreaterThan(0);
    expectBothSides(outcomes);
  }, 600_000);

  it(`merges all of a sync bundle or none of it through ${rounds} SIGKILLs (seed ${seed})`, async () => {
    const dir = tempDir();
    const template = path.join(dir, 'template.sqlite');
    // This kiosk and a peer share the event; the peer then registers and checks in many people, and this kiosk
    // receives their bundle while registering people of its own.
    const peer = openCore(path.join(dir, 'peer.sqlite'));
    const event = await ok(peer, 'event.create', nairobi);
    const local = openCore(template);
    const first = await exportBundle(peer.ctx, { eventId: event.id, passphrase });
    await importBundle(local.ctx, first.bytes, { passphrase, eventId: event.id });
    loadRoster(peer.ctx, event.id, generateRoster(500, seed));
    const active = peer.ctx.db
      .prepare("SELECT id FROM registrations WHERE status != 'cancelled' LIMIT 300")
      .pluck()
      .all() as string[];
    for (const registrationId of active) {
      await ok(peer, 'checkin.create', {
        id: randomUUID(),
        sessionId: event.sessions[0]!.id,
        registrationId,
        method: 'search',
      });
    }
    loadRoster(local.ctx, event.id, generateRoster(50, seed + 2));
    const bundle = await exportBundle(peer.ctx, {
      eventId: event.id,
      passphrase,
      since: eventState(local.ctx.db, event.id).vector,
    });
    local.close();
    peer.close();
    const file = path.join(dir, 'bundle.muster');
    writeFileSync(file, bundle.bytes);

    const { outcomes } = await killRuns(template, event.id, (db) => ['sync', db, file, passphrase], 'applying');
    expectBothSides(outcomes);
  }, 600_000);
});
