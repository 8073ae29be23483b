import type { Db, Statement } from './driver';

const caches = new WeakMap<Db, Map<string, Statement>>();

/**
 * A statement compiled once per connection: hot paths (check-in, search, an import's rows) must not re-parse their
 * SQL each call. `key` is the statement's text; or, with `build`, a short name for SQL assembled from parts, whose
 * text is then built only the first time (assembling it per row cost an import measurably). Such a name must not
 * itself be SQL, so it never stands for another statement.
 */
export function prepared(db: Db, key: string, build?: () => string): Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let statement = cache.get(key);
  if (!statement) cache.set(key, (statement = db.prepare(build ? build() : key)));
  return statement;
}
