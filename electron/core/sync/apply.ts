import type { SqlValue } from '../changes/write';
import type { Db } from '../db/driver';
import { forgetPerson, purgeSearchText } from '../erasure/erase';
import { isErasure, scrubIncoming } from '../erasure/scrub';
import { prepared } from '../db/statements';
import { appendOnly, syncedEntities } from './entities';
import type { SyncChange } from './schema';
import { deviceOf } from './scope';

export interface ApplyResult {
  /** Changes new to this replica, now in its log (whether or not a newer local change kept some of their fields). */
  applied: number;
  /** Changes this replica already had: applying them again changes nothing. */
  duplicates: number;
  /** Erasures new to this replica: the caller empties the WAL after the commit (erasure/erase.ts). */
  erased: number;
}

/**
 * Applies a peer's change records with the merge rules (README, "Sync: merge rules"), in the caller's write
 * transaction, so a bundle lands whole or not at all:
 * - A change already here (same record, same timestamp; the timestamp ends in its device) is skipped.
 * - Facts only ever created (check-ins, badge prints) are inserted when their id is new: two kiosks' check-ins of
 *   one person are both kept, and the attendance projection counts them.
 * - Any other record takes each field from the change with the newest timestamp that set it: an incoming field is
 *   written only if no change here newer than it set the same field.
 * Every applied change is appended to the log with its original timestamp and device, so it can be forwarded and the
 * digest counts it. Changes are applied oldest first, so a record's creation precedes its edits and children.
 */
export function applyChanges(db: Db, changes: readonly SyncChange[]): ApplyResult {
  if (!db.inTransaction) throw new Error('Sync applies changes inside a write transaction.');
  const ordered = [...changes].sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
  let applied = 0;
  let duplicates = 0;
  let erased = 0;
  for (const received of ordered) {
    // An erased person's personal fields never land, here or in the log (erasure/scrub.ts).
    const change = scrubIncoming(db, received);
    const entity = syncedEntities[change.entity];
    if (!entity) throw new Error(`Unknown entity ${change.entity}.`);
    const fields = Object.entries(change.fields) as [string, SqlValue][];
    if (appendOnly.has(change.entity)) {
      // The fact's own primary key says whether it is here; its change record came with it in the same transaction.
      if (prepared(db, `SELECT 1 FROM ${entity.table} WHERE id = ?`).get(change.id) !== undefined) {
        duplicates += 1;
        continue;
      }
      insertRow(db, entity.table, change.id, fields);
    } else {
      // Served by changes_by_record (partial: the WHERE must exclude check-ins for SQLite to use it).
      const later = prepared(
        db,
        "SELECT hlc, fields FROM changes WHERE entity = ? AND entity_id = ? AND hlc >= ? AND entity != 'checkin'",
      ).all(change.entity, change.id, change.hlc) as { hlc: string; fields: string }[];
      if (later.some((row) => row.hlc === change.hlc)) {
        duplicates += 1;
        continue;
      }
      const taken = new Set<string>();
      for (const row of later) for (const field of Object.keys(JSON.parse(row.fields) as object)) taken.add(field);
      const winning = fields.filter(([field]) => !taken.has(field));
      const updated = winning.length
        ? prepared(db, `UPDATE ${entity.table} SET ${winning.map(([f]) => `${f} = ?`).join(', ')} WHERE id = ?`).run(
            ...winning.map(([, v]) => v),
            change.id,
          ).changes
        : (prepared(db, `SELECT count(*) FROM ${entity.table} WHERE id = ?`).pluck().get(change.id) as number);
      if (updated === 0) insertRow(db, entity.table, change.id, winning);
    }
    prepared(db, 'INSERT INTO changes (hlc, device_id, entity, entity_id, fields) VALUES (?, ?, ?, ?, ?)').run(
      change.hlc,
      deviceOf(change.hlc),
      change.entity,
      change.id,
      JSON.stringify(change.fields),
    );
    applied += 1;
    if (isErasure(change)) {
      forgetPerson(db, change.id);
      erased += 1;
    }
  }
  if (erased > 0) purgeSearchText(db);
  return { applied, duplicates, erased };
}

function insertRow(db: Db, table: string, id: string, fields: [string, SqlValue][]): void {
  const columns = fields.map(([f]) => `, ${f}`).join('');
  prepared(db, `INSERT INTO ${table} (id${columns}) VALUES (?${fields.map(() => ', ?').join('')})`).run(
    id,
    ...fields.map(([, v]) => v),
  );
}
