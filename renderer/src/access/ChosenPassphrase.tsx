import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SecretField } from '../ui/SecretField';

export type ChosenPassphrase = ReturnType<typeof useChosenPassphrase>;

/** A passphrase being chosen is typed twice, so a typo is caught here rather than at the next unlock or sign-in. */
export function useChosenPassphrase() {
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [mismatch, setMismatch] = useState(false);
  return {
    passphrase,
    again,
    mismatch,
    setPassphrase,
    setAgain,
    /** Whether both fields agree; when they do not, the second one says so. */
    confirmed(): boolean {
      setMismatch(passphrase !== again);
      return passphrase === again;
    },
    clear(): void {
      setPassphrase('');
      setAgain('');
    },
  };
}

/** The two fields of a passphrase being chosen, with the rule it must meet. */
export function ChosenPassphraseFields({
  label,
  error,
  chosen,
}: {
  label: string;
  error?: string | undefined;
  chosen: ChosenPassphrase;
}) {
  const { t } = useTranslation();
  return (
    <>
      <SecretField
        label={label}
        hint={t('access.passphraseHint')}
        error={error}
        autoComplete="new-password"
        value={chosen.passphrase}
        onChange={chosen.setPassphrase}
      />
      <SecretField
        label={t('access.passphraseAgain')}
        error={chosen.mismatch ? t('access.mismatch') : undefined}
        autoComplete="new-password"
        value={chosen.again}
        onChange={chosen.setAgain}
      />
    </>
  );
}
