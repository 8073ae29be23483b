import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { Input } from '../../../electron/core/api/contract';
import type { FirstCheckIn } from '../../../electron/core/api/errors';
import type { CheckInRecord } from '../../../electron/core/checkin/schema';
import type { Attendance } from '../../../electron/core/participants/schema';
import { ApiCallError, call } from '../api/client';
import { useApi } from '../api/context';
import { useRosterChanged } from '../participants/queries';
import type { ShownResults } from './use-search';
import { newId } from '../../../electron/core/api/ids';

/** Who an action is about: enough to send it and to name the person in what the desk says afterwards. */
export interface Target {
  registrationId: string;
  participantId: string;
  name: string;
}

/** What the desk says after each action (pretixSCAN's states: success, already used, cancelled, error). */
export type Outcome =
  | { kind: 'checked_in'; name: string; at: string }
  | { kind: 'checked_out'; name: string; at: string }
  | { kind: 'registered'; name: string }
  | { kind: 'undone'; name: string }
  | { kind: 'already'; name: string; first: FirstCheckIn | undefined }
  | { kind: 'cancelled'; name: string }
  /** The request may not have arrived (network, service stopped): Retry resends the very same record. */
  | { kind: 'failed'; name: string; error: unknown; retry: () => void }
  | { kind: 'refused'; name: string; error: unknown };

/** Named in messages; the participant (when known) has their cached details refreshed after the action. */
type Subject = Pick<Target, 'name'> & { participantId?: string };

type Action = 'checkin.create' | 'checkin.checkout' | 'checkin.undo';

interface Attempt {
  action: Action;
  /** What identifies "the same request" for a retry: the action and who or what it is about. */
  subject: string;
  nonce: string;
}

/** Failures after which nobody knows whether the server stored the record, so a retry must reuse its nonce. */
function uncertain(error: unknown): boolean {
  return !(error instanceof ApiCallError) || error.code === 'internal';
}

/**
 * Check-in, check-out and undo at the desk. One action at a time: a second Enter or click while one is on its way
 * is ignored (a ref, not state, since both can land before React re-renders). Each record gets a fresh nonce from
 * newId(), except a retry after an uncertain failure, which resends the same nonce so the server
 * answers with the record it may already have stored instead of appending a second one. Success is said only once
 * the server has answered ok.
 */
export function useDeskActions(sessionId: string, onDone?: () => void) {
  const api = useApi();
  const queryClient = useQueryClient();
  const changed = useRosterChanged();
  const busy = useRef(false);
  const [pending, setPending] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const lastFailure = useRef<Attempt | null>(null);

  /** Shows a new check-in state in the results on screen straight away; the refetch that follows confirms it. */
  const patchResults = (registrationId: string, attendance: (before: Attendance | null) => Attendance | null) => {
    queryClient.setQueriesData<ShownResults>({ queryKey: ['roster', 'search'] }, (old) =>
      old
        ? {
            ...old,
            hits: old.hits.map((h) =>
              h.registrationId === registrationId ? { ...h, attendance: attendance(h.attendance) } : h,
            ),
          }
        : old,
    );
  };

  async function run<M extends Action>(
    action: M,
    subject: string,
    target: Subject,
    input: (nonce: string) => Input<M>,
    done: (record: CheckInRecord) => Outcome,
  ): Promise<void> {
    if (busy.current) return;
    busy.current = true;
    setPending(subject);
    const last = lastFailure.current;
    const nonce = last && last.action === action && last.subject === subject ? last.nonce : newId();
    try {
      const record = (await call(api, action, input(nonce) as Input<Action>)) as CheckInRecord;
      lastFailure.current = null;
      setOutcome(done(record));
    } catch (error) {
      if (uncertain(error)) {
        lastFailure.current = { action, subject, nonce };
        const retry = () => void run(action, subject, target, input, done);
        setOutcome({ kind: 'failed', name: target.name, error, retry });
      } else {
        lastFailure.current = null;
        setOutcome(refusal(error, target.name));
      }
    } finally {
      busy.current = false;
      setPending(null);
      void changed(target.participantId);
      onDone?.();
    }
  }

  return {
    outcome,
    /** The subject of the action on its way (a registration, or the record being undone), if any. */
    pending,
    clear: () => setOutcome(null),
    show: setOutcome,
    checkIn: (target: Target, method: 'search' | 'manual' | 'qr' = 'search') =>
      run(
        'checkin.create',
        `${target.registrationId}`,
        target,
        (id) => ({ id, sessionId, registrationId: target.registrationId, method }),
        (record) => {
          patchResults(target.registrationId, () => ({
            state: 'checked_in',
            checkInId: record.id,
            at: record.at,
            device: record.device,
            method: record.method,
            operator: record.operator,
            checkedOutAt: null,
            duplicates: false,
          }));
          return { kind: 'checked_in', name: target.name, at: record.at };
        },
      ),
    checkOut: (target: Target) =>
      run(
        'checkin.checkout',
        `${target.registrationId}`,
        target,
        (id) => ({ id, sessionId, registrationId: target.registrationId }),
        (record) => {
          patchResults(
            target.registrationId,
            (before) => before && { ...before, state: 'checked_out', checkedOutAt: record.at },
          );
          return { kind: 'checked_out', name: target.name, at: record.at };
        },
      ),
    undo: (recordId: string, target: Subject) =>
      run(
        'checkin.undo',
        recordId,
        target,
        (id) => ({ id, recordId }),
        () => ({ kind: 'undone', name: target.name }),
      ),
  };
}

function refusal(error: unknown, name: string): Outcome {
  if (error instanceof ApiCallError && error.code === 'already_checked_in') {
    return { kind: 'already', name, first: error.details.firstCheckIn };
  }
  if (error instanceof ApiCallError && error.code === 'cancelled') return { kind: 'cancelled', name };
  return { kind: 'refused', name, error };
}
