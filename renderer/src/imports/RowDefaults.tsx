import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportDefaults } from '../../../electron/core/imports/mapping';
import { CountryPicker } from '../events/CountryPicker';
import { useOptions } from '../participants/fields';

interface RowDefaultsProps {
  defaults: ImportDefaults;
  busy: boolean;
  onApply: (defaults: ImportDefaults) => void;
}

type Choice = 'category' | 'status' | 'gender' | 'organisationType';

/**
 * Values for the rows that leave a field empty (or for a field no column fills): a list sent by one embassy is
 * all "embassy", a list of speakers all "speaker", a delegation all from one country. Applying runs the preview
 * again, so every row shows what it will get before anything is imported.
 */
export function RowDefaults({ defaults, busy, onApply }: RowDefaultsProps) {
  const { t } = useTranslation();
  const options = useOptions();
  const hintId = useId();
  const countryId = useId();
  const organisationId = useId();
  const countryInput = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState<ImportDefaults>(defaults);

  const set = <K extends keyof ImportDefaults>(key: K, value: ImportDefaults[K] | '') =>
    setDraft((before) =>
      Object.fromEntries(Object.entries({ ...before, [key]: value }).filter(([, v]) => v !== '' && v !== undefined)),
    );

  const choice = (key: Choice, list: { value: string; label: string }[]) => {
    const id = `${hintId}-${key}`;
    return (
      <div className="field">
        <label htmlFor={id}>{t(`imports.defaults.${key}`)}</label>
        <select id={id} value={draft[key] ?? ''} onChange={(e) => set(key, e.target.value as ImportDefaults[Choice])}>
          <option value="">{t('imports.defaults.fromFile')}</option>
          {list.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    );
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!busy) onApply(draft);
  };

  return (
    <details className="row-defaults">
      <summary>{t('imports.defaults.title')}</summary>
      <form onSubmit={submit} aria-describedby={hintId} noValidate>
        <p id={hintId} className="hint">
          {t('imports.defaults.hint')}
        </p>
        <div className="form-grid">
          {choice('category', options.categories)}
          {choice('status', options.statuses)}
          {choice('gender', options.genders)}
          {choice('organisationType', options.organisationTypes)}
          <div className="field">
            <label htmlFor={countryId}>{t('imports.defaults.country')}</label>
            <CountryPicker
              id={countryId}
              aria-invalid={false}
              aria-describedby={undefined}
              name="country"
              value={draft.country ?? ''}
              inputRef={countryInput}
              onChange={(value) => set('country', value.trim())}
              onBlur={() => undefined}
            />
          </div>
          <div className="field">
            <label htmlFor={organisationId}>{t('imports.defaults.organisation')}</label>
            <input
              id={organisationId}
              dir="auto"
              value={draft.organisation ?? ''}
              maxLength={200}
              onChange={(e) => set('organisation', e.target.value.trim() === '' ? '' : e.target.value)}
            />
          </div>
        </div>
        <div className="form-actions">
          <button type="submit" className="button" aria-disabled={busy}>
            {t('imports.defaults.apply')}
          </button>
        </div>
      </form>
    </details>
  );
}
