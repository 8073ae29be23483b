import type { z } from 'zod';
import type { Db } from '../db/driver';
import { maxTokenLength, tokenPrefix } from '../badges/token';
import { verifyBadge } from '../badges/verify';
import { prepared } from '../db/statements';
import { isErased } from '../erasure/scrub';
import { fold } from '../text/fold';
import { asUsKeys } from '../text/keyboard';
import { codeAlphabet, normaliseCode } from './code';
import type { rosterSearch, SearchHit } from './schema';
import { rosterColumns, rosterJoins, toRosterRow, type RosterRowData } from './store';

type SearchQuery = z.output<typeof rosterSearch>;
type Match = SearchHit['match'];

// Tokens as unicode61 sees them with categories 'L* N* Co M*': everything else separates words.
const separators = /[^\p{L}\p{N}\p{M}\p{Co}]+/u;

/** The FTS5 queries one search runs, in rank order; exported so the benchmark can run the very same ones raw. */
export function searchPlan(query: string): { words: string[]; exact: string; prefix: string; substring?: string } {
  const folded = fold(query);
  const words = folded.split(separators).filter((w) => w.length > 0);
  // Each word quoted, so nothing typed is read as FTS5 syntax (AND, NEAR, *, column filters).
  const exact = words.map((w) => `"${w}"`).join(' ');
  const prefix = words.map((w) => `"${w}"*`).join(' ');
  // Trigrams need three characters; shorter queries are served by the prefix index (prefix = '1 2 3').
  const substring = [...folded].length >= 3 ? `"${folded.replaceAll('"', '""')}"` : undefined;
  return substring === undefined ? { words, exact, prefix } : { words, exact, prefix, substring };
}

export const wordsSql = `
  SELECT r.id FROM participant_words w
  JOIN participants p ON p.seq = w.rowid
  JOIN registrations r ON r.participant_id = p.id AND r.event_id = ?
  WHERE participant_words MATCH ? LIMIT ?`;

export const substringSql = `
  SELECT r.id FROM participant_text t
  JOIN participants p ON p.seq = t.rowid
  JOIN registrations r ON r.participant_id = p.id AND r.event_id = ?
  WHERE participant_text MATCH ? LIMIT ?`;

// An erased person is found by no part of what was theirs, their badge's code included.
export const codeSql = `
  SELECT r.id FROM registrations r JOIN participants p ON p.id = r.participant_id
  WHERE r.event_id = ? AND r.code >= ? AND r.code < ? AND p.erased_at IS NULL LIMIT ?`;

/** The roster lines of the people found, with their check-in for the session. */
export const hitsSql = `SELECT ${rosterColumns}, p.sort_name ${rosterJoins} WHERE r.id IN (SELECT value FROM json_each(@ids))`;

/**
 * Finds people on an event's roster as staff type or scan: a badge's signed token, the check-in code, then whole
 * words, then word beginnings, then any part of a name, organisation or email (three characters or more). Each kind of match is one indexed
 * query that stops at `limit`, so a one-letter query over 100,000 people costs no more than a full name.
 * Within a kind, people are listed by name.
 */
export function searchRoster(db: Db, input: SearchQuery): SearchHit[] {
  const plan = searchPlan(input.query);
  const found = new Map<string, Match>();
  const add = (ids: string[], match: Match) => {
    for (const id of ids) if (found.size < input.limit && !found.has(id)) found.set(id, match);
  };
  const ids = (sql: string, ...params: (string | number)[]) =>
    prepared(db, sql)
      .pluck()
      .all(...params) as string[];

  const scanned = asUsKeys(input.query.trim());
  if (scanned.startsWith(tokenPrefix)) return badgeHit(db, input, scanned);
  const code = normaliseCode(input.query);
  if (code) add(ids(codeSql, input.eventId, code, `${code}~`, 1), 'exact');
  const codeStart = codePrefix(input.query);
  if (codeStart) add(ids(codeSql, input.eventId, codeStart, `${codeStart}~`, input.limit), 'prefix');
  if (plan.words.length > 0) {
    add(ids(wordsSql, input.eventId, plan.exact, input.limit), 'exact');
    if (found.size < input.limit) add(ids(wordsSql, input.eventId, plan.prefix, input.limit), 'prefix');
  }
  if (plan.substring && found.size < input.limit) {
    add(ids(substringSql, input.eventId, plan.substring, input.limit), 'substring');
  }
  return hits(db, found, input.sessionId);
}

/**
 * A badge's QR holds the signed token, and a USB scanner types it into the desk's search box like any text: it finds
 * exactly its owner once verified, and a refused one answers invalid_badge with its reason (forged, revoked...).
 * The desk searches as keys arrive, so a token still being typed finds no one rather than being called malformed.
 */
function badgeHit(db: Db, input: SearchQuery, token: string): SearchHit[] {
  if (token.length < maxTokenLength) return [];
  const registration = verifyBadge(db, input.eventId, token);
  if (isErased(db, registration.participantId)) return [];
  return hits(db, new Map([[registration.id, 'exact']]), input.sessionId);
}

/** The roster lines of the registrations found, best kind of match first, then by name. */
function hits(db: Db, found: Map<string, Match>, sessionId: string | undefined): SearchHit[] {
  if (found.size === 0) return [];
  const rows = prepared(db, hitsSql).all({
    ids: JSON.stringify([...found.keys()]),
    session: sessionId ?? '',
  }) as (RosterRowData & {
    sort_name: string;
  })[];
  const rank: Record<Match, number> = { exact: 0, prefix: 1, substring: 2 };
  return rows
    .map((row) => ({ row, match: found.get(row.registration_id) ?? 'substring' }))
    .sort(
      (a, b) =>
        rank[a.match] - rank[b.match] ||
        (a.row.sort_name < b.row.sort_name ? -1 : a.row.sort_name > b.row.sort_name ? 1 : 0),
    )
    .map(({ row, match }) => ({ ...toRosterRow(row), match }));
}

/**
 * The start of a check-in code, when the query can only be one: 4 to 7 code symbols with at least one digit
 * (names have none), so typing "ANNA" does not list four random badges above Anna.
 */
function codePrefix(query: string): string | null {
  const text = query.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (text.length < 4 || text.length > 7 || !/\d/.test(text)) return null;
  return [...text].every((c) => codeAlphabet.includes(c)) ? text : null;
}
