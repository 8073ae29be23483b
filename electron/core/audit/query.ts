import type { z } from 'zod';
import type { Db } from '../db/driver';
import { prepared } from '../db/statements';
import { factsOf, type AuditRow } from './chain';
import type { AuditEntry, auditFilter } from './schema';

type Filter = z.output<typeof auditFilter>;

/** The WHERE clause for the viewer's filters; an action matches its method or its whole domain ("import"). */
function where(filter: Filter, beforeSeq?: number): { sql: string; params: (string | number)[] } {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  if (filter.actor) {
    clauses.push('actor = ?');
    params.push(filter.actor);
  }
  if (filter.action) {
    clauses.push('(action = ? OR action LIKE ?)');
    params.push(filter.action, `${filter.action}.%`);
  }
  if (filter.from) {
    clauses.push('at >= ?');
    params.push(`${filter.from}T00:00:00.000Z`);
  }
  if (filter.to) {
    // Through the end of that day.
    clauses.push('at < ?');
    const next = new Date(Date.parse(`${filter.to}T00:00:00.000Z`) + 86_400_000).toISOString();
    params.push(next);
  }
  if (beforeSeq !== undefined) {
    clauses.push('seq < ?');
    params.push(beforeSeq);
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

function toEntry(db: Db, row: AuditRow): AuditEntry {
  const facts = factsOf(row);
  const name = prepared(db, 'SELECT name FROM staff_members WHERE id = ?').pluck().get(row.actor) as string | undefined;
  return { seq: row.seq, ...facts, actorName: name ?? null, hash: row.hash };
}

/** Newest first, one page at a time. */
export function listAudit(
  db: Db,
  filter: Filter,
  page: { beforeSeq?: number; limit: number },
): { entries: AuditEntry[]; more: boolean } {
  const { sql, params } = where(filter, page.beforeSeq);
  const rows = prepared(db, `SELECT * FROM audit ${sql} ORDER BY seq DESC LIMIT ?`).all(
    ...params,
    page.limit + 1,
  ) as AuditRow[];
  return { entries: rows.slice(0, page.limit).map((row) => toEntry(db, row)), more: rows.length > page.limit };
}

/** Every entry the filters select, oldest first, for the CSV export. */
export function allAudit(db: Db, filter: Filter): AuditEntry[] {
  const { sql, params } = where(filter);
  const rows = prepared(db, `SELECT * FROM audit ${sql} ORDER BY seq`).all(...params) as AuditRow[];
  return rows.map((row) => toEntry(db, row));
}
