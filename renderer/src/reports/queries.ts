import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Input } from '../../../electron/core/api/contract';
import { call } from '../api/client';
import { useApi } from '../api/context';

/** Cache keys: programmes under ['programmes'], reports under ['reports', scope]. */
export const reportKeys = {
  programmes: ['programmes'] as const,
  report: (scope: Input<'report.get'>) => ['reports', scope] as const,
};

export function useProgrammes() {
  const api = useApi();
  return useQuery({ queryKey: reportKeys.programmes, queryFn: () => call(api, 'programme.list', {}) });
}

export function useReport(scope: Input<'report.get'>) {
  const api = useApi();
  return useQuery({ queryKey: reportKeys.report(scope), queryFn: () => call(api, 'report.get', scope) });
}

export function useCreateProgramme() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Input<'programme.create'>) => call(api, 'programme.create', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reportKeys.programmes }),
  });
}

export function useMatches(programmeId: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['reports', 'matches', programmeId] as const,
    queryFn: () => call(api, 'report.matches', { programmeId }),
  });
}

/** Merge, unmerge or reject a pair; the report and the list are asked again, since both count it. */
export function useDecideMatch() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      method,
      a,
      b,
    }: {
      method: 'person.merge' | 'person.unmerge' | 'person.rejectMatch';
      a: string;
      b: string;
    }) => call(api, method, { a, b }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['reports'] }),
  });
}
