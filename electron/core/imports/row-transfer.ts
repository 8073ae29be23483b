import type { ImportField } from './fields';
import type { ReadResult } from './read';
import { changesGiven, personFields, valuesOf } from './row-parts';
import type { ParticipantCreate, PreparedRow } from './rows';

/**
 * A row as it crosses from the reading worker to the main thread. A row that passed its checks crosses without its
 * preview values and its update changes, which are its create input's own values (rows.ts): the main thread rebuilds
 * them from it. Copying a dozen strings under a dozen keys twice more per row was most of what taking in 100,000 rows
 * cost the main thread.
 */
export type SentRow =
  PreparedRow | (Omit<PreparedRow, 'values' | 'changes' | 'create'> & { create: ParticipantCreate; given: number });

export interface SentRead extends Omit<ReadResult, 'rows'> {
  rows: SentRow[];
}

export function sendRead(read: ReadResult): SentRead {
  return { ...read, rows: read.rows.map(sendRow) };
}

function sendRow(row: PreparedRow): SentRow {
  const { create, changes } = row;
  if (!create) return row;
  // Which person fields the row gave, one bit each, in personFields' order.
  let given = 0;
  personFields.forEach((field, i) => {
    if (field in changes) given |= 1 << i;
  });
  const { row: number, errors, warnings, registration, keys, hidden, duplicate } = row;
  return { row: number, errors, warnings, create, registration, keys, hidden, duplicate, given };
}

/** The row as the worker prepared it, with the same keys in the same order. */
export function receiveRow(row: SentRow): PreparedRow {
  if (!('given' in row)) return row;
  const fields = new Set<ImportField>(personFields.filter((_, i) => (row.given & (1 << i)) !== 0));
  return {
    row: row.row,
    values: valuesOf(row.create),
    errors: row.errors,
    warnings: row.warnings,
    create: row.create,
    changes: changesGiven(row.create, fields),
    registration: row.registration,
    keys: row.keys,
    hidden: row.hidden,
    duplicate: row.duplicate,
  };
}
