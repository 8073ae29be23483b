import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Input, Output } from '../../../electron/core/api/contract';
import { ApiCallError, call } from '../api/client';
import { useApi } from '../api/context';

export type FeedbackForm = Output<'feedback.get'>;

export const feedbackKey = (eventId: string) => ['feedback', eventId] as const;

export function useFeedbackForm(eventId: string) {
  const api = useApi();
  return useQuery({ queryKey: feedbackKey(eventId), queryFn: () => call(api, 'feedback.get', { eventId }) });
}

type Change =
  | { method: 'feedback.settings'; input: Input<'feedback.settings'> }
  | { method: 'feedback.addQuestion'; input: Input<'feedback.addQuestion'> }
  | { method: 'feedback.updateQuestion'; input: Input<'feedback.updateQuestion'> }
  | { method: 'feedback.removeQuestion'; input: Input<'feedback.removeQuestion'> };

/** Every change to a form answers the whole form, written straight into the cache (no second round trip). */
export function useChangeForm(eventId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: Change): Promise<FeedbackForm> => {
      switch (change.method) {
        case 'feedback.settings':
          return call(api, change.method, change.input);
        case 'feedback.addQuestion':
          return call(api, change.method, change.input);
        case 'feedback.updateQuestion':
          return call(api, change.method, change.input);
        case 'feedback.removeQuestion':
          return call(api, change.method, change.input);
      }
    },
    onSuccess: (form) => {
      queryClient.setQueryData(feedbackKey(eventId), form);
      void queryClient.invalidateQueries({ queryKey: ['reports'] });
    },
  });
}

/** The translation key of a refusal's first validation issue, when the core gave one. */
export function issueKey(error: unknown): string | undefined {
  return error instanceof ApiCallError ? error.issues[0]?.key : undefined;
}
