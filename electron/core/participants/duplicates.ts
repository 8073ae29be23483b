import type { z } from 'zod';
import type { Db } from '../db/driver';
import { prepared } from '../db/statements';
import { duplicateKeys, type DuplicateKeys } from './duplicate-keys';
import type { duplicate, duplicateQuery } from './schema';
import { registrationsOf, toParticipant, type ParticipantRow } from './store';

type Reason = 'email' | 'name_country';

/**
 * People already in the database who may be the one described by `keys`: the same email, or the same folded name
 * (either order) from the same country. Its statements are prepared once: an import asks this for every row.
 */
export function matchingPeople(
  db: Db,
  keys: DuplicateKeys,
  excludeId?: string,
): { row: ParticipantRow; reasons: Reason[] }[] {
  const found = new Map<string, { row: ParticipantRow; reasons: Reason[] }>();
  const note = (rows: ParticipantRow[], reason: Reason) => {
    for (const row of rows) {
      if (row.id === excludeId) continue;
      const entry = found.get(row.id) ?? { row, reasons: [] };
      entry.reasons.push(reason);
      found.set(row.id, entry);
    }
  };
  if (keys.email) {
    note(
      prepared(db, 'SELECT * FROM participants WHERE email = ? LIMIT 20').all(keys.email) as ParticipantRow[],
      'email',
    );
  }
  if (keys.names && keys.country) {
    const sql = 'SELECT * FROM participants WHERE sort_name IN (?, ?) AND country = ? LIMIT 20';
    note(prepared(db, sql).all(keys.names[0], keys.names[1], keys.country) as ParticipantRow[], 'name_country');
  }
  return [...found.values()];
}

/**
 * The walk-in form's check before saving, so staff can pick the existing person instead of registering them twice.
 */
export function findDuplicates(db: Db, query: z.output<typeof duplicateQuery>): z.input<typeof duplicate>[] {
  return matchingPeople(db, duplicateKeys(query), query.excludeId).map(({ row, reasons }) => ({
    participant: toParticipant(row),
    reasons,
    registrations: registrationsOf(db, row.id),
  }));
}
