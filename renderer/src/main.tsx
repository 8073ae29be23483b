import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiCallError, pickApi } from './api/client';
import { StoreGate } from './access/UnlockScreen';
import { ApiProvider } from './api/context';
import { App } from './app/App';
import { initialLanguage, setLanguage } from './i18n/language';
import './styles/app.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // The service is on this machine: a refusal (not found, invalid) will not change by asking again.
      retry: (failures, error) => failures < 2 && !(error instanceof ApiCallError && error.code !== 'internal'),
      // Another window (or the sync, later) may change events; refetch when staff come back to the app.
      refetchOnWindowFocus: true,
    },
  },
});

const root = createRoot(document.getElementById('root') as HTMLElement);

// Load the chosen language before the first paint, so the screen never flashes English first.
void setLanguage(initialLanguage())
  .catch(() => setLanguage('en'))
  .finally(() =>
    root.render(
      <StrictMode>
        <ApiProvider api={pickApi()}>
          <QueryClientProvider client={queryClient}>
            <StoreGate>
              <App />
            </StoreGate>
          </QueryClientProvider>
        </ApiProvider>
      </StrictMode>,
    ),
  );
