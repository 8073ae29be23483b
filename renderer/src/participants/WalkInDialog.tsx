import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Controller, useForm, type FieldPath } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { Event, Session } from '../../../electron/core/events/schema';
import { participantCreate } from '../../../electron/core/participants/schema';
import type { Output } from '../../../electron/core/api/contract';
import { ApiCallError, call } from '../api/client';
import { useApi } from '../api/context';
import type { Outcome, Target } from '../desk/use-desk-actions';
import { CountryField } from '../events/CountryField';
import { showServerIssues } from '../events/server-issues';
import { countryName } from '../i18n/countries';
import { useLanguage } from '../i18n/use-language';
import { Dialog } from '../ui/Dialog';
import { ErrorNotice } from '../ui/ErrorNotice';
import { ConsentBox, privacyNoticeVersion, SelectField, TextField, useOptions } from './fields';
import { displayName, useLabels } from './labels';
import { contactFields, nameFields, organisationFields } from './PersonFields';
import { useRosterChanged } from './queries';
import { newId } from '../../../electron/core/api/ids';

type WalkInInput = z.input<typeof participantCreate>;
type WalkInValues = z.output<typeof participantCreate>;
type Duplicate = Output<'participant.findDuplicates'>[number];
type Intent = 'save' | 'checkIn';

const fieldNames = [
  'honorific',
  'givenNames',
  'familyName',
  'gender',
  'country',
  'organisation',
  'organisationType',
  'category',
  'jobTitle',
  'email',
  'phone',
] as const satisfies readonly FieldPath<WalkInInput>[];

interface WalkInDialogProps {
  event: Event;
  session: Session;
  onClose: () => void;
  /** The person was already registered for this event: check them in rather than register them twice. */
  onCheckInExisting: (target: Target) => void;
  onSaved: (outcome: Outcome) => void;
}

/**
 * Registering someone who arrives unannounced. Validation is the contract's own schema (participantCreate). Before
 * saving, the people who may be the same person (same email, or same name and country) are shown, with the choice
 * of checking one of them in instead or saving anyway. "Save and check in" registers and checks in in one
 * transaction (participant.create's checkIn), with a nonce kept for a retry after an uncertain failure.
 */
export function WalkInDialog({ event, session, onClose, onCheckInExisting, onSaved }: WalkInDialogProps) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const api = useApi();
  const changed = useRosterChanged();
  const options = useOptions();
  const form = useForm<WalkInInput, unknown, WalkInValues>({
    resolver: zodResolver(participantCreate),
    defaultValues: {
      eventId: event.id,
      status: 'walk_in',
      honorific: '',
      givenNames: '',
      familyName: '',
      country: '',
      organisation: '',
      jobTitle: '',
      email: '',
      phone: '',
      consent: null,
      photoConsent: false,
    },
  });
  const { register, handleSubmit, formState, setError, trigger, control } = form;
  const error = (name: (typeof fieldNames)[number]) => formState.errors[name]?.message;
  const [duplicates, setDuplicates] = useState<{ list: Duplicate[]; intent: Intent } | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const saving = useRef(false);
  const checkInNonce = useRef<string | null>(null);

  // Messages are written when validation runs: re-check shown errors so they follow a language switch.
  useEffect(() => {
    const shown = fieldNames.filter((name) => form.getFieldState(name).error);
    if (shown.length) void trigger(shown);
  }, [lang, trigger, form]);

  const save = async (values: WalkInValues, intent: Intent) => {
    const nonce = checkInNonce.current ?? newId();
    checkInNonce.current = nonce;
    const created = await call(api, 'participant.create', {
      ...values,
      checkIn: intent === 'checkIn' ? { id: nonce, sessionId: session.id, method: 'walk_in' } : undefined,
    });
    checkInNonce.current = null;
    void changed(created.participant.id);
    const name = displayName(created.participant);
    onSaved(created.checkIn ? { kind: 'checked_in', name, at: created.checkIn.at } : { kind: 'registered', name });
  };

  /** One submit at a time: a double click (or Enter) while saving must not register the person twice. */
  const guarded = (intent: Intent, skipDuplicates: boolean) =>
    handleSubmit(async (values) => {
      if (saving.current) return;
      saving.current = true;
      setBusy(true);
      setFailure(null);
      try {
        if (!skipDuplicates) {
          const found = await call(api, 'participant.findDuplicates', {
            givenNames: values.givenNames ?? '',
            familyName: values.familyName,
            country: values.country,
            email: values.email ?? undefined,
          });
          if (found.length > 0) {
            setDuplicates({ list: found, intent });
            return;
          }
        }
        setDuplicates(null);
        await save(values, intent);
      } catch (caught) {
        // A refusal is certain: the next attempt is a new check-in. An uncertain failure keeps the nonce.
        if (caught instanceof ApiCallError && caught.code !== 'internal') checkInNonce.current = null;
        if (!showServerIssues(caught, fieldNames, setError)) setFailure(caught);
      } finally {
        saving.current = false;
        setBusy(false);
      }
    });

  // Which button submitted: Enter in a field submits with the first one, "Save and check in".
  const intentOf = (e: FormEvent<HTMLFormElement>): Intent => {
    const submitter = (e.nativeEvent as SubmitEvent).submitter;
    return submitter?.dataset.intent === 'save' ? 'save' : 'checkIn';
  };

  return (
    <Dialog title={t('walkIn.title')} subtitle={t('walkIn.subtitle', { session: session.name })} onClose={onClose}>
      <form className="walk-in-form" noValidate onSubmit={(e) => void guarded(intentOf(e), false)(e)}>
        {failure !== null && <ErrorNotice error={failure} title={t('walkIn.notSaved')} />}
        {nameFields({ t, register, error, honorificHint: t('person.honorificHint') })}
        <div className="field-row">
          <SelectField
            label={t('person.gender')}
            placeholder={t('common.choose')}
            options={options.genders}
            registration={register('gender')}
            error={error('gender')}
          />
          <CountryField control={control} name="country" label={t('person.country')} error={error('country')} />
        </div>
        <div className="field-row">
          {organisationFields({
            t,
            register,
            error,
            types: options.organisationTypes,
            placeholder: t('common.choose'),
          })}
        </div>
        <div className="field-row">
          <SelectField
            label={t('person.category')}
            placeholder={t('common.choose')}
            options={options.categories}
            registration={register('category')}
            error={error('category')}
          />
          <TextField
            label={t('person.jobTitle')}
            optional
            registration={register('jobTitle')}
            error={error('jobTitle')}
          />
        </div>
        <div className="field-row">{contactFields({ t, register, error })}</div>
        <Controller
          control={control}
          name="consent"
          render={({ field }) => (
            <ConsentBox
              label={t('person.consent')}
              name={field.name}
              checked={Boolean(field.value)}
              onChange={(checked) => field.onChange(checked ? { noticeVersion: privacyNoticeVersion } : null)}
              onBlur={field.onBlur}
            />
          )}
        />
        <div className="field">
          <label className="checkbox">
            <input type="checkbox" {...register('photoConsent')} />
            {t('person.photoConsent')}
          </label>
        </div>

        {duplicates && (
          <DuplicateWarning
            duplicates={duplicates.list}
            event={event}
            lang={lang}
            busy={busy}
            intent={duplicates.intent}
            onCheckIn={onCheckInExisting}
            onSaveAnyway={() => void guarded(duplicates.intent, true)()}
          />
        )}

        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy} data-intent="checkIn">
            {busy ? t('common.saving') : t('walkIn.saveAndCheckIn')}
          </button>
          <button type="submit" className="button" disabled={busy} data-intent="save">
            {t('walkIn.save')}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

interface DuplicateWarningProps {
  duplicates: Duplicate[];
  event: Event;
  lang: ReturnType<typeof useLanguage>;
  busy: boolean;
  intent: Intent;
  onCheckIn: (target: Target) => void;
  onSaveAnyway: () => void;
}

function DuplicateWarning({ duplicates, event, lang, busy, intent, onCheckIn, onSaveAnyway }: DuplicateWarningProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  return (
    <div className="notice notice-warning duplicates" role="alert">
      <p className="notice-title">{t('walkIn.duplicates.title')}</p>
      <ul className="duplicate-list">
        {duplicates.map(({ participant, reasons, registrations }) => {
          const name = displayName(participant);
          const here = registrations.find((r) => r.eventId === event.id);
          return (
            <li key={participant.id}>
              <p className="duplicate-name">{name}</p>
              <p className="duplicate-meta">
                {[participant.organisation, countryName(participant.country, lang), participant.email]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
              <p className="duplicate-meta">
                {reasons.map((r) => t(`walkIn.duplicates.reason.${r}`)).join(' · ')}
                {' · '}
                {here
                  ? t('walkIn.duplicates.registeredHere', { status: labels.status(here.status) })
                  : t('walkIn.duplicates.notRegisteredHere')}
              </p>
              {here && here.status !== 'cancelled' && (
                <button
                  type="button"
                  className="button small primary"
                  disabled={busy}
                  onClick={() => onCheckIn({ registrationId: here.id, participantId: participant.id, name })}
                >
                  {t('walkIn.duplicates.checkInInstead', { name })}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <button type="button" className="button small" disabled={busy} onClick={onSaveAnyway}>
        {intent === 'checkIn' ? t('walkIn.duplicates.saveAndCheckInAnyway') : t('walkIn.duplicates.saveAnyway')}
      </button>
    </div>
  );
}
