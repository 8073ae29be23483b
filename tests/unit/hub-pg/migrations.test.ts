import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { MusterError } from '../../../electron/core/api/errors';
import { eventChanges } from '../../../electron/core/sync/scope';
import { exportBundle } from '../../../electron/core/sync/sync';
import { migrate, quoteIdent } from '../../../electron/server/hub-store/migrate';
import { hubChanges } from '../../../electron/server/hub-store/migrations/0001-hub-changes';
import type { Core } from '../../../electron/core/context';
import { ok } from '../helpers';
import { addPerson, deliver, passphrase, replica, seedEvent } from '../sync/replicas';
import { describePostgres, freshSchema, pgStore } from './postgres';

const pools: pg.Pool[] = [];
afterEach(async () => {
  for (const pool of pools.splice(0)) await pool.end();
});

function poolOn(url: string, schema: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 2, options: `-c search_path=${quoteIdent(schema)}` });
  pools.push(pool);
  return pool;
}

/** Stores a kiosk's changes of the event as a hub before migration 2 stored an accepted push: rows, nothing else. */
async function storeAsBefore(pool: pg.Pool, core: Core, eventId: string): Promise<void> {
  const rows = eventChanges(core.ctx.db, eventId);
  await pool.query(
    `INSERT INTO hub_changes (event_id, hlc, device_id, entity, entity_id, fields)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) ON CONFLICT DO NOTHING`,
    [
      eventId,
      rows.map((r) => r.hlc),
      rows.map((r) => r.device_id),
      rows.map((r) => r.entity),
      rows.map((r) => r.entity_id),
      rows.map((r) => r.fields),
    ],
  );
}

interface Projected {
  registration_id: string;
  code: string | null;
  participant_id: string | null;
}

describePostgres('PostgreSQL hub migration 2: hub registrations', (url) => {
  it('backfills each registration’s current code and person from the changes held, and a second start does nothing', async () => {
    const schema = freshSchema();
    const pool = poolOn(url, schema);
    expect(await migrate(pool, schema, [hubChanges])).toEqual([1]);

    const k1 = replica(0);
    const k2 = replica(0);
    const { eventId } = await seedEvent(k1.core);
    await deliver(k1.core, k2.core, eventId);
    // Her badge was reissued: the code that counts is the newest, not the one she was registered with.
    const otieno = await addPerson(k1.core, eventId, 'Otieno', { code: 'ABCD2345' });
    k1.setTime(1000);
    const reissued = await ok(k1.core, 'badge.reissue', { registrationId: otieno.registration.id });
    const wanjiru = await addPerson(k1.core, eventId, 'Wanjiru', { code: 'BCDE3456' });
    // Offline, another desk gave out her old code (free by the merge rules) and, later, Wanjiru's (a clash the hub
    // took before it checked).
    k2.setTime(2000);
    const begic = await addPerson(k2.core, eventId, 'Begić', { code: 'ABCD2345' });
    const late = await addPerson(k2.core, eventId, 'Yusupova', { code: 'BCDE3456' });
    await storeAsBefore(pool, k1.core, eventId);
    await storeAsBefore(pool, k2.core, eventId);
    const held = (await pool.query('SELECT count(*)::int AS n FROM hub_changes')).rows[0] as { n: number };

    expect(await migrate(pool, schema)).toEqual([2]);
    const projected = async () =>
      new Map(
        (
          await pool.query<Projected>(
            'SELECT registration_id, code, participant_id FROM hub_registrations ORDER BY registration_id',
          )
        ).rows.map((r) => [r.registration_id, r]),
      );
    const rows = await projected();
    expect(rows.size).toBe(4);
    expect(rows.get(otieno.registration.id)).toMatchObject({
      code: reissued.code.replace('-', ''),
      participant_id: otieno.participant.id,
    });
    expect(rows.get(begic.registration.id)?.code).toBe('ABCD2345');
    // Of the clash already held, the earlier claim keeps the code; the later keeps its person but no code.
    expect(rows.get(wanjiru.registration.id)?.code).toBe('BCDE3456');
    expect(rows.get(late.registration.id)).toMatchObject({ code: null, participant_id: late.participant.id });
    // The changes themselves are untouched.
    expect((await pool.query('SELECT count(*)::int AS n FROM hub_changes')).rows[0]).toEqual(held);

    // A second start (or a second hub) finds nothing to do and changes nothing.
    expect(await migrate(pool, schema)).toEqual([]);
    expect(await projected()).toEqual(rows);

    // A hub on the migrated database starts despite the old clash, takes a clash-free push, and refuses a new clash
    // with what it backfilled.
    const store = await pgStore(url, { schema });
    try {
      const push = async (core: Core) => {
        const hub = await store.status(eventId);
        const { bytes } = await exportBundle(core.ctx, { eventId, passphrase, since: hub?.vector });
        return store.push(eventId, bytes, passphrase);
      };
      const k3 = replica(0);
      await deliver(k1.core, k3.core, eventId);
      await addPerson(k3.core, eventId, 'Haidari', { code: 'CDEF4567' });
      expect((await push(k3.core)).applied).toBe(2);
      const k4 = replica(0);
      const before = await store.status(eventId);
      await deliver(k3.core, k4.core, eventId);
      // k4 never saw k2's walk-in, so the old code looks free to it.
      expect(k4.core.ctx.db.prepare("SELECT count(*) FROM registrations WHERE code = 'ABCD2345'").pluck().get()).toBe(
        0,
      );
      await addPerson(k4.core, eventId, 'Nguyen', { code: 'ABCD2345' });
      const refused = await push(k4.core).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(MusterError);
      expect(refused).toMatchObject({ code: 'conflict' });
      expect(await store.status(eventId)).toEqual(before);
    } finally {
      await store.close();
    }
  });
});
