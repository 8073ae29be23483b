import type { Db } from '../../../electron/core/db/driver';

/**
 * Puts a database back as version 21 left it: registrations without their own figures (migration 0022), so a test
 * can reopen it and watch 0022, or an earlier migration under test, run on it.
 */
export function undoRegistrationFigures(db: Db): void {
  for (const column of ['gender', 'country', 'organisation_type']) {
    db.exec(`ALTER TABLE registrations DROP COLUMN ${column}`);
  }
  // Later migrations are forgotten too (a store holds a prefix of the list); they run again on reopening.
  db.prepare('DELETE FROM schema_migrations WHERE version >= 22').run();
  db.pragma('user_version = 21');
}
