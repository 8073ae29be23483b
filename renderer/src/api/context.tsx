import { createContext, useContext, type ReactNode } from 'react';
import type { MusterApi } from '../../../electron/core/api/contract';

const ApiContext = createContext<MusterApi | null>(null);

/** The API the screens use; tests pass a fake MusterApi here instead of a network. */
export function ApiProvider({ api, children }: { api: MusterApi; children: ReactNode }) {
  return <ApiContext value={api}>{children}</ApiContext>;
}

export function useApi(): MusterApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi needs an <ApiProvider> above it.');
  return api;
}
