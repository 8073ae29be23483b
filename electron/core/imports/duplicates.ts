import type { Db } from '../db/driver';
import { prepared } from '../db/statements';
import { validationMessages } from '../api/errors';
import { matchingPeople } from '../participants/duplicates';
import type { DuplicateKeys } from '../participants/duplicate-keys';
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

/** Checks a file's rows against the roster: whether a row's code is taken, and whom on the roster it may be. */
export interface RosterCheck {
  codeTaken(row: PreparedRow): boolean;
  matches(row: PreparedRow): RosterMatch[];
}

/** Participants read per slice of the roster's keys: a few milliseconds of the main thread each. */
const keySlice = 5000;

/**
 * How a file of `rows` rows is best checked against the roster. Asking the database costs a query or two per row: 100,000 rows
 * took the main thread most of a second, even against an empty roster. When the roster is not much larger than the
 * file, its keys (emails, folded names with their country, the event's codes) are read first, slice by slice with
 * `pause` between slices; a row none of whose keys is among them cannot match anyone, and only the others are asked
 * about, by the same queries as before. Either way the answers are exactly the queries' answers.
 */
export async function rosterCheck(
  db: Db,
  eventId: string,
  rows: number,
  pause: () => Promise<void>,
): Promise<RosterCheck> {
  const byQuery: RosterCheck = {
    codeTaken: (row) => codeTaken(db, eventId, row),
    matches: (row) => rosterMatches(db, eventId, row),
  };
  // The highest local number is never below the number of people, and costs one index step to read.
  const people = (prepared(db, 'SELECT coalesce(max(seq), 0) FROM participants').pluck().get() as number) ?? 0;
  if (people > 2 * rows) return byQuery;
  const keys = await rosterKeys(db, eventId, pause);
  return {
    codeTaken: (row) => row.create?.code !== undefined && keys.codes.has(row.create.code) && byQuery.codeTaken(row),
    matches: (row) => (mayMatch(keys, row.keys) ? byQuery.matches(row) : []),
  };
}

interface RosterKeys {
  emails: Set<string>;
  /** Folded name and country, as `nameKey` writes them. */
  names: Set<string>;
  codes: Set<string>;
}

const surrogate = /[\ud800-\udfff]/;

const nameKey = (name: string, country: string) => `${name}\u0000${country}`;

async function rosterKeys(db: Db, eventId: string, pause: () => Promise<void>): Promise<RosterKeys> {
  const keys: RosterKeys = { emails: new Set(), names: new Set(), codes: new Set() };
  const people = prepared(
    db,
    'SELECT seq, email, sort_name, country FROM participants WHERE seq > ? ORDER BY seq LIMIT ?',
  );
  for (let after = 0; ;) {
    const slice = people.all(after, keySlice) as {
      seq: number;
      email: string | null;
      sort_name: string;
      country: string;
    }[];
    for (const person of slice) {
      if (person.email !== null) keys.emails.add(person.email);
      keys.names.add(nameKey(person.sort_name, person.country));
    }
    if (slice.length < keySlice) break;
    after = slice[slice.length - 1]?.seq ?? after;
    await pause();
  }
  const codes = prepared(
    db,
    'SELECT code FROM registrations WHERE event_id = ? AND code > ? ORDER BY code LIMIT ?',
  ).pluck();
  for (let after = ''; ;) {
    const slice = codes.all(eventId, after, keySlice) as string[];
    for (const code of slice) keys.codes.add(code);
    if (slice.length < keySlice) break;
    after = slice[slice.length - 1] ?? after;
    await pause();
  }
  return keys;
}

/**
 * Whether the roster holds any key matchingPeople (participants/duplicates.ts) would find this row by. Text with a
 * surrogate (an emoji, a rare Han character, or half of one) is always asked about: only well-formed text compares
 * in JavaScript exactly as its stored form compares in SQL.
 */
function mayMatch(keys: RosterKeys, row: DuplicateKeys | null): boolean {
  if (!row) return false;
  const { email, names, country } = row;
  if (email && (keys.emails.has(email) || surrogate.test(email))) return true;
  if (!names || !country) return false;
  const [familyFirst, givenFirst] = names;
  return (
    keys.names.has(nameKey(familyFirst, country)) ||
    keys.names.has(nameKey(givenFirst, country)) ||
    // Both orders hold the same characters; a country is two letters (the contract's own check).
    surrogate.test(familyFirst)
  );
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
