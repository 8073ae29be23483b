import type { Db } from './driver';
import { StoreError } from './store-error';
import { migrations } from './migrations';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const latestVersion = migrations.length;

/**
 * Applies every pending migration in one transaction. The applied list must be a prefix of the files known to this
 * build: anything else means the database was written by another build, and it is refused untouched.
 */
export function migrate(db: Db): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${m.name} is numbered ${m.version}, expected ${i + 1}.`);
  });
  const apply = db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`);
    const applied = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as {
      version: number;
      name: string;
    }[];
    applied.forEach((row, i) => {
      const known = migrations[i];
      if (!known || known.version !== row.version || known.name !== row.name) {
        throw new StoreError(
          'too_new',
          `The database has migration ${row.version} "${row.name}", which this version of Muster does not know. Nothing was changed.`,
        );
      }
    });
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const m of migrations.slice(applied.length)) {
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    }
    db.pragma(`user_version = ${latestVersion}`);
  });
  apply.immediate();
}
