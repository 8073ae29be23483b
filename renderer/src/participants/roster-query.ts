import type { Input } from '../../../electron/core/api/contract';
import {
  categories,
  genders,
  statuses,
  type Category,
  type Gender,
  type rosterSorts,
  type Status,
} from '../../../electron/core/participants/schema';

export type RosterSort = (typeof rosterSorts)[number];
export type Direction = 'asc' | 'desc';

/** What the participants list's filter panel holds; empty lists and 'any' mean "do not filter on this". */
export interface RosterFilters {
  status: Status[];
  category: Category[];
  gender: Gender[];
  /** One ISO code, or null. */
  country: string | null;
  checkedIn: 'any' | 'in' | 'out';
  /** The session whose check-ins the rows show and the check-in filter reads. */
  sessionId: string | undefined;
}

export const noFilters = (sessionId: string | undefined): RosterFilters => ({
  status: [],
  category: [],
  gender: [],
  country: null,
  checkedIn: 'any',
  sessionId,
});

/** Rows per roster.list call: a screenful or two, so a scroll needs one or two calls. */
export const pageSize = 100;

// In the contract's order whatever order they were ticked in, so the same filter is the same cache key.
const ordered = <T extends string>(all: readonly T[], chosen: readonly T[]) => all.filter((v) => chosen.includes(v));

/** The roster.list call for one page of the list as filtered and sorted: only the filters in use are sent. */
export function rosterInput(
  eventId: string,
  filters: RosterFilters,
  sort: { sort: RosterSort; direction: Direction },
  page: number,
): Input<'roster.list'> {
  const input: Input<'roster.list'> = { eventId };
  if (filters.sessionId) input.sessionId = filters.sessionId;
  if (filters.status.length) input.status = ordered(statuses, filters.status);
  if (filters.category.length) input.category = ordered(categories, filters.category);
  if (filters.country) input.country = [filters.country];
  if (filters.gender.length) input.gender = ordered(genders, filters.gender);
  if (filters.checkedIn !== 'any' && filters.sessionId) input.checkedIn = filters.checkedIn === 'in';
  return { ...input, sort: sort.sort, direction: sort.direction, limit: pageSize, offset: page * pageSize };
}
