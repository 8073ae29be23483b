import type { Db } from '../db/driver';
import { prepared } from '../db/statements';
import { validationMessages } from '../api/errors';
import { matchingPeople } from '../participants/duplicates';
import { codeInUse } from '../participants/store';
import type { PreparedRow, RosterMatch } from './rows';

/**
 * Rows that repeat an earlier row of the same file, by the participants domain's rule (same email, or same folded
 * name in either order and same country), and check-in codes given twice. The first row stays; later ones point
 * at it. Runs in the worker, over rows that passed their checks; a match on the roster, found afterwards on the
 * main thread, replaces a repeat.
 */
export function markFileDuplicates(rows: PreparedRow[]): void {
  const byEmail = new Map<string, number>();
  const byName = new Map<string, number>();
  const byCode = new Map<string, number>();
  for (const row of rows) {
    if (!row.keys || !row.create) continue;
    const code = row.create.code;
    if (code !== undefined) {
      const first = byCode.get(code);
      if (first !== undefined) {
        row.errors.push({
          field: 'code',
          key: 'codeRepeated',
          message: `${validationMessages.codeRepeated} (Row ${first}.)`,
        });
        row.create = null;
        continue;
      }
      byCode.set(code, row.row);
    }
    const { email, names, country } = row.keys;
    const nameKeys = names ? names.map((n) => `${n}\u0000${country}`) : [];
    const first = (email ? byEmail.get(email) : undefined) ?? nameKeys.map((k) => byName.get(k)).find((r) => r);
    if (first !== undefined) {
      row.duplicate = { of: 'file', row: first };
      continue;
    }
    if (email) byEmail.set(email, row.row);
    for (const key of nameKeys) if (!byName.has(key)) byName.set(key, row.row);
  }
}

/** People on the roster a row may be, by the participants domain's own rule. */
export function rosterMatches(db: Db, eventId: string, row: PreparedRow): RosterMatch[] {
  if (!row.keys) return [];
  const registered = prepared(db, 'SELECT 1 FROM registrations WHERE participant_id = ? AND event_id = ?').pluck();
  return matchingPeople(db, row.keys).map(({ row: person, reasons }) => ({
    participantId: person.id,
    name: `${person.given_names} ${person.family_name}`.trim(),
    country: person.country,
    email: person.email,
    reasons,
    registered: registered.get(person.id, eventId) === 1,
  }));
}

/** A check-in code the file gives that someone registered for the event already has. */
export function codeTaken(db: Db, eventId: string, row: PreparedRow): boolean {
  const code = row.create?.code;
  return code !== undefined && codeInUse(db, eventId, code);
}
