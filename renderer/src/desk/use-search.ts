import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { SearchHit } from '../../../electron/core/participants/schema';
import { call } from '../api/client';
import { useApi } from '../api/context';
import { rosterKeys } from '../participants/queries';

export const resultLimit = 20;

export interface ShownResults {
  /** The query these hits answer; the screen compares it with what is typed before acting on them. */
  query: string;
  hits: SearchHit[];
}

/**
 * Results as staff type. Instead of a timer (which would add its delay to every keystroke), the search is
 * debounced by the round trip itself: a query is sent at once when none is on its way, and while one is, only the
 * latest text waits to go next; the ones typed in between are never sent. Each answer is cached under its own
 * query, so an answer can only ever be shown for the query it belongs to, never out of order, and backspacing
 * shows earlier answers at once. While the next answer is on its way the previous one stays on screen.
 */
export function useDeskSearch(eventId: string, sessionId: string | undefined, text: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  const wanted = text.trim();
  const options = (query: string) => ({
    queryKey: rosterKeys.search(eventId, sessionId, query),
    queryFn: async (): Promise<ShownResults> => ({
      query,
      hits: query ? await call(api, 'roster.search', { eventId, sessionId, query, limit: resultLimit }) : [],
    }),
  });
  const [sent, setSent] = useState(wanted);
  const result = useQuery({ ...options(sent), placeholderData: keepPreviousData });
  // The latest text goes out as soon as nothing is on its way (set during render, React's pattern for state that
  // follows other state, so no extra commit and no effect).
  if (wanted !== sent && !result.isFetching) setSent(wanted);

  const shown = result.data;
  return {
    shown,
    /** The hits shown answer exactly what is typed now (not an earlier query still on screen). */
    current: shown !== undefined && shown.query === wanted && !result.isPlaceholderData,
    error: result.isError ? result.error : null,
    retry: () => void result.refetch(),
    /**
     * The answer for exactly this text: from the cache, or shared with the request already on its way, or fetched.
     * For an Enter pressed before the results caught up (a badge scanner types a code and Enter in one go).
     */
    resultsFor: (query: string) => queryClient.fetchQuery({ ...options(query.trim()), staleTime: 1_000 }),
  };
}
