import type { z } from 'zod';
import type { Context } from '../context';
import { prepared } from '../db/statements';
import { getSession } from '../events/store';
import { genders, organisationTypes } from '../participants/schema';
import { asCategory, asGender, asOrganisationType, reportCategories } from './closed-lists';
import type { dashboard, dashboardInput } from './schema';

interface Row {
  gender: string;
  category: string;
  country: string;
  organisation_type: string;
  checked_in_at: string | null;
  checked_out_at: string | null;
}

type Pair = { expected: number; checkedIn: number };

function pairs<K extends string>(keys: readonly K[]): Record<K, Pair> {
  return Object.fromEntries(keys.map((k) => [k, { expected: 0, checkedIn: 0 }])) as Record<K, Pair>;
}

/**
 * The session as it happens: who is expected, who has arrived (and when, in slots), who is in the room, by gender,
 * category, organisation type and country. One read of the roster projection joined to the attendance projection
 * (one row per person and session however many kiosks checked them in), so a screen can ask every few seconds.
 */
export function buildDashboard(ctx: Context, input: z.output<typeof dashboardInput>): z.input<typeof dashboard> {
  const session = getSession(ctx.db, input.sessionId);
  const rows = prepared(
    ctx.db,
    `SELECT ro.gender, ro.category, ro.country,
            coalesce(r.organisation_type, p.organisation_type) AS organisation_type, a.checked_in_at, a.checked_out_at
     FROM roster ro
     JOIN registrations r ON r.id = ro.registration_id
     JOIN participants p ON p.seq = ro.participant_seq
     LEFT JOIN attendance a ON a.session_id = ? AND a.registration_id = ro.registration_id
     WHERE ro.event_id = ? AND ro.status != 'cancelled'`,
  ).all(session.id, session.eventId) as Row[];
  const byGender = pairs(genders);
  const byCategory = pairs(reportCategories);
  const byOrganisationType = pairs(organisationTypes);
  const byCountry = new Map<string, Pair>();
  const slot = input.bucketMinutes * 60_000;
  const slots = new Map<number, number>();
  let checkedIn = 0;
  let present = 0;
  for (const row of rows) {
    const arrived = row.checked_in_at !== null;
    const country = byCountry.get(row.country) ?? { expected: 0, checkedIn: 0 };
    byCountry.set(row.country, country);
    for (const pair of [
      byGender[asGender(row.gender)],
      byCategory[asCategory(row.category)],
      byOrganisationType[asOrganisationType(row.organisation_type)],
      country,
    ]) {
      if (!pair) continue;
      pair.expected++;
      if (arrived) pair.checkedIn++;
    }
    if (row.checked_in_at === null) continue;
    checkedIn++;
    if (row.checked_out_at === null) present++;
    const start = Math.floor(Date.parse(row.checked_in_at) / slot) * slot;
    slots.set(start, (slots.get(start) ?? 0) + 1);
  }
  let total = 0;
  const arrivals = [...slots.entries()]
    .sort(([a], [b]) => a - b)
    .map(([start, count]) => ({ at: new Date(start).toISOString(), count, total: (total += count) }));
  return {
    eventId: session.eventId,
    sessionId: session.id,
    generatedAt: ctx.now().toISOString(),
    expected: rows.length,
    checkedIn,
    present,
    arrivals,
    byGender,
    byCategory,
    byOrganisationType,
    byCountry: [...byCountry.entries()]
      .map(([country, pair]) => ({ country, ...pair }))
      .sort((a, b) => b.checkedIn - a.checkedIn || b.expected - a.expected || a.country.localeCompare(b.country)),
  };
}
