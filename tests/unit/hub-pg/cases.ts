// The hub's behaviour, written once and run against every store: the embedded SQLite replica
// (tests/unit/sync/hub.test.ts) and PostgreSQL with two hub instances on one database (hub-pg/hub.test.ts).
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import path from 'node:path';
import { openCore, type Core } from '../../../electron/core/context';
import { seal, syncLimits } from '../../../electron/core/sync/bundle';
import { openBundle } from '../../../electron/core/sync/open';
import { afterEach, expect, it } from 'vitest';
import { hubHeaders, hubKey, requestSignature } from '../../../electron/core/sync/hub-auth';
import { eventState } from '../../../electron/core/sync/scope';
import { listen } from '../../../electron/server/http';
import { createHubServer, type HubServer } from '../../../electron/server/hub';
import { HubError, syncWithHub } from '../../../electron/server/hub-client';
import type { HubStore } from '../../../electron/server/hub-store/store';
import { writeTransaction } from '../../../electron/core/db/transaction';
import { register } from '../../../electron/core/participants/handlers';
import { exportBundle } from '../../../electron/core/sync/sync';
import { ok, tempDir } from '../helpers';
import { addPerson, checkIn, content, deliver, passphrase, replica, seedEvent, start } from '../sync/replicas';

/** Makes the stores of `instances` hub processes that share one store (one for SQLite: it is a single file). */
export type MakeStores = (now: () => number) => Promise<HubStore[]>;

const running: { hub: HubServer; store: HubStore }[] = [];
afterEach(async () => {
  for (const { hub, store } of running.splice(0)) {
    await hub.drain();
    await store.close();
  }
});

export async function startHubs(makeStores: MakeStores, now: () => number = () => start) {
  const stores = await makeStores(now);
  const urls: string[] = [];
  const hubs: HubServer[] = [];
  for (const store of stores) {
    const hub = createHubServer({ store, passphrase, now });
    running.push({ hub, store });
    hubs.push(hub);
    urls.push((await listen(hub.server, 0, '127.0.0.1')).href);
  }
  const [first] = stores;
  if (!first) throw new Error('No hub store.');
  return { urls, hubs, stores, state: (eventId: string) => first.status(eventId) };
}

/** The hub's URL for the i-th kiosk: kiosks spread over the instances, as a load balancer would spread them. */
const pick = (urls: string[], i: number) => urls[i % urls.length] ?? '';

export function hubCases(makeStores: MakeStores): void {
  it('forgets an erased person: after the erasure reaches it, what the hub hands out holds no trace of the name', async () => {
    const { urls, stores } = await startHubs(makeStores);
    const k1 = replica(0);
    const { eventId, sessionIds } = await seedEvent(k1.core);
    const canary = 'Zqxwvcanary';
    const person = await addPerson(k1.core, eventId, canary, { email: 'zqxwv@example.org' });
    await checkIn(k1.core, sessionIds[0]!, person.registration.id);
    await syncWithHub(k1.core, { url: pick(urls, 0), eventId, passphrase });
    const handedOut = async () => {
      const bytes = await stores[stores.length - 1]!.pull(eventId, undefined, passphrase);
      return JSON.stringify((await openBundle({ bytes, passphrase, eventId, limits: syncLimits })).rows);
    };
    // The control: the hub holds the name until the erasure arrives.
    expect(await handedOut()).toContain(canary);
    await ok(k1.core, 'person.erase', { participantId: person.participant.id });
    await syncWithHub(k1.core, { url: pick(urls, 1), eventId, passphrase });
    const after = await handedOut();
    expect(after).not.toContain(canary);
    expect(after).not.toContain('zqxwv@example.org');
    // What reports count stays, and a replica joining now has the check-in but not the name.
    const hq = replica(0);
    await syncWithHub(hq.core, { url: pick(urls, 0), eventId, passphrase });
    expect(hq.core.ctx.db.prepare('SELECT count(*) FROM attendance').pluck().get()).toBe(1);
    expect(JSON.stringify(content(hq.core, eventId))).not.toContain(canary);
  });

  it('brings two kiosks that checked different people in offline to the same state, and headquarters reads it', async () => {
    const { urls, state } = await startHubs(makeStores);
    const k1 = replica(0);
    const k2 = replica(0);
    const { eventId, sessionIds } = await seedEvent(k1.core);
    const amina = await addPerson(k1.core, eventId, 'Otieno');
    const first = await syncWithHub(k1.core, { url: pick(urls, 0), eventId, passphrase });
    expect(first.identical).toBe(true);
    expect((await syncWithHub(k2.core, { url: pick(urls, 1), eventId, passphrase })).identical).toBe(true);
    // Offline: each kiosk checks someone in, one of them a walk-in only it knows.
    const walkIn = await addPerson(k2.core, eventId, 'Begić');
    await checkIn(k1.core, sessionIds[0]!, amina.registration.id);
    await checkIn(k2.core, sessionIds[0]!, walkIn.registration.id);
    await syncWithHub(k1.core, { url: pick(urls, 0), eventId, passphrase });
    await syncWithHub(k2.core, { url: pick(urls, 1), eventId, passphrase });
    const last = await syncWithHub(k1.core, { url: pick(urls, 0), eventId, passphrase });
    expect(last.identical).toBe(true);
    expect(content(k1.core, eventId)).toEqual(content(k2.core, eventId));
    const { vector, digest } = eventState(k1.core.ctx.db, eventId);
    expect(await state(eventId)).toEqual({ vector, digest });
    const attendance = k2.core.ctx.db.prepare('SELECT count(*) FROM attendance').pluck().get();
    expect(attendance).toBe(2);
    // Headquarters syncs from the hub like any replica and sees what the kiosks see (its reports run locally).
    const hq = replica(0);
    expect((await syncWithHub(hq.core, { url: pick(urls, 1), eventId, passphrase })).identical).toBe(true);
    expect(content(hq.core, eventId)).toEqual(content(k1.core, eventId));
    // A round with nothing new sends nothing up and applies nothing.
    const idle = await syncWithHub(k2.core, { url: pick(urls, 0), eventId, passphrase });
    expect(idle).toMatchObject({ pushed: 0, pulled: { applied: 0 }, identical: true });
    // Each round that moved changes is in the kiosk's audit trail as the system's (a download in the same commit as
    // the merge); the idle one added nothing.
    expect(hubRounds(k1.core)).toEqual([
      { actor: 'system', pushed: expect.any(Number), applied: 0 },
      { actor: 'system', pushed: 1, applied: 0 },
      { actor: 'system', pushed: 0, applied: 3 },
    ]);
    expect(hubRounds(k1.core)[0]!.pushed).toBeGreaterThan(3);
    expect(hubRounds(k2.core)).toEqual([
      { actor: 'system', pushed: 0, applied: expect.any(Number) },
      { actor: 'system', pushed: 3, applied: 1 },
    ]);
  });

  it('gives a kiosk restored from an older backup back its own lost changes, though it changed something first', async () => {
    const { urls, state } = await startHubs(makeStores);
    const kiosk = replica(0);
    const { eventId, sessionIds } = await seedEvent(kiosk.core);
    const amina = await addPerson(kiosk.core, eventId, 'Otieno');
    await syncWithHub(kiosk.core, { url: pick(urls, 0), eventId, passphrase });
    const backup = await ok(kiosk.core, 'backup.create', {});
    // After the backup: a walk-in and a check-in, safe on the hub; then the disk fails and the backup comes back.
    kiosk.setTime(60_000);
    const walkIn = await addPerson(kiosk.core, eventId, 'Begić');
    await checkIn(kiosk.core, sessionIds[0]!, amina.registration.id);
    await syncWithHub(kiosk.core, { url: pick(urls, 1), eventId, passphrase });
    await ok(kiosk.core, 'backup.restore', { name: backup.name });
    // The desk goes on before the next round: its vector now claims every change of its own, the lost ones too.
    kiosk.setTime(120_000);
    await addPerson(kiosk.core, eventId, 'Kamau');
    const round = await syncWithHub(kiosk.core, { url: pick(urls, 0), eventId, passphrase });
    expect(round.identical).toBe(true);
    const attendance = kiosk.core.ctx.db.prepare('SELECT count(*) FROM attendance').pluck().get();
    expect(attendance).toBe(1);
    expect((await ok(kiosk.core, 'participant.get', { id: walkIn.participant.id })).participant.familyName).toBe(
      'Begić',
    );
    const { vector, digest } = eventState(kiosk.core.ctx.db, eventId);
    expect(await state(eventId)).toEqual({ vector, digest });
    // Once whole, a round is an ordinary one again.
    const idle = await syncWithHub(kiosk.core, { url: pick(urls, 1), eventId, passphrase });
    expect(idle).toMatchObject({ pushed: 0, pulled: { applied: 0 }, identical: true });
  });

  it('keeps the check-ins of a kiosk set up as a copy of another’s database (one device id on two machines)', async () => {
    const { urls, state } = await startHubs(makeStores);
    const a = replica(0);
    const { eventId, sessionIds } = await seedEvent(a.core);
    const amina = await addPerson(a.core, eventId, 'Otieno');
    const juma = await addPerson(a.core, eventId, 'Kamau');
    await syncWithHub(a.core, { url: pick(urls, 0), eventId, passphrase });
    // The second laptop is set up by copying the first one's data folder.
    const file = path.join(tempDir(), 'muster.sqlite');
    await a.core.ctx.db.backup(file);
    let now = start;
    const b = openCore(file, { wallClock: () => now });
    try {
      expect(b.ctx.device).toBe(a.core.ctx.device);
      // Each checks someone in; the copy's check-in is the older one, so "since the hub's vector" leaves it out.
      now = start + 5_000;
      await checkIn(b, sessionIds[0]!, juma.registration.id);
      a.setTime(10_000);
      await checkIn(a.core, sessionIds[0]!, amina.registration.id);
      await syncWithHub(a.core, { url: pick(urls, 0), eventId, passphrase });
      expect((await syncWithHub(b, { url: pick(urls, 1), eventId, passphrase })).identical).toBe(true);
      // Before, the copy's check-in never reached the hub, and the round said nothing.
      const hq = replica(0);
      await syncWithHub(hq.core, { url: pick(urls, 1), eventId, passphrase });
      expect(hq.core.ctx.db.prepare('SELECT count(*) FROM attendance').pluck().get()).toBe(2);
      expect(await state(eventId)).toEqual(stateOf(b, eventId));
    } finally {
      b.close();
    }
  });

  it('refuses a kiosk whose clock ran a day ahead, saying which clock to fix and when its changes can come in', async () => {
    const { urls, state } = await startHubs(makeStores);
    const kiosk = replica(0);
    const { eventId } = await seedEvent(kiosk.core);
    await syncWithHub(kiosk.core, { url: pick(urls, 0), eventId, passphrase });
    const before = await state(eventId);
    // Set to the venue's time under the wrong zone: seven hours ahead. Its walk-in is stamped so.
    kiosk.setTime(7 * 3_600_000);
    await addPerson(kiosk.core, eventId, 'Srisuk');
    kiosk.setTime(0);
    // Requests are signed with the kiosk's (now right) clock; the change it made meanwhile keeps its date.
    const refused = await refusal(syncWithHub(kiosk.core, { url: pick(urls, 1), eventId, passphrase }));
    expect(refused.status).toBe(422);
    expect(refused.message).toBe(
      `Changes from device ${kiosk.core.ctx.device} are dated 7 h ahead of the hub’s clock (2023-09-12 06:00 UTC), ` +
        'so nothing was changed. If that clock is wrong, set it right and sync again. If it is right, the sending ' +
        'device’s clock was ahead when it made them: set it right there; what it made meanwhile can come in from ' +
        '2023-09-12 12:55 UTC, when the hub’s clock reaches it.',
    );
    expect(await state(eventId)).toEqual(before);
  });

  it('refuses requests that are unsigned, signed with another passphrase, stale or replayed, changing nothing', async () => {
    const { urls, state } = await startHubs(makeStores);
    const k1 = replica(0);
    const { eventId } = await seedEvent(k1.core);
    await syncWithHub(k1.core, { url: pick(urls, 0), eventId, passphrase });
    const before = await state(eventId);
    expect(before).not.toBeNull();
    const path = `/hub/v1/events/${eventId}/status`;

    expect((await fetch(new URL(path, pick(urls, 0)), { method: 'POST' })).status).toBe(401);
    const signed = (secret: string, time: number) => signedRequest(eventId, 'status', secret, time);
    expect((await (await signed('another passphrase entirely', start))(pick(urls, 0))).status).toBe(401);
    expect((await (await signed(passphrase, start - 10 * 60_000))(pick(urls, 0))).status).toBe(401);
    const once = await signed(passphrase, start);
    expect((await once(pick(urls, 0))).status).toBe(200);
    // Replayed to the same instance, or to another one behind the same load balancer.
    for (const url of urls) expect((await once(url)).status).toBe(401);
    // A kiosk with the wrong passphrase gets a clear error, and the hub is unchanged.
    const stranger = replica(0);
    const error = await syncWithHub(stranger.core, {
      url: pick(urls, 1),
      eventId,
      passphrase: 'not the event passphrase',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubError);
    expect(await state(eventId)).toEqual(before);
  });

  it('refuses a second key for a known device and a bundle for an event it has not seen, storing nothing', async () => {
    const { urls, state } = await startHubs(makeStores);
    const k1 = replica(0);
    const { eventId } = await seedEvent(k1.core);
    await syncWithHub(k1.core, { url: pick(urls, 0), eventId, passphrase });
    const before = await state(eventId);
    // A bundle claiming to come from k1 but signed with another key: the hub trusts the first key it saw.
    const forged = await emptyBundle(eventId, k1.core.ctx.device);
    const push = await signedRequest(eventId, 'push', passphrase, start, forged);
    const answer = await push(pick(urls, 1));
    expect(answer.status).toBe(422);
    expect(await answer.json()).toMatchObject({ error: { code: 'sync_refused', details: { sync: 'tampered' } } });
    expect(await state(eventId)).toEqual(before);
    // A bundle that does not create its event, for an event no hub instance has seen.
    const unknown = randomUUID();
    const stray = await signedRequest(
      unknown,
      'push',
      passphrase,
      start,
      await emptyBundle(unknown, 'ab12cd34ef56ab78'),
    );
    expect((await stray(pick(urls, 0))).status).toBe(400);
    expect(await state(unknown)).toBeNull();
  });

  it('answers its health check and only its own endpoints, and answers a request in flight when it drains', async () => {
    const { urls, hubs } = await startHubs(makeStores);
    const url = pick(urls, 0);
    const health = await fetch(new URL('/health', url));
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect((await fetch(new URL('/api/event.list', url), { method: 'POST' })).status).toBe(404);
    expect((await fetch(new URL(`/hub/v1/events/${randomUUID()}/status`, url))).status).toBe(405);
    const k1 = replica(0);
    const { eventId } = await seedEvent(k1.core);
    await syncWithHub(k1.core, { url, eventId, passphrase });
    // Told to stop the moment a request arrives: that request is still answered, then the hub is gone.
    const hub = hubs[0]!;
    let drained: Promise<void> | undefined;
    hub.server.once('request', () => (drained = hub.drain()));
    const status = await (await signedRequest(eventId, 'status', passphrase, start))(url);
    expect(status.status).toBe(200);
    expect(await status.json()).toEqual(await stateOf(k1.core, eventId));
    await drained;
    expect(await fetch(new URL('/health', url)).catch((e: unknown) => e)).toBeInstanceOf(TypeError);
  });

  uniquenessCases(makeStores);
}

/** What a kiosk's round ends in: refused by the hub with the given HTTP status, or an error of another kind. */
async function refusal(round: Promise<unknown>): Promise<HubError> {
  const error = await round.then(
    () => new Error('The hub accepted the round.'),
    (e: unknown) => e,
  );
  if (!(error instanceof HubError)) throw error;
  return error;
}

const codeClash =
  /^Check-in code [0-9A-Z]{4}-[0-9A-Z]{4} was given to one person on the hub and to another in the sync file .*reissue that badge.*Nothing was changed\.$/;

/**
 * The uniqueness rules every replica's indexes hold (one check-in code per event, one registration per person and
 * event): a hub refuses the push that breaks them, so only its sender is stopped and the event goes on syncing for
 * everyone else, and a push the merge rules leave clash-free is taken whatever order it arrives in.
 */
function uniquenessCases(makeStores: MakeStores): void {
  it('refuses a kiosk that gave a code already given offline elsewhere; the others go on syncing', async () => {
    const { urls, state } = await startHubs(makeStores);
    const k1 = replica(0);
    const k2 = replica(0);
    const { eventId } = await seedEvent(k1.core);
    await syncWithHub(k1.core, { url: pick(urls, 0), eventId, passphrase });
    await syncWithHub(k2.core, { url: pick(urls, 1), eventId, passphrase });
    // Offline, each desk registers a walk-in with the same pre-printed badge code.
    await addPerson(k1.core, eventId, 'Otieno', { code: 'ABCD2345' });
    await addPerson(k2.core, eventId, 'Begić', { code: 'ABCD2345' });
    await syncWithHub(k1.core, { url: pick(urls, 0), eventId, passphrase });
    const before = await state(eventId);
    const refused = await refusal(syncWithHub(k2.core, { url: pick(urls, 1), eventId, passphrase }));
    expect(refused.status).toBe(409);
    expect(refused.message).toMatch(codeClash);
    expect(refused.message).toContain('ABCD-2345');
    expect(await state(eventId)).toEqual(before);
    // Asked again, the answer is the same: nothing of the refused push stayed behind.
    expect((await refusal(syncWithHub(k2.core, { url: pick(urls, 0), eventId, passphrase }))).status).toBe(409);
    expect(await state(eventId)).toEqual(before);
    // The first kiosk and a newcomer sync as before and hold one registration with that code.
    expect((await syncWithHub(k1.core, { url: pick(urls, 1), eventId, passphrase })).identical).toBe(true);
    const k3 = replica(0);
    expect((await syncWithHub(k3.core, { url: pick(urls, 0), eventId, passphrase })).identical).toBe(true);
    expect(content(k3.core, eventId)).toEqual(content(k1.core, eventId));
    const holders = k3.core.ctx.db.prepare("SELECT count(*) FROM registrations WHERE code = 'ABCD2345'").pluck();
    expect(holders.get()).toBe(1);
  });

  it('refuses a kiosk that registered a person already registered for the event by another kiosk offline', async () => {
    const { urls, state } = await startHubs(makeStores);
    const k1 = replica(0);
    const k2 = replica(0);
    // Both kiosks know the person from an earlier workshop.
    const earlier = await seedEvent(k1.core);
    const person = await addPerson(k1.core, earlier.eventId, 'Yusupova');
    const { eventId } = await seedEvent(k1.core);
    for (const id of [earlier.eventId, eventId]) {
      await syncWithHub(k1.core, { url: pick(urls, 0), eventId: id, passphrase });
      await syncWithHub(k2.core, { url: pick(urls, 1), eventId: id, passphrase });
    }
    // Offline, each desk registers her for this workshop (as an import matching a known person does).
    for (const kiosk of [k1, k2]) {
      writeTransaction(kiosk.core.ctx.db, () =>
        register(kiosk.core.ctx, eventId, person.participant.id, {
          category: 'partner_state_delegate',
          status: 'confirmed',
        }),
      );
    }
    await syncWithHub(k1.core, { url: pick(urls, 0), eventId, passphrase });
    const before = await state(eventId);
    const refused = await refusal(syncWithHub(k2.core, { url: pick(urls, 1), eventId, passphrase }));
    expect(refused.status).toBe(409);
    expect(refused.message).toMatch(
      /^One person is registered for this event twice, on the hub and in the sync file .*under check-in code [0-9A-Z]{4}-[0-9A-Z]{4}\)\. Nothing was changed\.$/,
    );
    expect(await state(eventId)).toEqual(before);
    expect((await syncWithHub(k1.core, { url: pick(urls, 1), eventId, passphrase })).identical).toBe(true);
    const k3 = replica(0);
    expect((await syncWithHub(k3.core, { url: pick(urls, 0), eventId, passphrase })).identical).toBe(true);
    expect(content(k3.core, eventId)).toEqual(content(k1.core, eventId));
    const registrations = k3.core.ctx.db
      .prepare('SELECT count(*) FROM registrations WHERE participant_id = ? AND event_id = ?')
      .pluck();
    expect(registrations.get(person.participant.id, eventId)).toBe(1);
  });

  for (const order of ['the move first', 'both in one push'] as const) {
    it(`takes a code given out again after its badge was reissued elsewhere (${order})`, async () => {
      const { urls, state } = await startHubs(makeStores);
      const k1 = replica(0);
      const k2 = replica(0);
      const { eventId } = await seedEvent(k1.core);
      const first = await addPerson(k1.core, eventId, 'Otieno', { code: 'ABCD2345' });
      await syncWithHub(k1.core, { url: pick(urls, 0), eventId, passphrase });
      await syncWithHub(k2.core, { url: pick(urls, 1), eventId, passphrase });
      // Her badge is lost: reissued with a new code, the old one is free on that kiosk.
      await ok(k1.core, 'badge.reissue', { registrationId: first.registration.id });
      if (order === 'the move first') {
        await syncWithHub(k1.core, { url: pick(urls, 0), eventId, passphrase });
        await syncWithHub(k2.core, { url: pick(urls, 1), eventId, passphrase });
      } else {
        // The reissue reaches the second kiosk by USB stick, so its push carries the move and the new holder.
        await deliver(k1.core, k2.core, eventId);
      }
      const second = await addPerson(k2.core, eventId, 'Begić', { code: 'ABCD2345' });
      await syncWithHub(k2.core, { url: pick(urls, 1), eventId, passphrase });
      expect((await syncWithHub(k1.core, { url: pick(urls, 0), eventId, passphrase })).identical).toBe(true);
      const k3 = replica(0);
      expect((await syncWithHub(k3.core, { url: pick(urls, 1), eventId, passphrase })).identical).toBe(true);
      const codes = k3.core.ctx.db.prepare('SELECT code FROM registrations WHERE id = ?').pluck();
      expect(codes.get(second.registration.id)).toBe('ABCD2345');
      expect(codes.get(first.registration.id)).not.toBe('ABCD2345');
      expect(content(k3.core, eventId)).toEqual(content(k1.core, eventId));
      expect(await state(eventId)).toEqual(stateOf(k1.core, eventId));
    });
  }

  it('takes a late, older code change that lost to a newer one, though its code now belongs to someone else', async () => {
    const { urls, state } = await startHubs(makeStores);
    const k1 = replica(0);
    const k2 = replica(0);
    const k3 = replica(0);
    const { eventId } = await seedEvent(k1.core);
    const first = await addPerson(k1.core, eventId, 'Otieno');
    for (const [i, kiosk] of [k1, k2, k3].entries()) {
      await syncWithHub(kiosk.core, { url: pick(urls, i), eventId, passphrase });
    }
    // Offline, two desks reissue her badge; the second reissue is the newer, so its code is hers everywhere.
    k1.setTime(1000);
    const older = await ok(k1.core, 'badge.reissue', { registrationId: first.registration.id });
    k3.setTime(2000);
    await ok(k3.core, 'badge.reissue', { registrationId: first.registration.id });
    await syncWithHub(k3.core, { url: pick(urls, 0), eventId, passphrase });
    // A walk-in then gets the code of the older, losing reissue, which the hub has not seen yet.
    k2.setTime(3000);
    await syncWithHub(k2.core, { url: pick(urls, 1), eventId, passphrase });
    const walkIn = await addPerson(k2.core, eventId, 'Begić', { code: older.code });
    await syncWithHub(k2.core, { url: pick(urls, 1), eventId, passphrase });
    // The older reissue arrives last: it loses the code field, so nothing clashes, on a replica or the hub.
    k1.setTime(4000);
    await syncWithHub(k1.core, { url: pick(urls, 0), eventId, passphrase });
    for (const kiosk of [k2, k3, k1]) {
      expect((await syncWithHub(kiosk.core, { url: pick(urls, 1), eventId, passphrase })).identical).toBe(true);
    }
    expect(content(k1.core, eventId)).toEqual(content(k2.core, eventId));
    expect(content(k3.core, eventId)).toEqual(content(k2.core, eventId));
    const code = k1.core.ctx.db.prepare('SELECT code FROM registrations WHERE id = ?').pluck();
    expect(code.get(walkIn.registration.id)).toBe(older.code.replace('-', ''));
    expect(await state(eventId)).toEqual(stateOf(k1.core, eventId));
  });

  it('refuses, as a replica does, a push that takes a code before, by timestamp, the change moving it away', async () => {
    const { urls, state } = await startHubs(makeStores);
    const k1 = replica(0);
    const k2 = replica(0);
    const k3 = replica(0);
    const { eventId } = await seedEvent(k1.core);
    await syncWithHub(k1.core, { url: pick(urls, 0), eventId, passphrase });
    await syncWithHub(k2.core, { url: pick(urls, 1), eventId, passphrase });
    const first = await addPerson(k1.core, eventId, 'Otieno', { code: 'ABCD2345' });
    await syncWithHub(k1.core, { url: pick(urls, 0), eventId, passphrase });
    await syncWithHub(k3.core, { url: pick(urls, 1), eventId, passphrase });
    // Offline: k2, which never saw her, gives her code to a walk-in; later k1 reissues her badge.
    k2.setTime(1000);
    const walkIn = await addPerson(k2.core, eventId, 'Begić', { code: 'ABCD2345' });
    k1.setTime(2000);
    await ok(k1.core, 'badge.reissue', { registrationId: first.registration.id });
    // k3 gets the reissue, then the walk-in, by USB stick: in that order nothing clashes there.
    await deliver(k1.core, k3.core, eventId);
    await deliver(k2.core, k3.core, eventId);
    // Its push holds the walk-in and the reissue. A replica holding her code applies them oldest first, so the walk-in
    // meets her code still held: the push is refused, or every kiosk that pulled it would refuse it the same way.
    const before = await state(eventId);
    const refused = await refusal(syncWithHub(k3.core, { url: pick(urls, 0), eventId, passphrase }));
    expect(refused.status).toBe(409);
    expect(refused.message).toMatch(codeClash);
    expect(await state(eventId)).toEqual(before);
    // Once the reissue reaches the hub on its own, the walk-in follows, as it would on a replica that got them so.
    // (k2 is left out: pulling, it would meet her first change, with the code its walk-in holds, before the reissue,
    // and refuse, as it would from any replica.)
    await syncWithHub(k1.core, { url: pick(urls, 1), eventId, passphrase });
    await syncWithHub(k3.core, { url: pick(urls, 0), eventId, passphrase });
    expect((await syncWithHub(k1.core, { url: pick(urls, 1), eventId, passphrase })).identical).toBe(true);
    expect(content(k3.core, eventId)).toEqual(content(k1.core, eventId));
    expect(await state(eventId)).toEqual(stateOf(k1.core, eventId));
    const code = k1.core.ctx.db.prepare('SELECT code FROM registrations WHERE id = ?').pluck();
    expect(code.get(walkIn.registration.id)).toBe('ABCD2345');
  });

  it('takes exactly one of two clashing pushes sent at the same moment to different hub instances', async () => {
    const { urls, state } = await startHubs(makeStores);
    const seed = replica(0);
    const { eventId } = await seedEvent(seed.core);
    await syncWithHub(seed.core, { url: pick(urls, 0), eventId, passphrase });
    for (const [round, code] of ['ABCD2345', 'BCDE3456', 'CDEF4567', 'DEFG5678'].entries()) {
      // Two kiosks up to date with the hub each give a walk-in the same code, then both upload at once.
      const kiosks = [replica(0), replica(0)];
      for (const [i, kiosk] of kiosks.entries()) {
        await syncWithHub(kiosk.core, { url: pick(urls, i), eventId, passphrase });
        await addPerson(kiosk.core, eventId, `Round${round}Kiosk${i}`, { code });
      }
      const hub = await state(eventId);
      const pushes = await Promise.all(
        kiosks.map(async (kiosk) => {
          const { bytes } = await exportBundle(kiosk.core.ctx, { eventId, passphrase, since: hub?.vector });
          return signedRequest(eventId, 'push', passphrase, start, bytes);
        }),
      );
      const answers = await Promise.all(pushes.map((push, i) => push(pick(urls, i))));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      const refused = answers.find((a) => a.status === 409)!;
      expect(await refused.json()).toMatchObject({
        error: { code: 'conflict', message: expect.stringMatching(codeClash) },
      });
      // The hub holds the accepted kiosk's changes and nothing of the other's.
      const accepted = kiosks[answers.findIndex((a) => a.status === 200)]!;
      expect(await state(eventId)).toEqual(stateOf(accepted.core, eventId));
    }
    const newcomer = replica(0);
    expect((await syncWithHub(newcomer.core, { url: pick(urls, 1), eventId, passphrase })).identical).toBe(true);
    expect(newcomer.core.ctx.db.prepare('SELECT count(*) FROM registrations').pluck().get()).toBe(4);
  });
}

function stateOf(core: Core, eventId: string) {
  const { vector, digest } = eventState(core.ctx.db, eventId);
  return { vector, digest };
}

/** A request signed as a kiosk would sign it, to be sent to any hub instance. */
/** The hub rounds a kiosk's audit trail records: who, and how many changes went up and were applied here. */
function hubRounds(core: Core) {
  const rows = core.ctx.db
    .prepare("SELECT actor, counts FROM audit WHERE action = 'sync.hub.round' ORDER BY seq")
    .all() as { actor: string; counts: string }[];
  return rows.map(({ actor, counts }) => {
    const { pushed, applied = 0 } = JSON.parse(counts) as { pushed: number; applied?: number };
    return { actor, pushed, applied };
  });
}

export async function signedRequest(
  eventId: string,
  action: 'status' | 'push' | 'pull',
  secret: string,
  time: number,
  body: Uint8Array = new Uint8Array(0),
  nonce = randomUUID().replace(/-/g, ''),
) {
  const path = `/hub/v1/events/${eventId}/${action}`;
  const key = await hubKey(secret, eventId);
  const device = 'fedcba9876543210';
  const signature = requestSignature(key, { method: 'POST', path, time: String(time), device, nonce, body });
  const headers = {
    [hubHeaders.time]: String(time),
    [hubHeaders.device]: device,
    [hubHeaders.nonce]: nonce,
    [hubHeaders.signature]: signature,
  };
  return (url: string) => fetch(new URL(path, url), { method: 'POST', headers, body: new Uint8Array(body) });
}

/** A well-formed bundle of no changes, sealed with the event passphrase and signed by a key made for it. */
async function emptyBundle(eventId: string, device: string): Promise<Buffer> {
  const pair = generateKeyPairSync('ed25519');
  return seal({
    eventId,
    device,
    publicKey: pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    passphrase,
    json: JSON.stringify({ format: 1, eventId, changes: [] }),
    now: new Date(start),
    sign: (bytes) => sign(null, bytes, pair.privateKey),
  });
}
