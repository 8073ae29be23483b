import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { hubHeaders, hubKey, requestSignature } from '../../../electron/core/sync/hub-auth';
import { eventState } from '../../../electron/core/sync/scope';
import { close, listen } from '../../../electron/server/http';
import { createHubServer, sqliteHubStore } from '../../../electron/server/hub';
import { HubError, syncWithHub } from '../../../electron/server/hub-client';
import { changeCount } from '../helpers';
import { addPerson, checkIn, content, passphrase, replica, seedEvent, start } from './replicas';

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await close(server);
});

async function startHub(now: () => number = () => start) {
  const hub = replica(0);
  const server = createHubServer({ store: sqliteHubStore(hub.core), passphrase, now });
  servers.push(server);
  const url = await listen(server, 0, '127.0.0.1');
  return { hub, url: url.href };
}

describe('sync hub', () => {
  it('brings two kiosks that checked different people in offline to the same state through the hub', async () => {
    const { hub, url } = await startHub();
    const k1 = replica(0);
    const k2 = replica(0);
    const { eventId, sessionIds } = await seedEvent(k1.core);
    const amina = await addPerson(k1.core, eventId, 'Otieno');
    const first = await syncWithHub(k1.core, { url, eventId, passphrase });
    expect(first.identical).toBe(true);
    expect((await syncWithHub(k2.core, { url, eventId, passphrase })).identical).toBe(true);
    // Offline: each kiosk checks someone in, one of them a walk-in only it knows.
    const walkIn = await addPerson(k2.core, eventId, 'Begić');
    await checkIn(k1.core, sessionIds[0]!, amina.registration.id);
    await checkIn(k2.core, sessionIds[0]!, walkIn.registration.id);
    await syncWithHub(k1.core, { url, eventId, passphrase });
    await syncWithHub(k2.core, { url, eventId, passphrase });
    const last = await syncWithHub(k1.core, { url, eventId, passphrase });
    expect(last.identical).toBe(true);
    expect(content(k1.core, eventId)).toEqual(content(k2.core, eventId));
    expect(content(hub.core, eventId)).toEqual(content(k1.core, eventId));
    const attendance = k2.core.ctx.db.prepare('SELECT count(*) FROM attendance').pluck().get();
    expect(attendance).toBe(2);
    // A round with nothing new sends nothing up and applies nothing.
    const idle = await syncWithHub(k2.core, { url, eventId, passphrase });
    expect(idle).toMatchObject({ pushed: 0, pulled: { applied: 0 }, identical: true });
  });

  it('refuses requests that are unsigned, signed with another passphrase, stale or replayed, changing nothing', async () => {
    const { hub, url } = await startHub();
    const k1 = replica(0);
    const { eventId } = await seedEvent(k1.core);
    await syncWithHub(k1.core, { url, eventId, passphrase });
    const before = { changes: changeCount(hub.core), digest: eventState(hub.core.ctx.db, eventId).digest };
    const path = `/hub/v1/events/${eventId}/status`;

    expect((await fetch(new URL(path, url), { method: 'POST' })).status).toBe(401);
    const signed = async (secret: string, time: number, nonce = randomUUID().replace(/-/g, '')) => {
      const key = await hubKey(secret, eventId);
      const body = new Uint8Array(0);
      const device = k1.core.ctx.device;
      const signature = requestSignature(key, { method: 'POST', path, time: String(time), device, nonce, body });
      const headers = {
        [hubHeaders.time]: String(time),
        [hubHeaders.device]: device,
        [hubHeaders.nonce]: nonce,
        [hubHeaders.signature]: signature,
      };
      return () => fetch(new URL(path, url), { method: 'POST', headers, body });
    };
    expect((await (await signed('another passphrase entirely', start))()).status).toBe(401);
    expect((await (await signed(passphrase, start - 10 * 60_000))()).status).toBe(401);
    const once = await signed(passphrase, start);
    expect((await once()).status).toBe(200);
    expect((await once()).status).toBe(401);
    // A kiosk with the wrong passphrase gets a clear error, and the hub is unchanged.
    const stranger = replica(0);
    const error = await syncWithHub(stranger.core, { url, eventId, passphrase: 'not the event passphrase' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HubError);
    expect(changeCount(hub.core)).toBe(before.changes);
    expect(eventState(hub.core.ctx.db, eventId).digest).toBe(before.digest);
  });

  it('answers only its own endpoints', async () => {
    const { url } = await startHub();
    expect((await fetch(new URL('/api/event.list', url), { method: 'POST' })).status).toBe(404);
    expect((await fetch(new URL(`/hub/v1/events/${randomUUID()}/status`, url))).status).toBe(405);
  });
});
