import Papa from 'papaparse';
import { neutralise } from '../exports/neutralise';
import type { AuditEntry } from './schema';

const header = ['seq', 'at', 'device', 'actor', 'role', 'action', 'ids', 'counts', 'hash'];

/**
 * The audit trail as CSV, for whoever has to show who did what: one entry a row, ids and counts as JSON, and each
 * entry's hash so the file can be compared with the device later. No names: the actor is an id, like in the table.
 */
export function auditCsv(entries: readonly AuditEntry[]): Uint8Array {
  const rows = entries.map((e) => [
    String(e.seq),
    e.at,
    e.device,
    e.actor,
    e.role,
    e.action,
    JSON.stringify(e.ids),
    JSON.stringify(e.counts),
    e.hash,
  ]);
  const text = Papa.unparse(
    { fields: header, data: rows.map((row) => row.map(neutralise)) },
    { newline: '\r\n', quotes: false, escapeFormulae: false, header: true },
  );
  return new TextEncoder().encode(`\uFEFF${text}\r\n`);
}
