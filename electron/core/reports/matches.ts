import type { z } from 'zod';
import { notFound } from '../api/errors';
import { defineEntity, write } from '../changes/write';
import type { Context } from '../context';
import type { Db } from '../db/driver';
import { prepared } from '../db/statements';
import { duplicateKeys } from '../participants/duplicate-keys';
import { fold } from '../text/fold';
import type { Match, matchDecisions, matchReasons, matchSummary } from './schema';

export const personMatchEntity = defineEntity('person_match', 'person_matches', [
  'participant_a',
  'participant_b',
  'decision',
  'updated_at',
] as const);

type Decision = (typeof matchDecisions)[number];
type Reason = (typeof matchReasons)[number];

interface PersonRow {
  id: string;
  given_names: string;
  family_name: string;
  country: string;
  organisation: string;
  email: string | null;
  erased_at: string | null;
  event_ids: string;
}

/** The pair's row id: the same whichever way round staff picked the two, so both laptops write one row. */
export function pairKey(a: string, b: string): [key: string, first: string, second: string] {
  const [first, second] = a < b ? [a, b] : [b, a];
  return [`${first}|${second}`, first, second];
}

/** Every decision recorded about pairs of the given people, by pair key. */
function decisionsAmong(
  db: Db,
  participantIds: ReadonlySet<string>,
): Map<string, { a: string; b: string; decision: Decision }> {
  const rows = prepared(
    db,
    `SELECT id, participant_a AS a, participant_b AS b, decision FROM person_matches
     WHERE participant_a IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify([...participantIds])) as { id: string; a: string; b: string; decision: Decision }[];
  return new Map(rows.filter((r) => participantIds.has(r.b)).map((r) => [r.id, r]));
}

/** The people registered to any of these events (cancelled included: matching is about who a person is). */
function peopleOf(db: Db, eventIds: readonly string[]): PersonRow[] {
  return prepared(
    db,
    `SELECT p.id, p.given_names, p.family_name, p.country, p.organisation, p.email, p.erased_at,
            json_group_array(r.event_id) AS event_ids
     FROM registrations r JOIN participants p ON p.id = r.participant_id
     WHERE r.event_id IN (SELECT value FROM json_each(?))
     GROUP BY p.id`,
  ).all(JSON.stringify(eventIds)) as PersonRow[];
}

/**
 * Pairs of person records across these events that may be one person: the same email (case aside), or the same
 * folded name (either order, the participants domain's rule) with the same country and the same folded
 * organisation, registered to different events (never both to one). Plus every pair staff decided about by hand.
 * Each with its decision (pending when none). `personOf` joins records by staff's confirmed decisions (a report
 * passes the one it already built).
 */
export function findMatches(
  db: Db,
  eventIds: readonly string[],
  personOf: (participantId: string) => string = personKeys(db),
): Match[] {
  const people = peopleOf(db, eventIds);
  const byId = new Map(people.map((p) => [p.id, p]));
  const groups = new Map<string, { reason: Reason; ids: string[] }>();
  const note = (key: string, reason: Reason, personId: string) => {
    const group = groups.get(key) ?? { reason, ids: [] };
    if (!group.ids.includes(personId)) group.ids.push(personId);
    groups.set(key, group);
  };
  for (const person of people) {
    // An erased person has no name or email left to match on (and all erased people would look alike); decisions
    // staff made about them before still count.
    if (person.erased_at !== null) continue;
    if (person.email) note(`e:${person.email.trim().toLowerCase()}`, 'email', person.id);
    const keys = duplicateKeys({
      givenNames: person.given_names,
      familyName: person.family_name,
      country: person.country,
    });
    if (keys.names && keys.country) {
      const organisation = fold(person.organisation);
      for (const names of keys.names)
        note(`n:${names}|${keys.country}|${organisation}`, 'name_country_organisation', person.id);
    }
  }
  const eventsOf = new Map(people.map((p) => [p.id, new Set(JSON.parse(p.event_ids) as string[])]));
  const pairs = new Map<string, { a: string; b: string; reasons: Set<Reason> }>();
  for (const { reason, ids } of groups.values()) {
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        // Two records registered to one event were two people there (one person is registered once per event, and
        // the roster's own duplicate check deals with doubles at entry): only records from different events are
        // candidates for "the same person came back".
        if (shareAnEvent(eventsOf.get(ids[i] ?? ''), eventsOf.get(ids[j] ?? ''))) continue;
        const [key, a, b] = pairKey(ids[i] ?? '', ids[j] ?? '');
        const pair = pairs.get(key) ?? { a, b, reasons: new Set<Reason>() };
        pair.reasons.add(reason);
        pairs.set(key, pair);
      }
    }
  }
  const decisions = decisionsAmong(db, new Set(byId.keys()));
  for (const [key, decided] of decisions) {
    if (!pairs.has(key)) pairs.set(key, { a: decided.a, b: decided.b, reasons: new Set() });
  }
  const view = (person: PersonRow) => ({
    participantId: person.id,
    givenNames: person.given_names,
    familyName: person.family_name,
    country: person.country,
    organisation: person.organisation,
    email: person.email,
    eventIds: [...new Set(JSON.parse(person.event_ids) as string[])],
  });
  const matches: Match[] = [];
  for (const [key, pair] of pairs) {
    const a = byId.get(pair.a);
    const b = byId.get(pair.b);
    if (!a || !b) continue;
    // Two look-alikes already joined through other confirmed pairs are one person: asking again would count as
    // "pending" a question staff have answered.
    if (!decisions.has(key) && personOf(a.id) === personOf(b.id)) continue;
    const decision = decisions.get(key)?.decision ?? 'pending';
    matches.push({
      id: key,
      a: view(a),
      b: view(b),
      reasons: [...pair.reasons].sort(),
      decision,
      overridden:
        (decision === 'confirmed' && personOf(a.id) !== personOf(b.id)) ||
        (decision === 'rejected' && personOf(a.id) === personOf(b.id)),
    });
  }
  return matches.sort(
    (x, y) =>
      x.a.familyName.localeCompare(y.a.familyName) ||
      x.a.givenNames.localeCompare(y.a.givenNames) ||
      x.id.localeCompare(y.id),
  );
}

function shareAnEvent(a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | undefined): boolean {
  if (!a || !b) return false;
  for (const event of a) if (b.has(event)) return true;
  return false;
}

export function summariseMatches(matches: readonly Match[]): z.input<typeof matchSummary> {
  const summary = { confirmed: 0, pending: 0, rejected: 0 };
  for (const m of matches) summary[m.decision]++;
  return summary;
}

/**
 * Every pair staff confirmed or refused, newest decision first (by the hybrid logical clock of the change that set
 * it, which sync keeps, so every replica orders them alike), wherever the two records are registered: "A is B" and
 * "B is C" make A and C one person even when B's only registration was cancelled or is in another programme, so the
 * whole chain is read, not only the pairs among the people a report counts. Decisions are made by hand: few.
 */
function decidedPairs(db: Db): { a: string; b: string; decision: Decision }[] {
  return prepared(
    db,
    `SELECT m.participant_a AS a, m.participant_b AS b, m.decision,
            (SELECT max(c.hlc) FROM changes c
             WHERE c.entity = 'person_match' AND c.entity_id = m.id
               AND json_extract(c.fields, '$.decision') IS NOT NULL) AS decided
     FROM person_matches m WHERE m.decision IN ('confirmed', 'rejected')
     ORDER BY decided DESC, m.id`,
  ).all() as { a: string; b: string; decision: Decision }[];
}

/**
 * Joins person records staff confirmed as one person (transitively), so each person has one key.
 *
 * A pair's own row already holds its latest decision (its fields merge by last writer). Across pairs, decisions can
 * still contradict: "A is B", "B is C" and "A is not C". The newest decisions win: they are applied newest first,
 * and a confirmation that would join two records a newer decision said are different people is not followed (nor is
 * a refusal of two records newer confirmations already joined). So with A=B, then B=C, then A≠C, A counts apart and
 * B and C count once; confirming A=B again afterwards makes it A and B once, C apart.
 */
export function personKeys(db: Db): (participantId: string) => string {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root) ?? root;
    parent.set(x, root);
    return root;
  };
  const apart: [string, string][] = [];
  const keptApart = (ra: string, rb: string) =>
    apart.some(([x, y]) => {
      const [rx, ry] = [find(x), find(y)];
      return (rx === ra && ry === rb) || (rx === rb && ry === ra);
    });
  for (const { a, b, decision } of decidedPairs(db)) {
    const ra = find(a);
    const rb = find(b);
    if (decision === 'rejected') {
      if (ra !== rb) apart.push([a, b]);
      continue;
    }
    if (ra === rb || keptApart(ra, rb)) continue;
    // The smaller id leads, so the key does not depend on the order decisions arrived in.
    parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
  return find;
}

/** Records staff's decision about a pair: merged (confirmed), rejected, or back to pending (unmerged). */
export function decide(
  ctx: Context,
  pair: { a: string; b: string },
  decision: Decision,
): { id: string; a: string; b: string; decision: Decision } {
  for (const personId of [pair.a, pair.b]) {
    if (prepared(ctx.db, 'SELECT 1 FROM participants WHERE id = ?').get(personId) === undefined) {
      throw notFound('Participant', personId);
    }
  }
  const [key, a, b] = pairKey(pair.a, pair.b);
  write(ctx, personMatchEntity, key, {
    participant_a: a,
    participant_b: b,
    decision,
    updated_at: ctx.now().toISOString(),
  });
  return { id: key, a, b, decision };
}
