import { useMutation, useQuery } from '@tanstack/react-query';
import type { Output } from '../../../electron/core/api/contract';
import { call } from '../api/client';
import { useApi } from '../api/context';

export type JobKind = 'import' | 'export';
export type JobStatus<K extends JobKind> = Output<`${K}.status`>;

/** How often a running job is asked how far it got: often enough for a bar that moves, rare enough to cost nothing. */
export const pollMs = 300;

export const jobKeys = {
  status: (kind: JobKind, jobId: string) => ['job', kind, jobId, 'status'] as const,
};

const methods = {
  import: { status: 'import.status', cancel: 'import.cancel' },
  export: { status: 'export.status', cancel: 'export.cancel' },
} as const;

/**
 * The progress of a long task (import.preview, export.run) while its own call is still on its way: the screen gives
 * the task a job id it made up, and polls the matching status query with it until the task answers. The first polls
 * may arrive before the task registered its job (not_found): they are not errors, the next poll finds it.
 */
export function useJobStatus<K extends JobKind>(kind: K, jobId: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: jobKeys.status(kind, jobId ?? ''),
    // The two status methods differ only in their list of phases, which K names.
    queryFn: () => call(api, methods[kind].status, { jobId: jobId ?? '' }) as Promise<JobStatus<K>>,
    enabled: jobId !== null,
    refetchInterval: pollMs,
    // A window in the background still follows its job: an import started before switching windows finishes on screen.
    refetchIntervalInBackground: true,
    retry: false,
    gcTime: 0,
  });
}

// A sync is followed with sync.progress (SyncPage), but stopped like the others.
const cancels = { import: methods.import.cancel, export: methods.export.cancel, sync: 'sync.cancel' } as const;

/** Stops a running task; its own call then fails with code `cancelled`, which the screen reports. */
export function useCancelJob(kind: keyof typeof cancels) {
  const api = useApi();
  return useMutation({
    mutationFn: (jobId: string) => call(api, cancels[kind], { jobId }),
  });
}

/** A fresh id for a job; the contract takes UUIDs. */
export function newJobId(): string {
  return crypto.randomUUID();
}

/**
 * Where a job stands while it works: its phase (one of those the screen has words for), done and total; null
 * before the first poll answers, and once it ended (the task's own answer says how).
 */
export function working<W extends string>(
  status: { phase: string; done: number; total: number } | undefined,
  phases: readonly W[],
): { phase: W; done: number; total: number } | null {
  const phase = phases.find((p) => p === status?.phase);
  return status && phase !== undefined ? { phase, done: status.done, total: status.total } : null;
}
