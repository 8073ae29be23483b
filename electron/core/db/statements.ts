import type { Db, Statement } from './driver';

const caches = new WeakMap<Db, Map<string, Statement>>();

/** A statement compiled once per connection: hot paths (check-in, search) must not re-parse their SQL each call. */
export function prepared(db: Db, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = db.prepare(sql)));
  return statement;
}
