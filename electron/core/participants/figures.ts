import { write, type SqlValue } from '../changes/write';
import type { Context } from '../context';
import { prepared } from '../db/statements';
import { eventIsOver } from '../events/over';
import type { Gender, Participant } from './schema';
import { registrationEntity, type RegistrationColumn } from './store';

/**
 * What a registration keeps of the person as they were at that event (migration 0022): the fields the figures
 * count. A person's later edit reaches only the registrations of events that are not over, unless it is a correction.
 */
export interface PersonFigures {
  gender: Gender;
  country: string;
  organisationType: Participant['organisationType'];
}

export const figureColumns = {
  gender: 'gender',
  country: 'country',
  organisationType: 'organisation_type',
} as const satisfies Record<keyof PersonFigures, string>;

/** The registration columns for a person's figures: how a new registration records them. */
export function figureFields(person: PersonFigures): Record<(typeof figureColumns)[keyof PersonFigures], string> {
  return { gender: person.gender, country: person.country, organisation_type: person.organisationType };
}

/** How many of the person's registrations are for events that are over: the edit screen offers a correction then. */
export function pastEventCount(ctx: Context, participantId: string): number {
  const now = ctx.now();
  return held(ctx, participantId).filter((r) => isOver(r, now)).length;
}

interface Held {
  id: string;
  gender: string | null;
  country: string | null;
  organisation_type: string | null;
  end_date: string;
  time_zone: string;
  archived: number;
}

function held(ctx: Context, participantId: string): Held[] {
  return prepared(
    ctx.db,
    `SELECT r.id, r.gender, r.country, r.organisation_type, e.end_date, e.time_zone,
            e.archived_at IS NOT NULL AS archived
     FROM registrations r JOIN events e ON e.id = r.event_id
     WHERE r.participant_id = ?`,
  ).all(participantId) as Held[];
}

const isOver = (r: Held, now: Date) =>
  eventIsOver({ endDate: r.end_date, timeZone: r.time_zone, archived: r.archived === 1 }, now);

/**
 * Carries a person's figures to their registrations after an edit: `changed` names the fields this edit changed.
 * Events that are over keep theirs (their figures were handed in) unless `correctPast` says the old value was a
 * mistake; then every registration takes the person's current value of every figure, so a correction made after an
 * edit that was not ticked as one still reaches the past. Each write is a change, so it syncs like any edit.
 */
export function carryFigures(
  ctx: Context,
  participantId: string,
  person: PersonFigures,
  changed: ReadonlySet<keyof PersonFigures>,
  correctPast: boolean,
): void {
  if (!correctPast && changed.size === 0) return;
  const now = ctx.now();
  const carried = correctPast ? (Object.keys(figureColumns) as (keyof PersonFigures)[]) : [...changed];
  for (const registration of held(ctx, participantId)) {
    if (isOver(registration, now) && !correctPast) continue;
    const fields: Partial<Record<RegistrationColumn, SqlValue>> = {};
    for (const key of carried) {
      const column = figureColumns[key];
      if (registration[column] !== person[key]) fields[column] = person[key];
    }
    if (Object.keys(fields).length === 0) continue;
    write(ctx, registrationEntity, registration.id, { ...fields, updated_at: now.toISOString() });
  }
}
