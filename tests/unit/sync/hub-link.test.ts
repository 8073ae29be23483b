import type http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startHubLoop, type HubLoop } from '../../../electron/core/sync/hub-loop';
import { eventState } from '../../../electron/core/sync/scope';
import { exportBundle, importBundle } from '../../../electron/core/sync/sync';
import { close, listen } from '../../../electron/server/http';
import { createHubServer, sqliteHubStore } from '../../../electron/server/hub';
import { syncWithHub } from '../../../electron/server/hub-client';
import { startHubSync } from '../../../electron/server/hub-sync';
import { changeCount, ok, refused, tempCore } from '../helpers';
import { addPerson, checkIn, content, passphrase, replica, seedEvent, start, type Replica } from './replicas';
import { largePreview, startSave } from '../imports/under-way';

const servers: http.Server[] = [];
const loops: HubLoop[] = [];
afterEach(async () => {
  for (const loop of loops.splice(0)) await loop.stop();
  for (const server of servers.splice(0)) if (server.listening) await close(server);
});

const fast = { everyMs: 40, maxBackoffMs: 160, tickMs: 10 };

async function startHub(hub: Replica, port = 0) {
  const { server } = createHubServer({ store: sqliteHubStore(hub.core), passphrase, now: () => start });
  servers.push(server);
  const url = await listen(server, port, '127.0.0.1');
  return { server, url: url.origin, port: Number(url.port) };
}

function sync(kiosk: Replica) {
  const loop = startHubSync(kiosk.core, fast);
  loops.push(loop);
  return loop;
}

/** Rounds derive scrypt keys on a shared, busy machine: allow seconds, not the default one. */
const until = (check: () => unknown) => vi.waitFor(check, { timeout: 10_000, interval: 20 });

const state = (kiosk: Replica, eventId: string) => ok(kiosk.core, 'sync.hub.state', { eventId });

describe('joining a hub from the app', () => {
  it('syncs a joined event in the background, says how it went, and catches up after the hub was away', async () => {
    const hubReplica = replica(0);
    const hub = await startHub(hubReplica);
    const k1 = replica(0);
    const k2 = replica(0);
    const { eventId, sessionIds } = await seedEvent(k1.core);
    const amina = await addPerson(k1.core, eventId, 'Otieno');
    const before = await state(k1, eventId);
    expect(before).toMatchObject({ linked: false, connection: 'none', waiting: null });

    const joined = await ok(k1.core, 'sync.hub.join', { eventId, url: `${hub.url}/`, passphrase });
    expect(joined).toMatchObject({ linked: true, url: hub.url, connection: 'connecting', lastSuccessAt: null });
    // Nothing has reached the hub yet: every change of the event is waiting.
    expect(joined.waiting).toBe(eventState(k1.core.ctx.db, eventId).changes);
    sync(k1);
    await until(async () => expect(await state(k1, eventId)).toMatchObject({ connection: 'online', waiting: 0 }));
    expect(eventState(hubReplica.core.ctx.db, eventId).digest).toBe(eventState(k1.core.ctx.db, eventId).digest);

    // The second kiosk has never seen the event: it got it by file, then joins the same hub.
    const bundle = await exportBundle(k1.core.ctx, { eventId, passphrase });
    await importBundle(k2.core.ctx, bundle.bytes, { passphrase, eventId });
    await ok(k2.core, 'sync.hub.join', { eventId, url: hub.url, passphrase });
    sync(k2);
    await until(async () => expect(await state(k2, eventId)).toMatchObject({ connection: 'online' }));

    // The hub goes away: both kiosks keep checking people in, say they are offline and count what waits.
    await close(hub.server);
    await checkIn(k1.core, sessionIds[0]!, amina.registration.id);
    const walkIn = await addPerson(k2.core, eventId, 'Begić');
    await checkIn(k2.core, sessionIds[0]!, walkIn.registration.id);
    await until(async () =>
      expect(await state(k1, eventId)).toMatchObject({
        connection: 'offline',
        lastError: { kind: 'unreachable' },
        waiting: 1,
      }),
    );
    const offline = await state(k2, eventId);
    await until(async () => expect((await state(k2, eventId)).connection).toBe('offline'));
    expect((await state(k2, eventId)).waiting).toBeGreaterThanOrEqual(offline.waiting ?? 0);
    const lastSuccess = (await state(k1, eventId)).lastSuccessAt;
    expect(lastSuccess).not.toBeNull();

    // Back on the same address: both upload, then download, and end with the same people and check-ins.
    await startHub(hubReplica, hub.port);
    await until(async () => {
      expect(await state(k1, eventId)).toMatchObject({ connection: 'online', waiting: 0, lastError: null });
      expect(await state(k2, eventId)).toMatchObject({ connection: 'online', waiting: 0 });
      expect(content(k1.core, eventId)).toEqual(content(k2.core, eventId));
    });
    const attendance = k1.core.ctx.db.prepare('SELECT count(*) FROM attendance').pluck().get();
    expect(attendance).toBe(2);
  });

  it('joins the hub of an event this kiosk does not have yet, and its first round brings the whole event', async () => {
    const hubReplica = replica(0);
    const hub = await startHub(hubReplica);
    const organiser = replica(0);
    const { eventId, sessionIds } = await seedEvent(organiser.core);
    const amina = await addPerson(organiser.core, eventId, 'Otieno');
    await checkIn(organiser.core, sessionIds[0]!, amina.registration.id);
    await syncWithHub(organiser.core, { url: hub.url, eventId, passphrase });

    // A kiosk set up at the venue: no events. It joins with what the hub's code says, before any round has run.
    const kiosk = replica(0);
    expect((await refused(kiosk.core, 'sync.hub.state', { eventId })).code).toBe('not_found');
    const joined = await ok(kiosk.core, 'sync.hub.join', { eventId, url: hub.url, passphrase });
    expect(joined).toMatchObject({ linked: true, connection: 'connecting', waiting: 0 });
    expect((await ok(kiosk.core, 'sync.hub.waiting', {})).map((w) => w.eventId)).toEqual([eventId]);
    expect(await ok(kiosk.core, 'event.list', {})).toEqual([]);

    sync(kiosk);
    await until(async () => expect(await state(kiosk, eventId)).toMatchObject({ connection: 'online', waiting: 0 }));
    expect(await ok(kiosk.core, 'sync.hub.waiting', {})).toEqual([]);
    expect((await ok(kiosk.core, 'event.list', {})).map((e) => e.id)).toEqual([eventId]);
    expect(content(kiosk.core, eventId)).toEqual(content(organiser.core, eventId));
  });

  it('keeps a joined event it cannot fetch on the waiting list, saying why, until staff leave it', async () => {
    const hubReplica = replica(0);
    const hub = await startHub(hubReplica);
    const organiser = replica(0);
    const { eventId } = await seedEvent(organiser.core);
    await syncWithHub(organiser.core, { url: hub.url, eventId, passphrase });
    const kiosk = replica(0);
    await ok(kiosk.core, 'sync.hub.join', { eventId, url: hub.url, passphrase: 'not the event passphrase' });
    sync(kiosk);
    await until(async () =>
      expect(await ok(kiosk.core, 'sync.hub.waiting', {})).toMatchObject([
        { eventId, connection: 'offline', lastError: { kind: 'wrong_passphrase' } },
      ]),
    );
    expect(await ok(kiosk.core, 'event.list', {})).toEqual([]);
    expect(await ok(kiosk.core, 'sync.hub.leave', { eventId })).toMatchObject({ linked: false });
    expect(await ok(kiosk.core, 'sync.hub.waiting', {})).toEqual([]);
  });

  it('resumes after a restart and stops for good when the kiosk leaves the hub', async () => {
    const hubReplica = replica(0);
    const hub = await startHub(hubReplica);
    const kiosk = replica(0);
    const { eventId, sessionIds } = await seedEvent(kiosk.core);
    const amina = await addPerson(kiosk.core, eventId, 'Otieno');
    await ok(kiosk.core, 'sync.hub.join', { eventId, url: hub.url, passphrase });
    // No loop ran yet (the app was closed right after joining): the next start picks the link up from the database.
    const restarted = sync(kiosk);
    await until(async () => expect((await state(kiosk, eventId)).connection).toBe('online'));
    await restarted.stop();

    const left = await ok(kiosk.core, 'sync.hub.leave', { eventId });
    expect(left).toMatchObject({ linked: false, url: null, waiting: null });
    sync(kiosk);
    await checkIn(kiosk.core, sessionIds[0]!, amina.registration.id);
    const onHub = changeCount(hubReplica.core);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(changeCount(hubReplica.core)).toBe(onHub);
    expect((await refused(kiosk.core, 'sync.hub.leave', { eventId })).code).toBe('not_found');
  });

  it('says the passphrase is wrong, backing off, and sends nothing the hub would accept', async () => {
    const hubReplica = replica(0);
    const hub = await startHub(hubReplica);
    const kiosk = replica(0);
    const { eventId } = await seedEvent(kiosk.core);
    await ok(kiosk.core, 'sync.hub.join', { eventId, url: hub.url, passphrase: 'not the passphrase of this hub' });
    const rounds: { began: number; ended: number }[] = [];
    const loop = startHubLoop(
      kiosk.core.ctx,
      async (link) => {
        const round = { began: Date.now(), ended: Number.POSITIVE_INFINITY };
        rounds.push(round);
        try {
          return { applied: (await syncWithHub(kiosk.core, link)).pulled.applied };
        } finally {
          round.ended = Date.now();
        }
      },
      fast,
    );
    loops.push(loop);
    await until(async () =>
      expect(await state(kiosk, eventId)).toMatchObject({
        connection: 'offline',
        lastError: { kind: 'wrong_passphrase' },
        lastSuccessAt: null,
      }),
    );
    await until(() => expect(rounds.length).toBeGreaterThanOrEqual(4));
    // Each wait doubles (40, 80, 160 ms, then capped) instead of hammering the hub.
    const waits = rounds.slice(1).map((round, i) => round.began - (rounds[i]?.ended ?? 0));
    expect(waits[0]).toBeGreaterThanOrEqual(40);
    expect(waits[1]).toBeGreaterThanOrEqual(80);
    expect(waits[2]).toBeGreaterThanOrEqual(160);
    expect(changeCount(hubReplica.core)).toBe(0);
  });

  it('stops at once when the app closes, even while a hub that never answers holds a round', async () => {
    const connected: net.Socket[] = [];
    const silent = net.createServer((socket) => connected.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    try {
      const kiosk = replica(0);
      const { eventId } = await seedEvent(kiosk.core);
      await ok(kiosk.core, 'sync.hub.join', { eventId, url: `http://127.0.0.1:${port}`, passphrase });
      const loop = startHubSync(kiosk.core, fast);
      await until(() => expect(connected.length).toBeGreaterThan(0));
      const stopping = Date.now();
      await loop.stop();
      expect(Date.now() - stopping).toBeLessThan(1000);
      // Stopped, it records nothing: the database may be closing.
      expect((await state(kiosk, eventId)).lastAttemptAt).toBeNull();
    } finally {
      for (const socket of connected) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('refuses a link it could not use, keeping nothing, and never lets the passphrase out', async () => {
    const kiosk = replica(0);
    const { eventId } = await seedEvent(kiosk.core);
    const changes = changeCount(kiosk.core);
    for (const url of ['ftp://hub.local', 'not a url', '']) {
      const error = await refused(kiosk.core, 'sync.hub.join', { eventId, url, passphrase });
      expect(error.code).toBe('invalid_input');
    }
    expect(
      (await refused(kiosk.core, 'sync.hub.join', { eventId, url: 'http://10.0.0.2', passphrase: 'short' })).code,
    ).toBe('invalid_input');
    expect(kiosk.core.ctx.db.prepare('SELECT count(*) FROM hub_links').pluck().get()).toBe(0);
    const joined = await ok(kiosk.core, 'sync.hub.join', { eventId, url: 'http://10.0.0.2:4322/hub', passphrase });
    expect(joined.url).toBe('http://10.0.0.2:4322');
    expect(JSON.stringify(joined)).not.toContain(passphrase);
    // Which hub a kiosk uses is its own setting: joining writes no change a peer would receive.
    expect(changeCount(kiosk.core)).toBe(changes);
  });
});

describe('a hub round while an import is saved', () => {
  it('makes this device’s signing key (its first round) once the save is done, and completes, instead of failing', async () => {
    // On the wall clock, as the import's store is: the hub refuses a peer whose clock is far from its own.
    const hubCore = tempCore();
    const { server } = createHubServer({ store: sqliteHubStore(hubCore), passphrase, now: () => Date.now() });
    servers.push(server);
    const url = (await listen(server, 0, '127.0.0.1')).origin;
    const { core, eventId, jobId } = await largePreview();
    const keys = () =>
      core.ctx.db.prepare('SELECT count(*) FROM device_keys WHERE private_key IS NOT NULL').pluck().get();
    expect(keys()).toBe(0);
    const round = syncWithHub(core, { url, eventId, passphrase });
    // The save takes the store while the round asks the hub where it stands, before it signs its upload.
    const saving = startSave(core, jobId);
    const done = await round;
    expect((await saving).ok).toBe(true);
    expect(keys()).toBe(1);
    expect(done.pushed).toBeGreaterThan(0);
    expect(eventState(hubCore.ctx.db, eventId).changes).toBe(done.pushed);
  }, 60_000);
});
