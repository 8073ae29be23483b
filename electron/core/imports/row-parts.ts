// What a prepared row derives from its create input. Kept apart from rows.ts (the normalising, with its numbering
// plans and country names) because the main thread rebuilds these parts of the rows it takes in (row-transfer.ts).
import { personDetailFields, type ParticipantFields } from '../participants/schema';
import { importFields, type ImportField } from './fields';
import type { ParticipantCreate } from './rows';

export const personFields = personDetailFields satisfies readonly (keyof ParticipantFields & ImportField)[];

/** A row's values as the preview shows them: each field's text, when it has any. */
export function valuesOf(source: Partial<Record<string, unknown>>): Partial<Record<ImportField, string>> {
  const values: Partial<Record<ImportField, string>> = {};
  for (const field of importFields) {
    const value = field === 'fullName' ? undefined : source[field];
    if (typeof value === 'string' && value !== '') values[field] = value;
  }
  return values;
}

/** Updating someone already on the roster changes only what the row gave: an empty cell never erases what is known. */
export function changesGiven(create: ParticipantCreate, given: ReadonlySet<ImportField>): Partial<ParticipantFields> {
  const changes: Partial<Record<(typeof personFields)[number], unknown>> = {};
  for (const field of personFields) if (given.has(field)) changes[field] = create[field];
  return changes as Partial<ParticipantFields>;
}
