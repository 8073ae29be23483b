import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from './Field';

interface SecretFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** `new-password` where a secret is chosen, so password managers offer to save it and never fill an old one in. */
  autoComplete: 'current-password' | 'new-password';
  hint?: string;
  error?: string | undefined;
}

/**
 * A PIN or passphrase: hidden as typed, with a Show toggle, because a long passphrase mistyped blind is the usual way
 * people lock themselves out (and at a desk no one is reading over a shoulder while it is shown on purpose).
 */
export function SecretField({ label, value, onChange, autoComplete, hint, error }: SecretFieldProps) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <div className="secret-input">
          <input
            {...control}
            type={shown ? 'text' : 'password'}
            autoComplete={autoComplete}
            spellCheck={false}
            autoCapitalize="off"
            required
            value={value}
            onChange={(e) => onChange(e.target.value)}
          />
          <button
            type="button"
            className="button"
            aria-pressed={shown}
            aria-controls={control.id}
            onClick={() => setShown((now) => !now)}
          >
            {t('secret.show')}
            {/* Two secrets on one form (choose, then again) need two toggles a screen reader can tell apart. */}
            <span className="visually-hidden"> {label}</span>
          </button>
        </div>
      )}
    </Field>
  );
}
