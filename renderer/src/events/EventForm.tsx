import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useId, useRef, useState } from 'react';
import { useForm, type FieldPath, type UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { eventInput, languages, type EventInput } from '../../../electron/core/events/schema';
import { languageName } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Field } from '../ui/Field';
import { CountryField } from './CountryField';
import { showServerIssues } from './server-issues';
import { timeZoneOptions } from './time-zones';

export type EventValues = z.output<typeof eventInput>;

const fieldNames = [
  'title',
  'venue',
  'city',
  'country',
  'startDate',
  'endDate',
  'timeZone',
  'languages',
  'signatureRequired',
  'privacyNotice',
  'privacyNoticeVersion',
  'retentionDays',
] as const satisfies readonly FieldPath<EventInput>[];

interface EventFormProps {
  initial: EventInput;
  submitLabel: string;
  /** Saves the checked values; throws (an ApiCallError) when the server refuses them. */
  onSave: (values: EventValues) => Promise<void>;
  onCancel: () => void;
}

/**
 * Creating and editing an event. Validation is the contract's own schema (eventInput), so the form and the core can
 * never disagree; whatever the server still refuses comes back onto the fields it concerns.
 */
export function EventForm({ initial, submitLabel, onSave, onCancel }: EventFormProps) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const form = useForm<EventInput, unknown, EventValues>({ resolver: zodResolver(eventInput), defaultValues: initial });
  const { register, handleSubmit, formState, setError, trigger, control } = form;
  const errors = formState.errors;
  const [failure, setFailure] = useState<unknown>(null);
  // A second click (or Enter) while the first save is still on its way must not create a second event; the
  // disabled button alone is not enough, as both clicks can land before React re-renders.
  const saving = useRef(false);
  const [busy, setBusy] = useState(false);

  // Messages are written when validation runs: re-check shown errors so they follow a language switch.
  useEffect(() => {
    const shown = fieldNames.filter((name) => form.getFieldState(name).error);
    if (shown.length) void trigger(shown);
  }, [lang, trigger, form]);

  const save = async (values: EventValues) => {
    if (saving.current) return;
    saving.current = true;
    setBusy(true);
    setFailure(null);
    try {
      await onSave(values);
    } catch (error) {
      if (!showServerIssues(error, fieldNames, setError)) setFailure(error);
      saving.current = false;
      setBusy(false);
    }
  };

  const error = (name: (typeof fieldNames)[number]) => errors[name]?.message;
  // Registered here, in screen order, because react-hook-form focuses the first invalid field in the order the fields
  // were registered (render props would register some later than others).
  const fields = {
    title: register('title'),
    venue: register('venue'),
    city: register('city'),
    country: register('country'),
    startDate: register('startDate'),
    endDate: register('endDate'),
    timeZone: register('timeZone'),
    languages: register('languages'),
    signatureRequired: register('signatureRequired'),
    privacyNotice: register('privacyNotice'),
    privacyNoticeVersion: register('privacyNoticeVersion'),
    // Empty is "keep until erased by hand" (null), which the contract accepts; a number box gives a string.
    retentionDays: register('retentionDays', {
      setValueAs: (v: unknown) => (v === '' || v === null || v === undefined ? null : Number(v)),
    }),
  };

  return (
    <form className="form" noValidate onSubmit={(e) => void handleSubmit(save)(e)}>
      {failure !== null && <ErrorNotice error={failure} title={t('form.notSaved')} />}
      <Field label={t('form.title')} error={error('title')}>
        {(c) => <input {...c} type="text" autoComplete="off" {...fields.title} />}
      </Field>
      <Field label={t('form.venue')} error={error('venue')} optional>
        {(c) => <input {...c} type="text" autoComplete="off" {...fields.venue} />}
      </Field>
      <div className="field-row">
        <Field label={t('form.city')} error={error('city')}>
          {(c) => <input {...c} type="text" autoComplete="off" {...fields.city} />}
        </Field>
        <CountryField control={control} name="country" label={t('form.country')} error={error('country')} />
      </div>
      <div className="field-row">
        <Field label={t('form.startDate')} error={error('startDate')}>
          {(c) => <input {...c} type="date" {...fields.startDate} />}
        </Field>
        <Field label={t('form.endDate')} error={error('endDate')}>
          {(c) => <input {...c} type="date" {...fields.endDate} />}
        </Field>
      </div>
      <Field label={t('form.timeZone')} hint={t('form.timeZoneHint')} error={error('timeZone')}>
        {(c) => (
          <select {...c} {...fields.timeZone}>
            {timeZoneOptions(lang, [initial.timeZone]).map((z) => (
              <option key={z.zone} value={z.zone}>
                {z.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <LanguageChoices
        legend={t('form.languages')}
        hint={t('form.languagesHint')}
        error={error('languages')}
        registration={fields.languages}
        lang={lang}
      />
      <fieldset className="field">
        <legend>{t('form.kiosk')}</legend>
        <label className="checkbox">
          <input type="checkbox" {...fields.signatureRequired} />
          {t('form.signatureRequired')}
        </label>
        <Field
          label={t('form.privacyNotice')}
          hint={t('form.privacyNoticeHint')}
          error={error('privacyNotice')}
          optional
        >
          {(c) => <textarea {...c} rows={4} {...fields.privacyNotice} />}
        </Field>
        <Field label={t('form.privacyNoticeVersion')} error={error('privacyNoticeVersion')} optional>
          {(c) => <input {...c} type="text" autoComplete="off" {...fields.privacyNoticeVersion} />}
        </Field>
      </fieldset>
      <fieldset className="field">
        <legend>{t('form.retention')}</legend>
        <Field label={t('form.retentionDays')} hint={t('form.retentionHint')} error={error('retentionDays')} optional>
          {(c) => <input {...c} type="number" min={0} step={1} inputMode="numeric" {...fields.retentionDays} />}
        </Field>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t('common.saving') : submitLabel}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

interface LanguageChoicesProps {
  legend: string;
  hint: string;
  error: string | undefined;
  registration: UseFormRegisterReturn<'languages'>;
  lang: ReturnType<typeof useLanguage>;
}

/** One checkbox per language Muster offers, in a fieldset so the group has its own name, hint and error. */
function LanguageChoices({ legend, hint, error, registration, lang }: LanguageChoicesProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <fieldset className="field checkbox-group" aria-describedby={error ? `${hintId} ${errorId}` : hintId}>
      <legend>{legend}</legend>
      <p id={hintId} className="hint">
        {hint}
      </p>
      <div className="checkboxes">
        {languages.map((code) => (
          <label key={code} className="checkbox">
            <input type="checkbox" value={code} aria-invalid={Boolean(error)} {...registration} />
            {languageName(code, lang)}
          </label>
        ))}
      </div>
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
