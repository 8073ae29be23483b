import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Output } from '../../../electron/core/api/contract';
import { ApiCallError, call } from '../api/client';
import { useApi } from '../api/context';

export type AccessStatus = Output<'access.status'>;
export const accessKey = ['access'] as const;

/** Who is signed in here. Read every 30 s, which does not count as use: the screen learns of the lock in time. */
export function useAccessStatus() {
  const api = useApi();
  return useQuery({
    queryKey: accessKey,
    queryFn: () => call(api, 'access.status', {}),
    refetchInterval: 30_000,
  });
}

/** Listens for refusals in every query and mutation of this client. */
export function useSessionRefusals(): void {
  const client = useQueryClient();
  useEffect(() => {
    const isRefusal = (error: unknown) =>
      error instanceof ApiCallError && (error.code === 'signed_out' || error.code === 'locked');
    const onEvent = (event: { type: string; action?: { type: string; error?: unknown } }) => {
      if (event.type === 'updated' && event.action?.type === 'error' && isRefusal(event.action.error)) {
        void client.invalidateQueries({ queryKey: accessKey });
      }
    };
    const queries = client.getQueryCache().subscribe(onEvent);
    const mutations = client.getMutationCache().subscribe(onEvent);
    return () => {
      queries();
      mutations();
    };
  }, [client]);
}

const touchEveryMs = 30_000;

/**
 * Tells the core that someone is at the staff side (a key or a tap), at most every 30 s, so it stays unlocked while
 * used and locks when left. Screens that poll by themselves never count.
 */
export function useActivity(): void {
  const api = useApi();
  const client = useQueryClient();
  useEffect(() => {
    let last = 0;
    const onUse = () => {
      const now = Date.now();
      if (now - last < touchEveryMs) return;
      last = now;
      void api['access.touch']({}).then((result) => {
        if (result.ok && result.value.locked) void client.invalidateQueries({ queryKey: accessKey });
      });
    };
    document.addEventListener('keydown', onUse, true);
    document.addEventListener('pointerdown', onUse, true);
    return () => {
      document.removeEventListener('keydown', onUse, true);
      document.removeEventListener('pointerdown', onUse, true);
    };
  }, [api, client]);
}
