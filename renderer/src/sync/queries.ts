import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { Input } from '../../../electron/core/api/contract';
import { call } from '../api/client';
import { useApi } from '../api/context';

/** The indicator follows the background loop, which runs a round every few seconds. */
export const hubStatePollMs = 2000;

const hubKey = (eventId: string) => ['sync', 'hub', eventId] as const;

/**
 * The event's link to its hub, read every few seconds. When a round brought changes down, every other screen's data
 * may be out of date (new people, check-ins from other kiosks), so it is all fetched again.
 */
export function useHubState(eventId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: hubKey(eventId),
    queryFn: () => call(api, 'sync.hub.state', { eventId }),
    refetchInterval: hubStatePollMs,
  });
  const seen = useRef<string | null>(null);
  const { lastSuccessAt, lastApplied } = query.data ?? { lastSuccessAt: null, lastApplied: 0 };
  useEffect(() => {
    const previous = seen.current;
    seen.current = lastSuccessAt;
    if (lastSuccessAt === null || previous === lastSuccessAt || lastApplied === 0) return;
    void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[1] !== 'hub' });
  }, [lastSuccessAt, lastApplied, queryClient]);
  return query;
}

export function useJoinHub() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Input<'sync.hub.join'>) => call(api, 'sync.hub.join', input),
    onSuccess: (state) => queryClient.setQueryData(hubKey(state.eventId), state),
  });
}

export function useLeaveHub() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (eventId: string) => call(api, 'sync.hub.leave', { eventId }),
    onSuccess: (state) => queryClient.setQueryData(hubKey(state.eventId), state),
  });
}
