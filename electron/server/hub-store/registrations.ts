import type pg from 'pg';
import { conflict } from '../../core/api/errors';
import { codeClash, personClash } from '../../core/sync/clash';
import type { SyncChange } from '../../core/sync/schema';

/**
 * The PostgreSQL hub's side of a replica's UNIQUE indexes on registrations (one check-in code per event, one
 * registration per person and event; db/migrations/0003-participants.ts). The hub keeps no tables, so
 * hub_registrations (migrations/0002) holds what those indexes look at: each registration's current code and person
 * by the merge rules (each field's newest change), with the timestamp of the change that set it.
 *
 * A push is judged twice, both inside its transaction:
 * - replayed oldest first against the rows it touches, as applyChanges applies it on a replica, so a push a replica
 *   would refuse midway (a code taken before the change moving it away, in timestamp order) is refused here too,
 *   rather than accepted and then refused by every kiosk that pulls it;
 * - then written with last-writer-wins upserts under unique constraints. These, not a lock and a query, are what
 *   make several hub processes safe: PostgreSQL makes the second of two transactions writing one key wait for the
 *   first to commit and then fail, so two clashing pushes on two instances can never both commit, and no code path
 *   can forget to take a lock.
 */
export async function projectRegistrations(
  client: pg.PoolClient,
  eventId: string,
  ordered: readonly SyncChange[],
): Promise<void> {
  const changes = ordered.filter((c) => c.entity === 'registration');
  if (changes.length === 0) return;
  const ids = [...new Set(changes.map((c) => c.id))];
  const codes = [...new Set(changes.map((c) => c.fields.code).filter((v) => typeof v === 'string'))];
  const people = [...new Set(changes.map((c) => c.fields.participant_id).filter((v) => typeof v === 'string'))];
  const held = await client.query<Projected>(
    `SELECT registration_id, code, code_hlc, participant_id, participant_hlc FROM hub_registrations
     WHERE event_id = $1 AND (registration_id = ANY($2::text[]) OR code = ANY($3::text[])
       OR participant_id = ANY($4::text[]))`,
    [eventId, ids, codes, people],
  );
  const rows = replay(held.rows, changes);
  try {
    await client.query(
      `INSERT INTO hub_registrations AS r (event_id, registration_id, code, code_hlc, participant_id, participant_hlc)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
       ON CONFLICT (event_id, registration_id) DO UPDATE SET
         code = CASE WHEN ${newer('code_hlc')} THEN excluded.code ELSE r.code END,
         code_hlc = CASE WHEN ${newer('code_hlc')} THEN excluded.code_hlc ELSE r.code_hlc END,
         participant_id = CASE WHEN ${newer('participant_hlc')} THEN excluded.participant_id ELSE r.participant_id END,
         participant_hlc = CASE WHEN ${newer('participant_hlc')} THEN excluded.participant_hlc ELSE r.participant_hlc END`,
      [
        eventId,
        rows.map((r) => r.registration_id),
        rows.map((r) => r.code),
        rows.map((r) => r.code_hlc),
        rows.map((r) => r.participant_id),
        rows.map((r) => r.participant_hlc),
      ],
    );
  } catch (error) {
    const index = indexOf(error);
    if (index) throw clash(index, index === 'code' ? keyValue(error) : undefined);
    throw error;
  }
}

/** A row of hub_registrations: a field's value is null when no change set it (or, from the backfill, it lost). */
export interface Projected {
  registration_id: string;
  code: string | null;
  code_hlc: string | null;
  participant_id: string | null;
  participant_hlc: string | null;
}

type Index = 'code' | 'participant';

/** Worded as a replica words it (sync/clash.ts), so a kiosk refused by either hub or a peer reads the same reason. */
function clash(index: Index, code: string | undefined) {
  return conflict(index === 'code' ? codeClash(code, 'on the hub') : personClash(code, 'on the hub'));
}

/**
 * The code a unique violation names: a second hub instance committed the same code first, so the clash is only seen
 * here, after the replay found none. PostgreSQL's detail reads `Key (event_id, code)=(…, ABCD2345) already exists.`
 */
function keyValue(error: unknown): string | undefined {
  const detail = (error as { detail?: unknown }).detail;
  return typeof detail === 'string' ? /\)=\([^,]*, ([^)]*)\)/.exec(detail)?.[1] : undefined;
}

const fields = {
  code: { value: 'code', hlc: 'code_hlc', change: 'code' },
  participant: { value: 'participant_id', hlc: 'participant_hlc', change: 'participant_id' },
} as const;

/**
 * Applies registration changes (oldest first) to the rows they touch as a replica would: a field is set only by a
 * change newer than the one that set it last, and setting it to a value another registration holds is a clash,
 * thrown as `conflict`. Answers the touched registrations as they end, sorted by id, so two pushes upserting the
 * same registrations lock them in the same order.
 */
export function replay(held: readonly Projected[], changes: readonly SyncChange[]): Projected[] {
  const rows = new Map(held.map((r) => [r.registration_id, { ...r }]));
  const holders: Record<Index, Map<string, string>> = { code: new Map(), participant: new Map() };
  for (const row of held) {
    for (const index of ['code', 'participant'] as const) {
      const value = row[fields[index].value];
      if (value !== null) holders[index].set(value, row.registration_id);
    }
  }
  const touched = new Set<string>();
  for (const change of changes) {
    const row = rows.get(change.id) ?? {
      registration_id: change.id,
      code: null,
      code_hlc: null,
      participant_id: null,
      participant_hlc: null,
    };
    for (const index of ['code', 'participant'] as const) {
      const { value: column, hlc: hlcColumn, change: field } = fields[index];
      const value = change.fields[field];
      const last = row[hlcColumn];
      if (typeof value !== 'string' || (last !== null && change.hlc <= last)) continue;
      const holder = holders[index].get(value);
      if (holder !== undefined && holder !== change.id) {
        throw clash(index, index === 'code' ? value : (rows.get(holder)?.code ?? undefined));
      }
      const previous = row[column];
      if (previous !== null && holders[index].get(previous) === change.id) holders[index].delete(previous);
      holders[index].set(value, change.id);
      row[column] = value;
      row[hlcColumn] = change.hlc;
    }
    rows.set(change.id, row);
    touched.add(change.id);
  }
  return [...touched]
    .sort()
    .map((id) => rows.get(id))
    .filter((r): r is Projected => r !== undefined);
}

/** Whether the incoming change to a field is newer than the hub's (a field the push does not set never is). */
function newer(column: 'code_hlc' | 'participant_hlc'): string {
  return `(excluded.${column} IS NOT NULL AND (r.${column} IS NULL OR excluded.${column} > r.${column}))`;
}

/** Which of hub_registrations' unique constraints an error broke, if it is such an error. */
function indexOf(error: unknown): Index | undefined {
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  if (code !== '23505') return undefined;
  if (constraint === 'hub_registrations_code') return 'code';
  if (constraint === 'hub_registrations_participant') return 'participant';
  return undefined;
}
