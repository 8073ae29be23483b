import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useId, useState } from 'react';
import { Controller, useForm, type FieldPath } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { languages, type Event } from '../../../electron/core/events/schema';
import { formatCode } from '../../../electron/core/participants/code';
import {
  participantUpdate,
  personDetailFields,
  registrationUpdate,
  type Participant,
  type Registration,
} from '../../../electron/core/participants/schema';
import { BadgeSection } from '../badges/BadgeSection';
import { CountryField } from '../events/CountryField';
import { showServerIssues } from '../events/server-issues';
import { languageName } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';
import { Dialog } from '../ui/Dialog';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Loading } from '../ui/Loading';
import { ConsentBox, privacyNoticeVersion, SelectField, TextField, useOptions } from './fields';
import { EraseSection, ErasedNotice } from './EraseSection';
import { displayName, useLabels } from './labels';
import { contactFields, nameFields, organisationFields } from './PersonFields';
import { useParticipant, useUpdateParticipant, useUpdateRegistration } from './queries';

interface DrawerProps {
  participantId: string;
  event: Event;
  onClose: () => void;
}

/** A person's details and their registration for this event, to read and correct at the desk or from the list. */
export function ParticipantDrawer({ participantId, event, onClose }: DrawerProps) {
  const { t } = useTranslation();
  const query = useParticipant(participantId);
  const data = query.data;
  const labels = useLabels();
  const registration = data?.registrations.find((r) => r.eventId === event.id);
  // Every way of registering someone requires a family name: only erasure leaves it empty.
  const erased = data !== undefined && data.participant.familyName === '';
  return (
    <Dialog
      variant="drawer"
      title={data ? labels.name(data.participant) : t('person.loading')}
      subtitle={registration ? t('person.code', { code: formatCode(registration.code) }) : undefined}
      onClose={onClose}
    >
      {query.isPending ? (
        <Loading label={t('person.loading')} />
      ) : query.isError ? (
        <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          {registration && <RegistrationForm registration={registration} readOnly={event.archived} />}
          {registration && !erased && (
            <BadgeSection
              eventId={event.id}
              participantId={participantId}
              registrationId={registration.id}
              name={displayName(query.data.participant)}
              readOnly={event.archived}
            />
          )}
          {erased ? (
            <ErasedNotice />
          ) : (
            <>
              <DetailsForm participant={query.data.participant} pastEvents={query.data.pastEvents} />
              <EraseSection participantId={participantId} />
            </>
          )}
        </>
      )}
    </Dialog>
  );
}

const registrationChanges = registrationUpdate.shape.changes;
type RegistrationInput = z.input<typeof registrationChanges>;
type RegistrationValues = z.output<typeof registrationChanges>;

function RegistrationForm({ registration, readOnly }: { registration: Registration; readOnly: boolean }) {
  const { t } = useTranslation();
  const options = useOptions();
  const titleId = useId();
  const update = useUpdateRegistration();
  const current = { status: registration.status, category: registration.category };
  const form = useForm<RegistrationInput, unknown, RegistrationValues>({
    resolver: zodResolver(registrationChanges),
    values: current,
  });
  const [saved, setSaved] = useState(false);
  const save = form.handleSubmit(async (values) => {
    setSaved(false);
    const changes: RegistrationValues = {};
    if (values.status !== current.status) changes.status = values.status;
    if (values.category !== current.category) changes.category = values.category;
    if (Object.keys(changes).length === 0 || update.isPending) return;
    await update.mutateAsync({ id: registration.id, changes }).then(
      () => setSaved(true),
      () => undefined,
    );
  });
  return (
    <form className="drawer-section" noValidate onSubmit={(e) => void save(e)} aria-labelledby={titleId}>
      <h3 id={titleId}>{t('person.registration')}</h3>
      {update.isError && <ErrorNotice error={update.error} title={t('person.notSaved')} />}
      <fieldset className="bare" disabled={readOnly}>
        <div className="field-row">
          <SelectField
            label={t('person.status')}
            options={options.statuses}
            registration={form.register('status')}
            error={form.formState.errors.status?.message}
          />
          <SelectField
            label={t('person.category')}
            options={options.categories}
            registration={form.register('category')}
            error={form.formState.errors.category?.message}
          />
        </div>
        <div className="form-actions compact">
          {/* Never disabled: a button disabled under the keyboard's focus would drop the focus out of the dialog. */}
          <button type="submit" className="button">
            {update.isPending ? t('common.saving') : t('person.saveRegistration')}
          </button>
          <p role="status" className="saved">
            {saved && !form.formState.isDirty ? t('person.saved') : ''}
          </p>
        </div>
      </fieldset>
    </form>
  );
}

const detailChanges = participantUpdate.shape.changes;
type DetailsInput = z.input<typeof detailChanges>;
type DetailsValues = z.output<typeof detailChanges>;
type Key = keyof DetailsValues;

const detailFields = personDetailFields satisfies readonly FieldPath<DetailsInput>[];

/** The stored person as the form's values: absent values (null) are empty boxes. */
function formValues(p: Participant): DetailsInput {
  return {
    honorific: p.honorific,
    givenNames: p.givenNames,
    familyName: p.familyName,
    badgeName: p.badgeName,
    gender: p.gender,
    country: p.country,
    nationality: p.nationality ?? '',
    organisation: p.organisation,
    organisationType: p.organisationType,
    jobTitle: p.jobTitle,
    email: p.email ?? '',
    phone: p.phone ?? '',
    preferredLanguage: p.preferredLanguage,
    accessibility: p.accessibility,
    dietary: p.dietary,
    notes: p.notes,
    consent: p.consent ? { noticeVersion: p.consent.noticeVersion, at: p.consent.at } : null,
    photoConsent: p.photoConsent,
  };
}

/**
 * The fields whose checked value differs from what is stored: only those are sent, so the change log records what
 * staff corrected, and two desks editing different fields of one person do not overwrite each other.
 */
export function changedDetails(p: Participant, values: DetailsValues): DetailsValues {
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(values) as Key[]) {
    const before = key === 'consent' ? p.consent : p[key];
    const after = values[key];
    const same =
      key === 'consent'
        ? (before === null) === (after === null) &&
          (before as Participant['consent'])?.noticeVersion === (after as DetailsValues['consent'])?.noticeVersion
        : before === after;
    if (!same) changes[key] = after;
  }
  return changes as DetailsValues;
}

/**
 * The person's details. When they were registered for workshops that are over, staff say whether an edit corrects
 * a mistake (those workshops' figures change too) or records a change since (they keep what they reported).
 */
function DetailsForm({ participant, pastEvents }: { participant: Participant; pastEvents: number }) {
  const { t } = useTranslation();
  const correctPastHint = useId();
  const [correctPast, setCorrectPast] = useState(false);
  const lang = useLanguage();
  const options = useOptions();
  const titleId = useId();
  const update = useUpdateParticipant();
  const form = useForm<DetailsInput, unknown, DetailsValues>({
    resolver: zodResolver(detailChanges),
    values: formValues(participant),
    resetOptions: { keepDirtyValues: true },
  });
  const { register, handleSubmit, formState, setError, control, trigger } = form;
  const error = (name: (typeof detailFields)[number]) => formState.errors[name]?.message;
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    const shown = detailFields.filter((name) => form.getFieldState(name).error);
    if (shown.length) void trigger(shown);
  }, [lang, trigger, form]);

  const save = handleSubmit(async (values) => {
    setFailure(null);
    setSaved(false);
    const changes = changedDetails(participant, values);
    // A correction alone is worth sending: it fixes what an earlier edit left in the past workshops.
    if ((Object.keys(changes).length === 0 && !correctPast) || update.isPending) return;
    try {
      const stored = await update.mutateAsync({
        id: participant.id,
        changes,
        ...(correctPast ? { correctPast: true } : {}),
      });
      form.reset(formValues(stored));
      setCorrectPast(false);
      setSaved(true);
    } catch (caught) {
      if (!showServerIssues(caught, detailFields, setError)) setFailure(caught);
    }
  });

  return (
    <form className="drawer-section" noValidate onSubmit={(e) => void save(e)} aria-labelledby={titleId}>
      <h3 id={titleId}>{t('person.details')}</h3>
      {failure !== null && <ErrorNotice error={failure} title={t('person.notSaved')} />}
      {nameFields({ t, register, error })}
      <TextField
        label={t('person.badgeName')}
        hint={t('person.badgeNameHint')}
        optional
        registration={register('badgeName')}
        error={error('badgeName')}
      />
      <div className="field-row">
        <SelectField
          label={t('person.gender')}
          options={options.genders}
          registration={register('gender')}
          error={error('gender')}
        />
        <CountryField control={control} name="country" label={t('person.country')} error={error('country')} />
        <CountryField
          control={control}
          name="nationality"
          label={t('person.nationality')}
          error={error('nationality')}
          optional
        />
      </div>
      <div className="field-row">
        {organisationFields({ t, register, error, types: options.organisationTypes })}
        <TextField
          label={t('person.jobTitle')}
          optional
          registration={register('jobTitle')}
          error={error('jobTitle')}
        />
      </div>
      <div className="field-row">
        {contactFields({ t, register, error })}
        <SelectField
          label={t('person.preferredLanguage')}
          optional
          placeholder={t('person.noLanguage')}
          options={languages.map((code) => ({ value: code, label: languageName(code, lang) }))}
          // An empty choice is "no preference" (null), which the contract accepts; '' is not a language.
          registration={register('preferredLanguage', { setValueAs: (v: unknown) => (v === '' ? null : v) })}
          error={error('preferredLanguage')}
        />
      </div>
      <TextField
        label={t('person.accessibility')}
        optional
        multiline
        registration={register('accessibility')}
        error={error('accessibility')}
      />
      <TextField
        label={t('person.dietary')}
        optional
        multiline
        registration={register('dietary')}
        error={error('dietary')}
      />
      <TextField label={t('person.notes')} optional multiline registration={register('notes')} error={error('notes')} />
      <Controller
        control={control}
        name="consent"
        render={({ field }) => (
          <ConsentBox
            label={t('person.consent')}
            name={field.name}
            checked={Boolean(field.value)}
            // Ticking again keeps the consent already on file; a new one is for the notice shown now.
            onChange={(checked) =>
              field.onChange(
                checked
                  ? participant.consent
                    ? { noticeVersion: participant.consent.noticeVersion, at: participant.consent.at }
                    : { noticeVersion: privacyNoticeVersion }
                  : null,
              )
            }
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
      {pastEvents > 0 && (
        <div className="field">
          <label className="checkbox">
            <input
              type="checkbox"
              name="correctPast"
              aria-describedby={correctPastHint}
              checked={correctPast}
              onChange={(e) => setCorrectPast(e.target.checked)}
            />
            {t('person.correctPast')}
          </label>
          <p id={correctPastHint} className="hint">
            {t('person.correctPastHint')}
          </p>
        </div>
      )}
      <div className="form-actions compact">
        <button type="submit" className="button primary">
          {update.isPending ? t('common.saving') : t('person.saveDetails')}
        </button>
        <p role="status" className="saved">
          {saved && !formState.isDirty ? t('person.saved') : ''}
        </p>
      </div>
    </form>
  );
}
