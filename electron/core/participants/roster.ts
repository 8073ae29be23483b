import type { z } from 'zod';
import type { Db } from '../db/driver';
import { prepared } from '../db/statements';
import type { rosterList, RosterRow } from './schema';
import { rosterColumns, toRosterRow, type RosterRowData } from './store';

type RosterQuery = z.output<typeof rosterList>;

// Each order matches one of the roster projection's indexes (0003-participants), so a page is an index walk.
const orders: Record<RosterQuery['sort'], string[]> = {
  name: ['sort_name', 'seq'],
  country: ['country', 'sort_name', 'seq'],
  organisation: ['organisation', 'sort_name', 'seq'],
  category: ['category', 'sort_name', 'seq'],
  status: ['status', 'sort_name', 'seq'],
  registered: ['created_at', 'seq'],
};

/**
 * One page of an event's roster, filtered and sorted, and how many lines match in all (the virtualised table's
 * scroll height). The page is chosen on the narrow `roster` projection first, and only its rows are joined to the
 * people and their check-ins. Lists arrive as JSON arrays, so each combination of filters is one cached statement.
 */
export function listRoster(db: Db, query: RosterQuery): { total: number; rows: RosterRow[] } {
  const where = ['e.event_id = @event'];
  const params: Record<string, string | number> = { event: query.eventId };
  const inList = (name: 'status' | 'category' | 'country' | 'gender', values?: readonly string[]) => {
    if (!values) return;
    where.push(`e.${name} IN (SELECT value FROM json_each(@${name}))`);
    params[name] = JSON.stringify(values);
  };
  inList('status', query.status);
  inList('category', query.category);
  inList('country', query.country);
  inList('gender', query.gender);
  if (query.checkedIn !== undefined) {
    where.push(
      // IN, not a correlated EXISTS: the session's check-ins are read once, then each line is a lookup in memory.
      `e.registration_id ${query.checkedIn ? '' : 'NOT '}IN (SELECT registration_id FROM attendance WHERE session_id = @session)`,
    );
    params.session = query.sessionId ?? '';
  }
  const filter = where.join(' AND ');
  const direction = query.direction === 'desc' ? 'DESC' : 'ASC';
  const order = (alias: string) => orders[query.sort].map((c) => `${alias}.${c} ${direction}`).join(', ');

  const total = prepared(db, `SELECT count(*) FROM roster e WHERE ${filter}`).pluck().get(params) as number;
  // Paging reads only the sort columns and ids (covered by the order's index); only the page's rows are joined.
  const rows = prepared(
    db,
    `WITH page AS MATERIALIZED (
       SELECT e.seq FROM roster e WHERE ${filter} ORDER BY ${order('e')} LIMIT @limit OFFSET @offset
     )
     SELECT ${rosterColumns}
     FROM page
     JOIN roster e ON e.seq = page.seq
     JOIN registrations r ON r.id = e.registration_id
     JOIN participants p ON p.seq = e.participant_seq
     LEFT JOIN attendance a ON a.session_id = @view AND a.registration_id = e.registration_id
     ORDER BY ${order('e')}`,
  ).all({ ...params, view: query.sessionId ?? '', limit: query.limit, offset: query.offset }) as RosterRowData[];
  return { total, rows: rows.map(toRosterRow) };
}
