// The figures a planned programme must produce, counted straight from the plan (never from the database).
import type { Planned } from '../../fixtures/programme';

export interface WorkshopTruth {
  registered: number;
  attended: number;
  noShows: number;
  attendedAllSessions: number;
  countries: number;
  women: number;
  genderStated: number;
  genderNotStated: number;
  byCategory: Record<string, number>;
  otherParticipants: number;
  perSession: number[];
}

export interface ProgrammeTruth {
  workshops: WorkshopTruth[];
  registered: number;
  uniqueParticipants: number;
  attendances: number;
  attendedAllSessions: number;
  partnerStates: number;
  countries: number;
  women: number;
  genderStated: number;
  genderNotStated: number;
  byCategory: Record<string, number>;
  byGender: Record<string, number>;
  byOrganisationType: Record<string, number>;
  byCountry: Record<string, number>;
  otherParticipants: number;
}

const tally = (values: readonly string[]) => {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
};

/**
 * `merged`: whether staff confirmed the planned pairs, so a human's two records are one person; otherwise each
 * record is a person. Workshops are planned in date order, so a person's first attended workshop is the lowest.
 */
export function truthOf(plan: readonly Planned[], merged: boolean, workshopCount = 5): ProgrammeTruth {
  const who = (p: Planned) => (merged ? p.human : p.record);
  const live = plan.filter((p) => p.status !== 'cancelled');
  const workshops = Array.from({ length: workshopCount }, (_, w): WorkshopTruth => {
    const here = live.filter((p) => p.workshop === w);
    const present = here.filter((p) => p.sessions.length > 0);
    return {
      registered: new Set(here.map(who)).size,
      attended: new Set(present.map(who)).size,
      noShows: here.filter((p) => p.sessions.length === 0).length,
      attendedAllSessions: present.filter((p) => p.sessions.length === 3).length,
      countries: new Set(present.map((p) => p.country)).size,
      women: present.filter((p) => p.gender === 'female').length,
      genderStated: present.filter((p) => p.gender !== 'not_stated').length,
      genderNotStated: present.filter((p) => p.gender === 'not_stated').length,
      byCategory: tally(present.map((p) => p.category)),
      otherParticipants: present.filter(
        (p) => p.category !== 'partner_state_delegate' && p.category !== 'organiser_staff',
      ).length,
      perSession: [0, 1, 2].map((s) => here.filter((p) => p.sessions.includes(s)).length),
    };
  });
  const firsts = new Map<string, Planned>();
  const everySession = new Map<string, boolean>();
  for (const p of [...live].sort((a, b) => a.workshop - b.workshop)) {
    if (p.sessions.length === 0) continue;
    if (!firsts.has(who(p))) firsts.set(who(p), p);
    everySession.set(who(p), (everySession.get(who(p)) ?? true) && p.sessions.length === 3);
  }
  const people = [...firsts.values()];
  return {
    workshops,
    registered: new Set(live.map(who)).size,
    uniqueParticipants: people.length,
    attendances: workshops.reduce((s, w) => s + w.attended, 0),
    attendedAllSessions: [...everySession.values()].filter(Boolean).length,
    partnerStates: new Set(
      live.filter((p) => p.sessions.length > 0 && p.category === 'partner_state_delegate').map((p) => p.country),
    ).size,
    countries: new Set(people.map((p) => p.country)).size,
    women: people.filter((p) => p.gender === 'female').length,
    genderStated: people.filter((p) => p.gender !== 'not_stated').length,
    genderNotStated: people.filter((p) => p.gender === 'not_stated').length,
    byCategory: tally(people.map((p) => p.category)),
    byGender: tally(people.map((p) => p.gender)),
    byOrganisationType: tally(people.map((p) => p.organisationType)),
    byCountry: tally(people.map((p) => p.country)),
    otherParticipants: people.filter((p) => p.category !== 'partner_state_delegate' && p.category !== 'organiser_staff')
      .length,
  };
}

/** A closed list's counts with the absent keys as 0, as the report states them. */
export function withZeroes(counts: Record<string, number>, keys: readonly string[]): Record<string, number> {
  return Object.fromEntries(keys.map((k) => [k, counts[k] ?? 0]));
}

export const percent1 = (part: number, whole: number) => (whole ? Math.round((1000 * part) / whole) / 10 : null);
