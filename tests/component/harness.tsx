import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import {
  methodNames,
  type Input,
  type MethodName,
  type MusterApi,
  type Output,
} from '../../electron/core/api/contract';
import type { Result } from '../../electron/core/api/errors';
import type { Event } from '../../electron/core/events/schema';
import { ApiProvider } from '../../renderer/src/api/context';

type Handler<M extends MethodName> = (input: Input<M>) => Promise<Result<Output<M>>>;

/**
 * A MusterApi with no network and no core: each method is a vi.fn that answers `unknown_method` unless the test
 * gives it an answer, so a screen calling something unexpected fails loudly.
 */
export function fakeApi(overrides: { [M in MethodName]?: Handler<M> } = {}) {
  const api: Partial<Record<MethodName, unknown>> = {};
  for (const method of methodNames) {
    api[method] = vi.fn(
      overrides[method] ??
        (async () => ({ ok: false, error: { code: 'unknown_method', message: `${method} is not faked` } })),
    );
  }
  return api as { [M in MethodName]: MusterApi[M] & ReturnType<typeof vi.fn<Handler<M>>> };
}

export const ok = <T,>(value: T): Result<T> => ({ ok: true, value });

export function renderWithApi(ui: ReactElement, api: MusterApi) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(
    <ApiProvider api={api}>
      <QueryClientProvider client={queryClient}>{ui}</QueryClientProvider>
    </ApiProvider>,
  );
}

/** A promise the test resolves when it chooses, to hold a save "in flight". */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

export function sampleEvent(overrides: Partial<Event> = {}): Event {
  const id = '0b7c6f1e-8a37-4a8e-9d6a-2f4f1c1f0a01';
  return {
    id,
    title: 'Regional workshop on border security',
    venue: 'Serena Hotel',
    city: 'Nairobi',
    country: 'KE',
    startDate: '2026-03-10',
    endDate: '2026-03-12',
    timeZone: 'Africa/Nairobi',
    languages: ['en', 'fr'],
    signatureRequired: false,
    privacyNotice: '',
    privacyNoticeVersion: '',
    retentionDays: 365,
    archived: false,
    sessionCount: 3,
    createdAt: '2026-01-05T10:00:00.000Z',
    updatedAt: '2026-01-05T10:00:00.000Z',
    sessions: ['2026-03-10', '2026-03-11', '2026-03-12'].map((date, i) => ({
      id: `1b7c6f1e-8a37-4a8e-9d6a-2f4f1c1f0a0${i + 1}`,
      eventId: id,
      name: `Day ${i + 1}`,
      date,
      startTime: '09:00',
      endTime: '17:00',
    })),
    ...overrides,
  };
}
