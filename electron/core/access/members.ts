import type { Db } from '../db/driver';
import { prepared } from '../db/statements';
import { defaultIdleMinutes, type Member, type Role } from './schema';

export interface MemberRow {
  id: string;
  name: string;
  role: Role;
  secret_hash: string;
  failed_attempts: number;
  locked_until: string | null;
  created_at: string;
  removed_at: string | null;
}

export function memberRow(db: Db, id: string): MemberRow | undefined {
  return prepared(db, 'SELECT * FROM staff_members WHERE id = ?').get(id) as MemberRow | undefined;
}

export function activeMembers(db: Db): MemberRow[] {
  return prepared(
    db,
    'SELECT * FROM staff_members WHERE removed_at IS NULL ORDER BY name COLLATE NOCASE',
  ).all() as MemberRow[];
}

export function allMembers(db: Db): MemberRow[] {
  return prepared(
    db,
    'SELECT * FROM staff_members ORDER BY removed_at IS NOT NULL, name COLLATE NOCASE',
  ).all() as MemberRow[];
}

export function hasAdmin(db: Db): boolean {
  return (
    prepared(db, "SELECT 1 FROM staff_members WHERE role = 'admin' AND removed_at IS NULL LIMIT 1").get() !== undefined
  );
}

export function publicMember(row: MemberRow): Member {
  return { id: row.id, name: row.name, role: row.role, removed: row.removed_at !== null };
}

export function insertMember(
  db: Db,
  row: Pick<MemberRow, 'id' | 'name' | 'role' | 'secret_hash' | 'created_at'>,
): void {
  prepared(
    db,
    'INSERT INTO staff_members (id, name, role, secret_hash, created_at) VALUES (@id, @name, @role, @secret_hash, @created_at)',
  ).run(row);
}

export function recordFailure(db: Db, id: string, failures: number, lockedUntil: string | null): void {
  prepared(db, 'UPDATE staff_members SET failed_attempts = ?, locked_until = ? WHERE id = ?').run(
    failures,
    lockedUntil,
    id,
  );
}

export function clearFailures(db: Db, id: string): void {
  prepared(db, 'UPDATE staff_members SET failed_attempts = 0, locked_until = NULL WHERE id = ?').run(id);
}

export function setSecretHash(db: Db, id: string, hash: string): void {
  prepared(db, 'UPDATE staff_members SET secret_hash = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?').run(
    hash,
    id,
  );
}

export function markRemoved(db: Db, id: string, at: string): void {
  prepared(db, 'UPDATE staff_members SET removed_at = ? WHERE id = ?').run(at, id);
}

const idleKey = 'staff_idle_minutes';

export function idleMinutes(db: Db): number {
  const value = prepared(db, 'SELECT value FROM meta WHERE key = ?').pluck().get(idleKey) as string | undefined;
  return value === undefined ? defaultIdleMinutes : Number(value);
}

export function setIdleMinutes(db: Db, minutes: number): void {
  prepared(
    db,
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(idleKey, String(minutes));
}

/** Replaces the whole staff list with `rows`, as they were (a restore puts the device's own list back). */
export function replaceMembers(db: Db, rows: readonly MemberRow[]): void {
  prepared(db, 'DELETE FROM staff_members').run();
  const insert = prepared(
    db,
    `INSERT INTO staff_members (id, name, role, secret_hash, failed_attempts, locked_until, created_at, removed_at)
     VALUES (@id, @name, @role, @secret_hash, @failed_attempts, @locked_until, @created_at, @removed_at)`,
  );
  for (const row of rows) insert.run(row);
}
