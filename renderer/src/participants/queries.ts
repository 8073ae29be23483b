import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Input } from '../../../electron/core/api/contract';
import { call } from '../api/client';
import { useApi } from '../api/context';

/**
 * Cache keys. Everything derived from the roster (pages of the list, search results) sits under ['roster'], and
 * everything derived from check-ins under ['checkin'], so one invalidation after a change refreshes every view of it.
 */
export const rosterKeys = {
  all: ['roster'] as const,
  page: (input: Input<'roster.list'>) => ['roster', 'list', input] as const,
  searches: (eventId: string, sessionId: string | undefined) => ['roster', 'search', eventId, sessionId ?? ''] as const,
  search: (eventId: string, sessionId: string | undefined, query: string) =>
    ['roster', 'search', eventId, sessionId ?? '', query] as const,
  participant: (id: string) => ['participant', id] as const,
  checkins: ['checkin'] as const,
  counters: (sessionId: string) => ['checkin', 'counters', sessionId] as const,
  recent: (sessionId: string) => ['checkin', 'recent', sessionId] as const,
};

/** After a check-in, an edit or a registration: every roster view and counter may show something else now. */
export function useRosterChanged() {
  const queryClient = useQueryClient();
  return (participantId?: string) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: rosterKeys.all }),
      queryClient.invalidateQueries({ queryKey: rosterKeys.checkins }),
      participantId ? queryClient.invalidateQueries({ queryKey: rosterKeys.participant(participantId) }) : undefined,
    ]);
}

/** One page of the participants list; the previous page's answer stays on screen while the next one loads. */
export function useRosterPage(input: Input<'roster.list'>, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: rosterKeys.page(input),
    queryFn: () => call(api, 'roster.list', input),
    enabled,
  });
}

export function useParticipant(id: string) {
  const api = useApi();
  return useQuery({ queryKey: rosterKeys.participant(id), queryFn: () => call(api, 'participant.get', { id }) });
}

export function useUpdateParticipant() {
  const api = useApi();
  const changed = useRosterChanged();
  return useMutation({
    mutationFn: (input: Input<'participant.update'>) => call(api, 'participant.update', input),
    onSuccess: (participant) => changed(participant.id),
  });
}

/** Erases a person's personal data; every roster view, search and count may show them differently afterwards. */
export function useErasePerson() {
  const api = useApi();
  const changed = useRosterChanged();
  return useMutation({
    mutationFn: (participantId: string) => call(api, 'person.erase', { participantId }),
    onSuccess: (erasure) => changed(erasure.participantId),
  });
}

export function useUpdateRegistration() {
  const api = useApi();
  const changed = useRosterChanged();
  return useMutation({
    mutationFn: (input: Input<'registration.update'>) => call(api, 'registration.update', input),
    onSuccess: (registration) => changed(registration.participantId),
  });
}

export function useCounters(sessionId: string) {
  const api = useApi();
  return useQuery({
    queryKey: rosterKeys.counters(sessionId),
    queryFn: () => call(api, 'checkin.counters', { sessionId }),
    // Other desks check people in too (and, later, sync brings theirs): keep the figures live without a click.
    refetchInterval: 10_000,
  });
}

export function useRecent(sessionId: string) {
  const api = useApi();
  return useQuery({
    queryKey: rosterKeys.recent(sessionId),
    queryFn: () => call(api, 'checkin.recent', { sessionId, limit: 8 }),
  });
}

/** This machine's device id, to tell "at this desk" from "on another device" in a warning. */
export function useDevice() {
  const api = useApi();
  return useQuery({
    queryKey: ['system', 'info'],
    queryFn: () => call(api, 'system.info', {}),
    staleTime: Infinity,
  }).data?.device;
}
