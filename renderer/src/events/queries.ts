import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Input } from '../../../electron/core/api/contract';
import type { Event } from '../../../electron/core/events/schema';
import { call } from '../api/client';
import { useApi } from '../api/context';

/** Cache keys: every list under ['events', 'list'], each event under ['events', 'detail', id]. */
export const eventKeys = {
  lists: ['events', 'list'] as const,
  list: (includeArchived: boolean) => ['events', 'list', { includeArchived }] as const,
  detail: (id: string) => ['events', 'detail', id] as const,
};

export function useEventList(includeArchived: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: eventKeys.list(includeArchived),
    queryFn: () => call(api, 'event.list', { includeArchived }),
  });
}

export function useEvent(id: string) {
  const api = useApi();
  return useQuery({ queryKey: eventKeys.detail(id), queryFn: () => call(api, 'event.get', { id }) });
}

/** After any change the server's answer is the truth: store the event it returned and refresh the lists. */
function useEventChanged() {
  const queryClient = useQueryClient();
  return (event: Event) => {
    queryClient.setQueryData(eventKeys.detail(event.id), event);
    return queryClient.invalidateQueries({ queryKey: eventKeys.lists });
  };
}

export function useCreateEvent() {
  const api = useApi();
  const changed = useEventChanged();
  return useMutation({
    mutationFn: (input: Input<'event.create'>) => call(api, 'event.create', input),
    onSuccess: changed,
  });
}

export function useUpdateEvent() {
  const api = useApi();
  const changed = useEventChanged();
  return useMutation({
    mutationFn: (input: Input<'event.update'>) => call(api, 'event.update', input),
    onSuccess: changed,
  });
}

export function useArchiveEvent() {
  const api = useApi();
  const changed = useEventChanged();
  return useMutation({
    mutationFn: (input: Input<'event.archive'>) => call(api, 'event.archive', input),
    onSuccess: changed,
  });
}

/** Session changes answer with the session (or, for remove, the event): refetch the event so order and counts hold. */
function useSessionChanged() {
  const queryClient = useQueryClient();
  return (eventId: string) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: eventKeys.detail(eventId) }),
      queryClient.invalidateQueries({ queryKey: eventKeys.lists }),
    ]);
}

export function useAddSession() {
  const api = useApi();
  const changed = useSessionChanged();
  return useMutation({
    mutationFn: (input: Input<'session.add'>) => call(api, 'session.add', input),
    onSuccess: (session) => changed(session.eventId),
  });
}

export function useUpdateSession() {
  const api = useApi();
  const changed = useSessionChanged();
  return useMutation({
    mutationFn: (input: Input<'session.update'>) => call(api, 'session.update', input),
    onSuccess: (session) => changed(session.eventId),
  });
}

export function useRemoveSession() {
  const api = useApi();
  const changed = useEventChanged();
  return useMutation({
    mutationFn: (input: Input<'session.remove'>) => call(api, 'session.remove', input),
    onSuccess: changed,
  });
}
