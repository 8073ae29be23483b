import type { Input, Output } from '../../../electron/core/api/contract';
import { defaultAction } from '../../../electron/core/imports/schema';

export type Preview = Output<'import.preview'>;
export type PreviewRow = Output<'import.rows'>['rows'][number];
export type Report = Output<'import.commit'>;
export type RowFilter = NonNullable<Input<'import.rows'>['filter']>;
export type Action = NonNullable<Input<'import.commit'>['onDuplicate']>;
export type Decision = NonNullable<Input<'import.commit'>['decisions']>[number];

/** What the person chose for one row that may be someone already known; `participantId` says whom to update. */
export interface Choice {
  action: Action;
  participantId?: string;
}

/**
 * Cache keys. `version` counts the previews of one job (the job keeps its id when the mapping or the sheet changes),
 * so rows and plans of an earlier mapping are never shown for the current one.
 */
export const importKeys = {
  job: (jobId: string) => ['import', jobId] as const,
  rows: (jobId: string, version: number, filter: RowFilter, offset: number) =>
    ['import', jobId, version, 'rows', filter, offset] as const,
  duplicates: (jobId: string, version: number) => ['import', jobId, version, 'duplicates'] as const,
};

/** Which kind of duplicate a row is: of someone on the roster, or a repeat of an earlier row of the file. */
export interface DuplicateRow {
  row: number;
  of: 'roster' | 'file';
}

// The commit's own rule for a duplicate nobody chose for, so the plan shown is the plan applied.
export { defaultAction };

export interface Plan {
  added: number;
  updated: number;
  skipped: number;
  failed: number;
}

/**
 * What the commit will do, counted from the preview's totals, the duplicate rows and the rows hidden in the
 * spreadsheet: ready rows are added, rows with errors fail, each duplicate follows its own choice or the default, and
 * each hidden row its own choice or skip (schema.ts rowAction). Worked out here rather than by a dry run of
 * import.commit, which rehearses every insert: 20,000 rows take it seconds, on every change of a choice, and it holds
 * the store meanwhile. The end-to-end test holds these numbers to the report of the real commit.
 */
export function planOf(
  totals: { ready: number; errors: number },
  duplicates: readonly DuplicateRow[],
  onDuplicate: Action,
  choices: ReadonlyMap<number, Choice>,
  hiddenRows: readonly number[] = [],
): Plan {
  const plan: Plan = { added: totals.ready, updated: 0, skipped: 0, failed: totals.errors };
  const hidden = new Set(hiddenRows);
  const count = (action: Action) => {
    if (action === 'add') plan.added++;
    else if (action === 'update') plan.updated++;
    else plan.skipped++;
  };
  for (const duplicate of duplicates) {
    count(
      choices.get(duplicate.row)?.action ??
        (hidden.has(duplicate.row) ? 'skip' : defaultAction(duplicate.of, onDuplicate)),
    );
    hidden.delete(duplicate.row);
  }
  for (const row of hidden) count(choices.get(row)?.action ?? 'skip');
  return plan;
}

/** The decisions as import.commit takes them: one per row the person chose for, in row order. */
export function decisionList(choices: ReadonlyMap<number, Choice>): Decision[] {
  return [...choices]
    .sort(([a], [b]) => a - b)
    .map(([row, choice]) => ({
      row,
      action: choice.action,
      ...(choice.participantId === undefined ? {} : { participantId: choice.participantId }),
    }));
}

/** Whether the preview marked a row as hidden in the spreadsheet. */
export function isHiddenRow(row: Pick<PreviewRow, 'warnings'>): boolean {
  return row.warnings.some((warning) => warning.key === 'hiddenRow');
}
