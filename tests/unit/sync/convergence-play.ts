// The convergence property's operations and its run, shared by the SQLite hub (sync/convergence.test.ts) and two
// PostgreSQL hub instances (hub-pg/convergence.test.ts).
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { expect } from 'vitest';
import { dispatch } from '../../../electron/core/api/dispatch';
import { openCore, type Core } from '../../../electron/core/context';
import { exportBundle, importBundle } from '../../../electron/core/sync/sync';
import { eventState } from '../../../electron/core/sync/scope';
import { listen } from '../../../electron/server/http';
import { createHubServer, type HubState } from '../../../electron/server/hub';
import type { HubStore } from '../../../electron/server/hub-store/store';
import { syncWithHub } from '../../../electron/server/hub-client';
import { nairobi, ok, tempDir } from '../helpers';
import { addPerson, content, passphrase, start } from './replicas';

/** The hub as the property sees it: its instances' addresses, its state, and its rows when it is a replica. */
export interface HubUnderTest {
  urls: string[];
  state(eventId: string): Promise<HubState | null>;
  content?: (eventId: string) => unknown;
}

const replicaIndex = fc.integer({ min: 0, max: 2 });
const field = fc.constantFrom('jobTitle', 'organisation', 'notes', 'familyName', 'badgeName');
const value = fc.constantFrom('Inspector', 'Analyst', 'Ministry of Interior', 'Mwangi', 'Ćosić', 'Иванов', '');

export const operation = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('create' as const),
      r: replicaIndex,
      name: fc.constantFrom('Otieno', 'Begić', 'Kim'),
    }),
  },
  fc.record({ op: fc.constant('create' as const), r: replicaIndex, name: fc.constantFrom('Otieno', 'Begić', 'Kim') }),
  fc.record({ op: fc.constant('edit' as const), r: replicaIndex, who: fc.nat(), field, value }),
  // The same field of the same person edited on two replicas before they exchange anything.
  fc.record({
    op: fc.constant('clash' as const),
    r: replicaIndex,
    other: replicaIndex,
    who: fc.nat(),
    field,
    values: fc.tuple(value, value),
  }),
  fc.record({ op: fc.constant('checkIn' as const), r: replicaIndex, who: fc.nat(), session: fc.nat({ max: 2 }) }),
  fc.record({ op: fc.constant('undo' as const), r: replicaIndex, which: fc.nat() }),
  fc.record({ op: fc.constant('status' as const), r: replicaIndex, who: fc.nat(), cancel: fc.boolean() }),
  fc.record({ op: fc.constant('tick' as const), ms: fc.constantFrom(0, 1, 250, 5_000) }),
  fc.record({ op: fc.constant('sync' as const), from: replicaIndex, to: replicaIndex, everything: fc.boolean() }),
  // An old bundle delivered again, late and out of order.
  fc.record({ op: fc.constant('replay' as const), which: fc.nat() }),
  fc.record({ op: fc.constant('restart' as const), r: replicaIndex }),
  // A round with the hub over HTTP; `drop` > 0 loses the answer to that call of the round (sent, then a network
  // failure), so the kiosk retries on a later round.
  { weight: 2, arbitrary: fc.record({ op: fc.constant('hub' as const), r: replicaIndex, drop: fc.nat({ max: 4 }) }) },
);

/** The network lost a hub's answer after the hub acted on the request. */
class Lost extends Error {}

export interface Node {
  core: Core;
  file: string;
  offset: number;
}

/** A hub for one run of the property: its stores (one per instance), and its rows when it is a replica. */
export interface RunHub {
  stores: HubStore[];
  content?: (eventId: string) => unknown;
  /** Called after the run, once its servers have stopped. */
  done?: () => void;
}

/**
 * Runs the property: 3 replicas and a hub (one or several instances) reach the same state whatever they do and however
 * changes travel. Seeded; a failure prints its seed and path (pass them to fc.assert to replay it).
 */
export async function checkConvergence(runs: number, makeHub: (now: () => number) => Promise<RunHub>): Promise<void> {
  await fc.assert(
    fc.asyncProperty(
      fc.tuple(...[0, 1, 2].map(() => fc.constantFrom(0, 0, 60_000, -90_000, 120_000))),
      fc.array(operation, { minLength: 5, maxLength: 60 }),
      async (offsets, operations) => {
        let time = 0;
        const open = (file: string, offset: number) => openCore(file, { wallClock: () => start + offset + time });
        const nodes: Node[] = offsets.map((offset) => {
          const file = `${tempDir()}/muster.sqlite`;
          return { core: open(file, offset), file, offset };
        });
        const hub = await makeHub(() => start + time);
        const servers = hub.stores.map((store) => createHubServer({ store, passphrase, now: () => start + time }));
        try {
          const urls: string[] = [];
          for (const { server } of servers) urls.push((await listen(server, 0, '127.0.0.1')).href);
          const [first] = hub.stores;
          if (!first) throw new Error('No hub store.');
          await play(
            nodes,
            operations,
            () => (time += 1),
            (ms) => (time += ms),
            open,
            { urls, state: (eventId) => first.status(eventId), ...(hub.content ? { content: hub.content } : {}) },
          );
        } finally {
          for (const server of servers) await server.drain();
          for (const store of hub.stores) await store.close();
          hub.done?.();
          for (const n of nodes) if (n.core.ctx.db.open) n.core.close();
        }
      },
    ),
    { numRuns: runs },
  );
}

export async function play(
  nodes: Node[],
  operations: { op: string }[],
  step: () => void,
  advance: (ms: number) => void,
  open: (file: string, offset: number) => Core,
  hub: HubUnderTest,
): Promise<void> {
  const [first] = nodes;
  if (!first) throw new Error('No replicas.');
  const event = await ok(first.core, 'event.create', nairobi);
  const eventId = event.id;
  const sessions = event.sessions.map((s) => s.id);
  const bundles: Buffer[] = [];
  const made = new Set<string>();
  const node = (i: unknown) => nodes[Number(i)]!;
  const deliver = async (from: Core, to: Core, everything: boolean) => {
    const known = to.ctx.db.prepare('SELECT 1 FROM events WHERE id = ?').get(eventId) !== undefined;
    const since = known && !everything ? eventState(to.ctx.db, eventId).vector : undefined;
    const { bytes } = await exportBundle(from.ctx, { eventId, passphrase, since });
    bundles.push(bytes);
    await importBundle(to.ctx, bytes, { passphrase, eventId });
  };
  for (const other of nodes.slice(1)) await deliver(first.core, other.core, false);

  /** The people a replica knows, in a stable order, so `who` picks the same kind of target on every run. */
  const people = (core: Core) =>
    core.ctx.db
      .prepare(
        'SELECT r.participant_id AS participant, r.id AS registration, r.status FROM registrations r WHERE r.event_id = ? ORDER BY r.id',
      )
      .all(eventId) as { participant: string; registration: string; status: string }[];
  const pick = <T>(list: T[], index: unknown): T | undefined =>
    list.length ? list[Number(index) % list.length] : undefined;

  for (const operation of operations) {
    step();
    const o = operation as Record<string, unknown>;
    switch (o.op) {
      case 'create':
        await addPerson(node(o.r).core, eventId, String(o.name));
        break;
      case 'edit': {
        const target = pick(people(node(o.r).core), o.who);
        if (target) await edit(node(o.r).core, target.participant, String(o.field), String(o.value));
        break;
      }
      case 'clash': {
        const target = pick(people(node(o.r).core), o.who);
        const values = o.values as [string, string];
        if (!target) break;
        await edit(node(o.r).core, target.participant, String(o.field), values[0]);
        // The other replica may not know the person yet; then it is an ordinary edit on one side.
        if (people(node(o.other).core).some((p) => p.participant === target.participant)) {
          await edit(node(o.other).core, target.participant, String(o.field), values[1]);
        }
        break;
      }
      case 'checkIn': {
        const target = pick(people(node(o.r).core), o.who);
        if (!target) break;
        const id = randomUUID();
        const result = await dispatch(node(o.r).core.ctx, 'checkin.create', {
          id,
          sessionId: sessions[Number(o.session) % sessions.length],
          registrationId: target.registration,
          method: 'manual',
        });
        // The desk refuses a second local check-in or a cancelled person; only what was written must survive.
        if (result.ok) made.add(id);
        break;
      }
      case 'undo': {
        const core = node(o.r).core;
        const active = core.ctx.db
          .prepare('SELECT checkin_id FROM attendance ORDER BY session_id, registration_id')
          .pluck()
          .all() as string[];
        const recordId = pick(active, o.which);
        if (!recordId) break;
        const id = randomUUID();
        if ((await dispatch(core.ctx, 'checkin.undo', { id, recordId })).ok) made.add(id);
        break;
      }
      case 'status': {
        const target = pick(people(node(o.r).core), o.who);
        if (target) {
          const status = o.cancel ? 'cancelled' : 'confirmed';
          await ok(node(o.r).core, 'registration.update', { id: target.registration, changes: { status } });
        }
        break;
      }
      case 'tick':
        advance(Number(o.ms));
        break;
      case 'sync':
        if (o.from !== o.to) await deliver(node(o.from).core, node(o.to).core, Boolean(o.everything));
        break;
      case 'replay': {
        const bytes = pick(bundles, o.which);
        // Every replica has the event by now, so any old bundle applies anywhere, as a no-op or as news.
        if (bytes) for (const n of nodes) await importBundle(n.core.ctx, bytes, { passphrase, eventId });
        break;
      }
      case 'hub': {
        let calls = 0;
        const flaky: typeof fetch = async (...args) => {
          const response = await fetch(...args);
          calls += 1;
          if (calls === Number(o.drop)) throw new Lost();
          return response;
        };
        const core = node(o.r).core;
        // With several hub instances, kiosks talk to either, as a load balancer would send them.
        const url = hub.urls[(Number(o.r) + Number(o.drop)) % hub.urls.length] ?? '';
        await syncWithHub(core, { url, eventId, passphrase, fetch: flaky }).catch((error: unknown) => {
          if (!(error instanceof Lost)) throw error;
        });
        break;
      }
      case 'restart': {
        const n = node(o.r);
        n.core.close();
        n.core = open(n.file, n.offset);
        break;
      }
    }
  }

  // Everyone meets: around the ring once, then the last one back to the others.
  const [a, b, c] = nodes.map((n) => n.core) as [Core, Core, Core];
  await deliver(a, b, false);
  await deliver(b, c, false);
  await deliver(c, a, false);
  await deliver(c, b, false);

  // And each kiosk meets the hub, twice round, so the hub converges too.
  for (const [i, core] of [a, b, c, a, b].entries()) {
    await syncWithHub(core, { url: hub.urls[i % hub.urls.length] ?? '', eventId, passphrase });
  }

  const states = nodes.map((n) => eventState(n.core.ctx.db, eventId));
  expect(states[1]).toEqual(states[0]);
  expect(states[2]).toEqual(states[0]);
  const { vector, digest } = states[0]!;
  expect(await hub.state(eventId)).toEqual({ vector, digest });
  if (hub.content) {
    expect(hub.content(eventId)).toEqual(content(a, eventId));
  } else {
    // A hub without tables is checked by what it serves: headquarters joins through it like any replica.
    const hq = open(`${tempDir()}/muster.sqlite`, 0);
    try {
      await syncWithHub(hq, { url: hub.urls[0] ?? '', eventId, passphrase });
      expect(content(hq, eventId)).toEqual(content(a, eventId));
    } finally {
      hq.close();
    }
  }
  const seen = nodes.map((n) => content(n.core, eventId));
  expect(seen[1]).toEqual(seen[0]);
  expect(seen[2]).toEqual(seen[0]);
  // Every check-in and undo made anywhere is present exactly once, everywhere.
  for (const n of nodes) {
    const ids = n.core.ctx.db.prepare('SELECT id FROM checkins').pluck().all() as string[];
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(made);
  }
}

const columns: Record<string, string> = {
  jobTitle: 'jobTitle',
  organisation: 'organisation',
  notes: 'notes',
  familyName: 'familyName',
  badgeName: 'badgeName',
};

async function edit(core: Core, participant: string, fieldName: string, text: string): Promise<void> {
  const key = columns[fieldName] ?? 'notes';
  // A family name cannot be blank; the rest may be cleared.
  const valueFor =
    key === 'familyName' && text === '' ? 'Otieno' : key === 'organisation' && text === '' ? 'NPS' : text;
  await ok(core, 'participant.update', { id: participant, changes: { [key]: valueFor } });
}
