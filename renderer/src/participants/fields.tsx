import { useId } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { categories, genders, organisationTypes, statuses } from '../../../electron/core/participants/schema';
import { Field } from '../ui/Field';
import { useLabels } from './labels';

/**
 * The version of the privacy notice the desk shows before asking for consent; stored with each consent so a report
 * can say what the person agreed to.
 */
export const privacyNoticeVersion = '2023-09';

interface TextFieldProps {
  label: string;
  registration: UseFormRegisterReturn;
  error: string | undefined;
  type?: 'text' | 'email' | 'tel';
  hint?: string;
  optional?: boolean;
  autoComplete?: string;
  multiline?: boolean;
}

/** One labelled text box registered with react-hook-form, with its hint and inline error. */
export function TextField({
  label,
  registration,
  error,
  type = 'text',
  hint,
  optional,
  autoComplete,
  multiline,
}: TextFieldProps) {
  return (
    <Field label={label} error={error} hint={hint} optional={optional}>
      {(c) =>
        multiline ? (
          <textarea {...c} rows={2} {...registration} />
        ) : (
          <input {...c} type={type} autoComplete={autoComplete ?? 'off'} spellCheck={false} {...registration} />
        )
      }
    </Field>
  );
}

export interface Option {
  value: string;
  label: string;
}

interface SelectFieldProps {
  label: string;
  registration: UseFormRegisterReturn;
  error: string | undefined;
  options: Option[];
  /** The empty first choice ("Choose…"), for a required value the user must pick themselves. */
  placeholder?: string;
  optional?: boolean;
  hint?: string;
}

export function SelectField({ label, registration, error, options, placeholder, optional, hint }: SelectFieldProps) {
  return (
    <Field label={label} error={error} optional={optional} hint={hint}>
      {(c) => (
        <select {...c} {...registration}>
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** The contract's closed lists as select options, labelled in the interface language, in the contract's order. */
export function useOptions() {
  const labels = useLabels();
  return {
    genders: genders.map((value) => ({ value, label: labels.gender(value) })),
    categories: categories.map((value) => ({ value, label: labels.category(value) })),
    organisationTypes: organisationTypes.map((value) => ({ value, label: labels.organisationType(value) })),
    statuses: statuses.map((value) => ({ value, label: labels.status(value) })),
  };
}

interface ConsentBoxProps {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  onBlur: () => void;
  name: string;
}

/** Consent as a checkbox; the form holds what the contract wants (the notice version agreed to, or null). */
export function ConsentBox({ label, checked, onChange, onBlur, name }: ConsentBoxProps) {
  const { t } = useTranslation();
  const hintId = useId();
  return (
    <div className="field">
      <label className="checkbox">
        <input
          type="checkbox"
          aria-describedby={hintId}
          name={name}
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
          onBlur={onBlur}
        />
        {label}
      </label>
      <p id={hintId} className="hint">
        {t('person.consentHint', { version: privacyNoticeVersion })}
      </p>
    </div>
  );
}
