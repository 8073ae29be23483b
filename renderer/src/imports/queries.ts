import type { Input, Output } from '../../../electron/core/api/contract';

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
  plan: (jobId: string, version: number, onDuplicate: Action, decisions: readonly Decision[]) =>
    ['import', jobId, version, 'plan', onDuplicate, decisions] as const,
};

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
