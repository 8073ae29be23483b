import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { sessionUpdate, type Event, type Session } from '../../../electron/core/events/schema';
import { ErrorNotice } from '../ui/ErrorNotice';
import { FieldError } from '../ui/Field';
import { changedFields } from './changes';
import { useRemoveSession, useUpdateSession } from './queries';
import { showServerIssues } from './server-issues';

// The contract's own check for session changes (fields plus "ends after it starts").
const sessionChanges = sessionUpdate.shape.changes;
type SessionInput = z.input<typeof sessionChanges>;
type SessionValues = z.output<typeof sessionChanges>;
const fieldNames = ['name', 'date', 'startTime', 'endTime'] as const;
type FieldName = (typeof fieldNames)[number];

interface CellInputProps {
  form: string;
  disabled: boolean;
  'aria-label': string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

/**
 * One session as a table row of inputs. The inputs belong to a form that lives in the last cell (the `form`
 * attribute), so Enter in any of them saves the row, and only the fields that changed are sent.
 */
export function SessionRow({ session, event }: { session: Session; event: Event }) {
  const { t } = useTranslation();
  const id = useId();
  const formId = `${id}-form`;
  const current = { name: session.name, date: session.date, startTime: session.startTime, endTime: session.endTime };
  const form = useForm<SessionInput, unknown, SessionValues>({
    resolver: zodResolver(sessionChanges),
    // `values` follows the server: after a save (or another window's change) the row shows what was stored, except
    // in the fields the user is still editing.
    values: current,
    resetOptions: { keepDirtyValues: true },
  });
  const { register, handleSubmit, formState, setError } = form;
  const update = useUpdateSession();
  const remove = useRemoveSession();
  const [failure, setFailure] = useState<unknown>(null);
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const removeRef = useRef<HTMLButtonElement>(null);
  const readOnly = event.archived;

  // Focus follows the question: onto "Remove session" when it is asked, back to "Remove" when it is answered
  // (after the re-render that enables Remove again; a disabled button cannot take focus).
  const refocusRemove = useRef(false);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (refocusRemove.current && !remove.isPending) {
      removeRef.current?.focus();
      refocusRemove.current = false;
    }
  }, [confirming, remove.isPending]);
  const closeConfirm = () => {
    refocusRemove.current = true;
    setConfirming(false);
  };

  const save = handleSubmit(async (values) => {
    const changes = changedFields(current, { ...current, ...values });
    if (Object.keys(changes).length === 0) return;
    setFailure(null);
    try {
      await update.mutateAsync({ id: session.id, changes });
    } catch (error) {
      if (!showServerIssues(error, fieldNames, setError)) setFailure(error);
    }
  });

  const confirmRemove = async () => {
    setFailure(null);
    try {
      await remove.mutateAsync({ id: session.id });
    } catch (error) {
      setFailure(error);
      closeConfirm();
    }
  };

  // Each input is named after its column and its session ("Name, Day 1"), since a table row has no <label>s.
  const cell = (name: FieldName, column: string, input: (props: CellInputProps) => ReactNode) => {
    const error = formState.errors[name]?.message;
    const errorId = `${id}-${name}-error`;
    return (
      <td>
        {input({
          form: formId,
          disabled: readOnly,
          'aria-label': t('sessions.fieldOf', { field: column, session: session.name }),
          'aria-invalid': Boolean(error),
          'aria-describedby': error ? errorId : undefined,
        })}
        <FieldError id={errorId} message={error} />
      </td>
    );
  };

  return (
    <>
      <tr>
        {cell('name', t('sessions.name'), (p) => (
          <input {...p} type="text" autoComplete="off" {...register('name')} />
        ))}
        {cell('date', t('sessions.date'), (p) => (
          <input {...p} type="date" min={event.startDate} max={event.endDate} {...register('date')} />
        ))}
        {cell('startTime', t('sessions.startTime'), (p) => (
          <input {...p} type="time" {...register('startTime')} />
        ))}
        {cell('endTime', t('sessions.endTime'), (p) => (
          <input {...p} type="time" {...register('endTime')} />
        ))}
        <td className="row-actions">
          <form id={formId} noValidate onSubmit={(e) => void save(e)}>
            {!readOnly && (
              <>
                <button
                  type="submit"
                  className="button small"
                  disabled={!formState.isDirty || update.isPending}
                  aria-label={t('sessions.saveOf', { session: session.name })}
                >
                  {update.isPending ? t('common.saving') : t('sessions.save')}
                </button>
                <button
                  ref={removeRef}
                  type="button"
                  className="button small danger"
                  disabled={remove.isPending || confirming}
                  aria-label={t('sessions.removeOf', { session: session.name })}
                  onClick={() => setConfirming(true)}
                >
                  {t('sessions.remove')}
                </button>
              </>
            )}
          </form>
        </td>
      </tr>
      {(confirming || failure !== null) && (
        <tr className="row-extra">
          <td colSpan={5}>
            {failure !== null && <ErrorNotice error={failure} />}
            {confirming && (
              <div className="confirm" role="group" aria-label={t('sessions.removeOf', { session: session.name })}>
                <p>{t('sessions.confirmRemove', { session: session.name })}</p>
                <button
                  ref={confirmRef}
                  type="button"
                  className="button small danger"
                  disabled={remove.isPending}
                  onClick={() => void confirmRemove()}
                >
                  {t('sessions.confirm')}
                </button>
                <button type="button" className="button small" onClick={closeConfirm}>
                  {t('sessions.keep')}
                </button>
              </div>
            )}
          </td>
        </tr>
      )}
    </>
  );
}
