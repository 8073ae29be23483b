import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { eventDays, sessionAdd, type Event } from '../../../electron/core/events/schema';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Field } from '../ui/Field';
import { useAddSession } from './queries';
import { showServerIssues } from './server-issues';

type AddInput = z.input<typeof sessionAdd>;
type AddValues = z.output<typeof sessionAdd>;
const fieldNames = ['name', 'date', 'startTime', 'endTime'] as const;

/** The first day that has no session yet, else the first day: where a new session is most likely wanted. */
function suggestedDate(event: Event): string {
  const covered = new Set(event.sessions.map((s) => s.date));
  return eventDays(event.startDate, event.endDate).find((d) => !covered.has(d)) ?? event.startDate;
}

export function AddSessionForm({ event }: { event: Event }) {
  const { t } = useTranslation();
  const add = useAddSession();
  const [failure, setFailure] = useState<unknown>(null);
  const defaults = (): AddInput => ({
    eventId: event.id,
    date: suggestedDate(event),
    startTime: '09:00',
    endTime: '17:00',
  });
  const { register, handleSubmit, formState, setError, reset } = useForm<AddInput, unknown, AddValues>({
    resolver: zodResolver(sessionAdd),
    defaultValues: defaults(),
  });
  const error = (name: (typeof fieldNames)[number]) => formState.errors[name]?.message;

  const submit = handleSubmit(async (values) => {
    setFailure(null);
    try {
      await add.mutateAsync(values);
      reset({ ...values, name: undefined });
    } catch (err) {
      if (!showServerIssues(err, fieldNames, setError)) setFailure(err);
    }
  });

  return (
    <form className="form add-session" noValidate aria-labelledby="add-session-title" onSubmit={(e) => void submit(e)}>
      <h3 id="add-session-title">{t('sessions.add')}</h3>
      {failure !== null && <ErrorNotice error={failure} />}
      <div className="field-row">
        <Field label={t('sessions.name')} hint={t('sessions.nameHint')} error={error('name')} optional>
          {(c) => (
            <input
              {...c}
              type="text"
              autoComplete="off"
              // An empty name means "name it after the day", which the contract expresses as no name at all.
              {...register('name', { setValueAs: (v: string) => (v === '' ? undefined : v) })}
            />
          )}
        </Field>
        <Field label={t('sessions.date')} error={error('date')}>
          {(c) => <input {...c} type="date" min={event.startDate} max={event.endDate} {...register('date')} />}
        </Field>
        <Field label={t('sessions.startTime')} error={error('startTime')}>
          {(c) => <input {...c} type="time" {...register('startTime')} />}
        </Field>
        <Field label={t('sessions.endTime')} error={error('endTime')}>
          {(c) => <input {...c} type="time" {...register('endTime')} />}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={add.isPending}>
          {add.isPending ? t('common.saving') : t('sessions.addButton')}
        </button>
      </div>
    </form>
  );
}
