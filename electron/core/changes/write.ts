import type { Db } from '../db/driver';
import { prepared } from '../db/statements';
import type { HybridClock } from './clock';

export type SqlValue = string | number | bigint | null;

/** A kind of record that syncs: its name in the change log, its table, and the columns a change may set. */
export interface Entity<Column extends string> {
  name: string;
  table: string;
  columns: readonly Column[];
}

export function defineEntity<Column extends string>(
  name: string,
  table: string,
  columns: readonly Column[],
): Entity<Column> {
  return { name, table, columns };
}

export interface ChangeContext {
  db: Db;
  clock: HybridClock;
}

/**
 * The one write path: sets the given fields of a row (creating it if new) and appends the change record, which sync,
 * audit and undo read. Callers run inside the dispatch transaction, so the row and its change commit together.
 * Returns the change's timestamp.
 */
export function write<Column extends string>(
  ctx: ChangeContext,
  entity: Entity<Column>,
  id: string,
  fields: Partial<Record<Column, SqlValue>>,
): string {
  const set = fieldsToSet(ctx, entity, fields);
  const { names, values } = set;
  // Update first, insert only when the row is new: an upsert would check NOT NULL columns a partial change leaves out.
  const updated = names.length
    ? prepared(ctx.db, `UPDATE ${entity.table} SET ${names.map((n) => `${n} = ?`).join(', ')} WHERE id = ?`).run(
        ...values,
        id,
      ).changes
    : (prepared(ctx.db, `SELECT count(*) FROM ${entity.table} WHERE id = ?`).pluck().get(id) as number);
  if (updated === 0) insert(ctx, entity, id, set);
  return appendChange(ctx, entity, id, set);
}

/**
 * The same path for a record that is new by construction (a fresh id, or a fact such as a check-in that is only
 * ever appended): it inserts, and an id that is already there is an error, never an edit.
 */
export function create<Column extends string>(
  ctx: ChangeContext,
  entity: Entity<Column>,
  id: string,
  fields: Partial<Record<Column, SqlValue>>,
): string {
  const set = fieldsToSet(ctx, entity, fields);
  insert(ctx, entity, id, set);
  return appendChange(ctx, entity, id, set);
}

/** The columns a write sets and their values, in the order the caller gave them. */
interface FieldSet {
  names: string[];
  values: SqlValue[];
}

function fieldsToSet<Column extends string>(
  ctx: ChangeContext,
  entity: Entity<Column>,
  fields: Partial<Record<Column, SqlValue>>,
): FieldSet {
  // One pass, no intermediate arrays: an import runs this twice per person.
  const known = columnSet(entity);
  const names: string[] = [];
  const values: SqlValue[] = [];
  for (const column of Object.keys(fields)) {
    const value = fields[column as Column];
    if (value === undefined) continue;
    if (!known.has(column)) throw new Error(`${entity.name} has no column ${column}.`);
    names.push(column);
    values.push(value as SqlValue);
  }
  if (!ctx.db.inTransaction) throw new Error('Writes must run inside a transaction.');
  return { names, values };
}

const columnSets = new WeakMap<Entity<string>, ReadonlySet<string>>();

function columnSet(entity: Entity<string>): ReadonlySet<string> {
  let set = columnSets.get(entity);
  if (!set) columnSets.set(entity, (set = new Set(entity.columns)));
  return set;
}

function insert(ctx: ChangeContext, entity: Entity<string>, id: string, { names, values }: FieldSet): void {
  // Named by table and column list (not valid SQL, so no other statement has that name): the row's own text is
  // assembled only the first time that list is seen.
  prepared(ctx.db, `insert ${entity.table}(${names.join(',')})`, () => insertSql(entity.table, names)).run(
    id,
    ...values,
  );
}

function insertSql(table: string, names: readonly string[]): string {
  return `INSERT INTO ${table} (id${names.map((n) => `, ${n}`).join('')}) VALUES (?${names.map(() => ', ?').join('')})`;
}

function appendChange(ctx: ChangeContext, entity: Entity<string>, id: string, { names, values }: FieldSet): string {
  const hlc = ctx.clock.now();
  const fields: Record<string, string | number | null> = {};
  for (let i = 0; i < names.length; i++) fields[names[i] as string] = jsonable(values[i] as SqlValue);
  prepared(ctx.db, 'INSERT INTO changes (hlc, device_id, entity, entity_id, fields) VALUES (?, ?, ?, ?, ?)').run(
    hlc,
    ctx.clock.device,
    entity.name,
    id,
    JSON.stringify(fields),
  );
  return hlc;
}

function jsonable(value: SqlValue): string | number | null {
  return typeof value === 'bigint' ? value.toString() : value;
}

/** The latest timestamp this device stamped on a change: our own changes arrive in clock order. */
export function lastOwnTimestamp(db: Db, device: string): string | undefined {
  return prepared(db, 'SELECT hlc FROM changes WHERE device_id = ? ORDER BY seq DESC LIMIT 1').pluck().get(device) as
    string | undefined;
}
