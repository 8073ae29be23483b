import { fold } from '../text/fold';
import { searchText } from '../text/search-text';
import type { Db } from './driver';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * SQL functions the schema itself calls (generated columns and search triggers), registered on every connection
 * before migrations run. Without them SQLite can still read a Muster file but refuses to write participants, so a
 * tool that skips this cannot leave the search index out of step with the table.
 */
export function registerFunctions(db: Db): void {
  db.function('muster_fold', { deterministic: true }, (value: unknown) => fold(text(value)));
  db.function(
    'muster_search_text',
    { deterministic: true },
    (given: unknown, family: unknown, badge: unknown, organisation: unknown, email: unknown) =>
      searchText(text(given), text(family), text(badge), text(organisation), text(email)),
  );
}
