import { createHash } from 'node:crypto';
import type { Db } from '../db/driver';
import { prepared } from '../db/statements';
import type { AuditVerification } from './schema';

/** Marks a restore entry whose backup's trail was not this device's: the chain goes on from the backup's. */
export const restartedChain = 'restarted';

/** What one entry says: who (an id and a role), on which device, did what, to which records, how many. */
export interface AuditFacts {
  at: string;
  device: string;
  actor: string;
  role: string;
  action: string;
  ids: Record<string, string>;
  counts: Record<string, number>;
}

export interface AuditRow {
  seq: number;
  at: string;
  device: string;
  actor: string;
  role: string;
  action: string;
  ids: string;
  counts: string;
  prev_hash: string;
  hash: string;
}

export const genesis = '0'.repeat(64);
/** Where meta keeps the newest entry's seq and hash. */
export const auditHeadKey = 'audit_head';

/**
 * SHA-256 over the entry's fields in a fixed order, its sequence number and the previous entry's hash: changing any
 * field, or taking an entry out of the middle, breaks every hash after it.
 */
export function entryHash(seq: number, facts: AuditFacts, prev: string): string {
  const canonical = JSON.stringify([
    seq,
    facts.at,
    facts.device,
    facts.actor,
    facts.role,
    facts.action,
    sorted(facts.ids),
    sorted(facts.counts),
    prev,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

function sorted<T>(record: Record<string, T>): [string, T][] {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Appends one entry. Must run inside the write transaction of the action it records (dispatch does this), so the
 * action and its entry commit together or not at all. The newest seq and hash are also kept in meta, so cutting
 * entries off the end is noticed too.
 */
export function appendAudit(db: Db, facts: AuditFacts): number {
  const last = prepared(db, 'SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as
    { seq: number; hash: string } | undefined;
  const seq = (last?.seq ?? 0) + 1;
  const prev = last?.hash ?? genesis;
  const hash = entryHash(seq, facts, prev);
  insertEntry(db, {
    seq,
    ...facts,
    ids: JSON.stringify(facts.ids),
    counts: JSON.stringify(facts.counts),
    prev_hash: prev,
    hash,
  });
  prepared(
    db,
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(auditHeadKey, `${seq}:${hash}`);
  return seq;
}

/** Writes one entry as it is stored: a new one (appendAudit) or one carried over a restore (audit/backups.ts). */
export function insertEntry(db: Db, row: AuditRow): void {
  prepared(
    db,
    `INSERT INTO audit (seq, at, device, actor, role, action, ids, counts, prev_hash, hash)
     VALUES (@seq, @at, @device, @actor, @role, @action, @ids, @counts, @prev_hash, @hash)`,
  ).run(row);
}

export function factsOf(row: AuditRow): AuditFacts {
  return {
    at: row.at,
    device: row.device,
    actor: row.actor,
    role: row.role,
    action: row.action,
    ids: JSON.parse(row.ids) as Record<string, string>,
    counts: JSON.parse(row.counts) as Record<string, number>,
  };
}

/** Walks the whole chain in order and reports the first entry that does not hold together. */
export function verifyAudit(db: Db): AuditVerification {
  let expectedSeq = 1;
  let prev = genesis;
  let entries = 0;
  const restarts: AuditVerification['restarts'] = [];
  const broken = (seq: number, reason: 'changed' | 'missing' | 'truncated'): AuditVerification => ({
    entries,
    intact: false,
    firstBroken: { seq, reason },
    restarts,
  });
  for (const row of prepared(db, 'SELECT * FROM audit ORDER BY seq').iterate() as IterableIterator<AuditRow>) {
    entries += 1;
    if (row.seq !== expectedSeq || row.prev_hash !== prev) return broken(expectedSeq, 'missing');
    let facts: AuditFacts;
    try {
      facts = factsOf(row);
    } catch {
      return broken(row.seq, 'changed');
    }
    if (entryHash(row.seq, facts, prev) !== row.hash) return broken(row.seq, 'changed');
    // A restore of a backup whose trail was not this device's: what came before this entry is the backup's history.
    if (facts.action === 'backup.restore' && facts.ids.chain === restartedChain) {
      restarts.push({ seq: row.seq, at: facts.at, backup: facts.ids.backup ?? '' });
    }
    prev = row.hash;
    expectedSeq += 1;
  }
  const head = prepared(db, 'SELECT value FROM meta WHERE key = ?').pluck().get(auditHeadKey) as string | undefined;
  if (head !== undefined && head !== `${expectedSeq - 1}:${prev}`) return broken(expectedSeq, 'truncated');
  return { entries, intact: true, firstBroken: null, restarts };
}
