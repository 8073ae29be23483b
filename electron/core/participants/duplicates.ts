import type { z } from 'zod';
import type { Db } from '../db/driver';
import { fold } from '../text/fold';
import type { duplicate, duplicateQuery } from './schema';
import { registrationsOf, toParticipant, type ParticipantRow } from './store';

type Reason = 'email' | 'name_country';

/**
 * People already in the database who may be the one being registered: the same email, or the same name (folded,
 * in either order, since given and family names are often swapped on forms) from the same country. The walk-in
 * form shows them before saving so staff can pick the existing person instead.
 */
export function findDuplicates(db: Db, query: z.output<typeof duplicateQuery>): z.input<typeof duplicate>[] {
  const reasons = new Map<string, { row: ParticipantRow; reasons: Reason[] }>();
  const note = (rows: ParticipantRow[], reason: Reason) => {
    for (const row of rows) {
      if (row.id === query.excludeId) continue;
      const entry = reasons.get(row.id) ?? { row, reasons: [] };
      entry.reasons.push(reason);
      reasons.set(row.id, entry);
    }
  };
  if (query.email) {
    note(
      db.prepare('SELECT * FROM participants WHERE email = ? LIMIT 20').all(query.email) as ParticipantRow[],
      'email',
    );
  }
  const familyFirst = fold(`${query.familyName} ${query.givenNames}`);
  const givenFirst = fold(`${query.givenNames} ${query.familyName}`);
  if (query.country && (query.familyName || query.givenNames)) {
    const byName = db
      .prepare('SELECT * FROM participants WHERE sort_name IN (?, ?) AND country = ? LIMIT 20')
      .all(familyFirst, givenFirst, query.country) as ParticipantRow[];
    note(byName, 'name_country');
  }
  return [...reasons.values()].map(({ row, reasons: why }) => ({
    participant: toParticipant(row),
    reasons: why,
    registrations: registrationsOf(db, row.id),
  }));
}
