import { generateKeyPairSync, randomBytes } from 'node:crypto';
import pg from 'pg';
import { notFound } from '../../core/api/errors';
import { defaultMaxDriftMs, parseTimestamp } from '../../core/changes/clock';
import { clockAhead } from '../../core/sync/clock-words';
import { refuse, seal, syncLimits } from '../../core/sync/bundle';
import { signBytes } from '../../core/sync/keys';
import { openBundle } from '../../core/sync/open';
import type { SqlValue } from '../../core/changes/write';
import type { SyncChange, VersionVector } from '../../core/sync/schema';
import { changeJson } from '../../core/sync/sync';
import { erasedSignature, scrubFields } from '../../core/erasure/fields';
import { isErasure } from '../../core/erasure/scrub';
import type { ChangeRow } from '../../core/sync/scope';
import { migrate, quoteIdent } from './migrate';
import { projectRegistrations } from './registrations';
import type { HubState, HubStore } from './store';

export interface PgHubOptions {
  /** postgres://USER@HOST/DB (libpq's URL form; PGPASSWORD and the other PG* variables apply as usual). */
  url: string;
  /** The schema holding the hub's tables (created if missing); `public` unless told. */
  schema?: string;
  /** Connections this process opens at most. */
  poolSize?: number;
  /** The hub's wall clock, for refusing a bundle from a clock too far ahead (tests move it). */
  now?: () => number;
}

/** Errors PostgreSQL asks the client to retry: deadlock detected, serialization failure. */
const retryable = new Set(['40P01', '40001']);

/**
 * The hub's store in PostgreSQL. It is not a replica: it keeps each event's change records exactly as bundles carry
 * them and builds pull bundles from them, so any number of hub processes can serve one database and none holds state
 * of its own. Every guarantee rests on PostgreSQL:
 * - a push lands in one transaction (all its changes or none), and the primary key (event, timestamp, record) makes a
 *   change uploaded twice, or by two hubs at once, a no-op (ON CONFLICT DO NOTHING waits for the other writer);
 * - rows are inserted in timestamp order, so two pushes that overlap lock the same keys in the same order;
 * - the vector, digest and pull bundle are each read by one statement, in one snapshot, so a reader sees a push
 *   entirely or not at all: a device's changes on the hub are always a prefix of its history, which is what
 *   version vectors need;
 * - a push that would give an event's check-in code, or one person's registration for it, to two registrations is
 *   refused whole, as a replica refuses it (sync.ts importBundle), by unique constraints on a projection of each
 *   registration's current code and person (registrations.ts).
 */
export async function pgHubStore(options: PgHubOptions): Promise<HubStore> {
  const schema = options.schema ?? 'public';
  const now = options.now ?? Date.now;
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    options: `-c search_path=${quoteIdent(schema)}`,
    application_name: 'muster-hub',
  });
  // An idle connection the server dropped must not crash the process; the next query opens another.
  pool.on('error', () => {});
  try {
    await migrate(pool, schema);
    const identity = await hubIdentity(pool);
    return postgresStore(pool, identity, now);
  } catch (error) {
    await pool.end();
    throw error;
  }
}

interface Identity {
  device: string;
  publicKey: string;
  privateKey: string;
}

/**
 * The device every hub process of this database signs its bundles as. Made once: the first process to get there
 * inserts it and every other reads the same row, so a kiosk sees one hub key whichever instance answers.
 */
async function hubIdentity(pool: pg.Pool): Promise<Identity> {
  const pair = generateKeyPairSync('ed25519');
  await pool.query(
    `INSERT INTO hub_identity (device_id, public_key, private_key) VALUES ($1, $2, $3) ON CONFLICT (one) DO NOTHING`,
    [
      randomBytes(8).toString('hex'),
      pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
      pair.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
    ],
  );
  const row = (
    await pool.query<{ device_id: string; public_key: string; private_key: string }>(
      'SELECT device_id, public_key, private_key FROM hub_identity',
    )
  ).rows[0];
  if (!row) throw new Error('The hub database has no identity row after creating it.');
  return { device: row.device_id, publicKey: row.public_key, privateKey: row.private_key };
}

const stateSql = `
  SELECT
    (SELECT json_object_agg(device_id, newest) FROM
       (SELECT device_id, max(hlc) AS newest FROM hub_changes WHERE event_id = $1 GROUP BY device_id) v) AS vector,
    (SELECT encode(sha256(convert_to(string_agg(hlc || E'\\n', '' ORDER BY hlc), 'UTF8')), 'hex')
       FROM hub_changes WHERE event_id = $1) AS digest`;

// What a peer with the vector $2 lacks, by the rule of sync/scope.ts changesSince: each device's changes newer than
// the peer's newest from it, plus the whole history of a person whose registration is among them.
const pullSql = `
  WITH since AS (SELECT key AS device_id, value COLLATE "C" AS newest FROM jsonb_each_text($2::jsonb)),
  newer AS (
    SELECT c.hlc, c.device_id, c.entity, c.entity_id, c.fields FROM hub_changes c
    LEFT JOIN since s ON s.device_id = c.device_id
    WHERE c.event_id = $1 AND (s.newest IS NULL OR c.hlc > s.newest)
  ),
  joined AS (
    SELECT DISTINCT fields::jsonb ->> 'participant_id' AS id FROM newer WHERE entity = 'registration'
  )
  SELECT * FROM newer
  UNION
  SELECT c.hlc, c.device_id, c.entity, c.entity_id, c.fields FROM hub_changes c
  WHERE c.event_id = $1 AND c.entity = 'participant' AND c.entity_id IN (SELECT id FROM joined WHERE id IS NOT NULL)
  ORDER BY hlc, entity, entity_id`;

function postgresStore(pool: pg.Pool, identity: Identity, now: () => number): HubStore {
  let pruned = 0;
  const status = async (eventId: string): Promise<HubState | null> => {
    const row = (await pool.query<{ vector: VersionVector | null; digest: string | null }>(stateSql, [eventId]))
      .rows[0];
    if (!row?.vector || !row.digest) return null;
    return { vector: row.vector, digest: row.digest };
  };
  return {
    status,
    async pull(eventId, since, passphrase) {
      const rows = (await pool.query<ChangeRow>(pullSql, [eventId, JSON.stringify(since ?? {})])).rows;
      const json =
        `{"format":1,"eventId":${JSON.stringify(eventId)},"changes":[` + rows.map(changeJson).join(',') + ']}';
      return seal({
        eventId,
        device: identity.device,
        publicKey: identity.publicKey,
        passphrase,
        json,
        now: new Date(now()),
        sign: (signed) => signBytes(identity.privateKey, signed),
      });
    },
    async push(eventId, bundle, passphrase) {
      // Everything that needs no database first (signature, passphrase, every change), outside any transaction.
      const { header, rows } = await openBundle({ bytes: bundle, passphrase, eventId, limits: syncLimits });
      checkClock(rows, now());
      const ordered = [...rows].sort(byRecord);
      const { applied, erased } = await transaction(pool, async (client) => {
        await client.query(
          'INSERT INTO hub_devices (device_id, public_key) VALUES ($1, $2) ON CONFLICT (device_id) DO NOTHING',
          [header.device, header.publicKey],
        );
        const known = await client.query<{ public_key: string }>(
          'SELECT public_key FROM hub_devices WHERE device_id = $1',
          [header.device],
        );
        if (known.rows[0]?.public_key !== header.publicKey) {
          throw refuse(
            'tampered',
            `The sync file claims to come from device ${header.device} but is signed by another key.`,
          );
        }
        if (!rows.some((c) => c.entity === 'event')) {
          const seen = await client.query('SELECT 1 FROM hub_changes WHERE event_id = $1 LIMIT 1', [eventId]);
          if (seen.rowCount === 0) throw notFound('Event', eventId);
        }
        const inserted = await client.query(
          `INSERT INTO hub_changes (event_id, hlc, device_id, entity, entity_id, fields)
           SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
           ON CONFLICT DO NOTHING`,
          [
            eventId,
            ordered.map((c) => c.hlc),
            ordered.map((c) => c.hlc.slice(-16)),
            ordered.map((c) => c.entity),
            ordered.map((c) => c.id),
            ordered.map((c) => JSON.stringify(c.fields)),
          ],
        );
        await projectRegistrations(client, eventId, ordered);
        const erased = await forgetErased(client, ordered);
        return { applied: inserted.rowCount ?? 0, erased };
      });
      const state = await status(eventId);
      return {
        applied,
        duplicates: rows.length - applied,
        erased,
        eventId,
        from: header.device,
        received: rows.length,
        digest: state?.digest ?? '',
      };
    },
    async firstUse(signature, at, windowMs) {
      // Old signatures are dropped at most once a minute per process; a request that old fails the time check anyway.
      if (at - pruned > 60_000) {
        pruned = at;
        await pool.query('DELETE FROM hub_requests WHERE seen_at < $1', [at - windowMs]);
      }
      const result = await pool.query(
        'INSERT INTO hub_requests (signature, seen_at) VALUES ($1, $2) ON CONFLICT DO NOTHING',
        [signature, at],
      );
      return result.rowCount === 1;
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    close: () => pool.end(),
  };
}

/** Same order for every push, so two pushes sharing changes take their row locks in the same order (no deadlock). */
function byRecord(a: SyncChange, b: SyncChange): number {
  const ka = `${a.hlc}\0${a.entity}\0${a.id}`;
  const kb = `${b.hlc}\0${b.entity}\0${b.id}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** As a replica refuses (sync.ts advanceClock): a change stamped too far in the hub's future is not taken. */
function checkClock(rows: readonly SyncChange[], at: number): void {
  let newest = -Infinity;
  let newestHlc = '';
  for (const row of rows) {
    const millis = parseTimestamp(row.hlc)?.millis ?? -Infinity;
    if (millis > newest) [newest, newestHlc] = [millis, row.hlc];
  }
  const ahead = newest - at;
  if (ahead > defaultMaxDriftMs) {
    throw refuse(
      'clock_ahead',
      clockAhead({ newest: newestHlc, aheadMs: ahead, now: at, clock: 'the hub’s clock' }),
      ahead,
    );
  }
}

/**
 * An erasure wins over every change to its person, as on every replica (erasure/scrub.ts): once a push brings one,
 * or brings changes to a person already erased here, the personal fields of all that person's stored changes (in
 * every event) and the signatures drawn at their check-ins are blanked, so no later pull hands the name out again.
 * Only fields are rewritten: the records and their timestamps stay, so the digest and the vectors are unchanged.
 */
async function forgetErased(client: pg.PoolClient, changes: readonly SyncChange[]): Promise<number> {
  const people = [...new Set(changes.filter((c) => c.entity === 'participant').map((c) => c.id))];
  if (people.length === 0) return 0;
  const erased = (
    await client.query<{ entity_id: string }>(
      `SELECT DISTINCT entity_id FROM hub_changes
       WHERE entity = 'participant' AND entity_id = ANY($1::text[]) AND (fields::jsonb ->> 'erased_at') IS NOT NULL`,
      [people],
    )
  ).rows.map((r) => r.entity_id);
  if (erased.length === 0) return 0;
  const stored = await client.query<{
    event_id: string;
    hlc: string;
    entity: string;
    entity_id: string;
    fields: string;
  }>(
    `SELECT event_id, hlc, entity, entity_id, fields FROM hub_changes
     WHERE entity = 'participant' AND entity_id = ANY($1::text[])
     UNION ALL
     SELECT s.event_id, s.hlc, s.entity, s.entity_id, s.fields FROM hub_changes s
     WHERE s.entity = 'signature' AND s.entity_id IN (
       SELECT c.entity_id FROM hub_changes c WHERE c.entity = 'checkin' AND (c.fields::jsonb ->> 'registration_id') IN (
         SELECT r.entity_id FROM hub_changes r
         WHERE r.entity = 'registration' AND (r.fields::jsonb ->> 'participant_id') = ANY($1::text[])))`,
    [erased],
  );
  for (const row of stored.rows) {
    const fields = JSON.parse(row.fields) as Record<string, SqlValue>;
    const blank =
      row.entity === 'signature' ? { ...fields, ...('png' in fields ? erasedSignature : {}) } : scrubFields(fields);
    const text = JSON.stringify(blank);
    if (text === row.fields) continue;
    await client.query(
      'UPDATE hub_changes SET fields = $5 WHERE event_id = $1 AND hlc = $2 AND entity = $3 AND entity_id = $4',
      [row.event_id, row.hlc, row.entity, row.entity_id, text],
    );
  }
  return changes.filter(isErasure).length;
}

async function transaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      const code = (error as { code?: unknown }).code;
      if (attempt < 5 && typeof code === 'string' && retryable.has(code)) continue;
      throw error;
    } finally {
      client.release();
    }
  }
}
