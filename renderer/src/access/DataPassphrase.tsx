import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiCallError, call } from '../api/client';
import { useApi } from '../api/context';
import { validationMessage } from '../i18n/zod-messages';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Loading } from '../ui/Loading';
import { SecretField } from '../ui/SecretField';
import { lockKey, useLockState } from './UnlockScreen';

function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiCallError) || error.code !== 'invalid_input') return undefined;
  const issue = error.issues.find((i) => i.path[0] === field);
  return issue ? (validationMessage(issue.key) ?? issue.message) : undefined;
}

/**
 * The administrator passphrase that also opens this device's encrypted data (keyring.ts). Where the OS secret store
 * alone keeps the key, setting one lets the command line, browser mode or another computer open the data folder;
 * where one is set, changing it needs the current one.
 */
export function DataPassphrase() {
  const { t } = useTranslation();
  const api = useApi();
  const client = useQueryClient();
  const lock = useLockState();
  const [current, setCurrent] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const isSet = lock.data?.passphraseSet ?? false;
  const save = useMutation({
    mutationFn: () => call(api, 'store.setPassphrase', isSet ? { current, passphrase } : { passphrase }),
    onSuccess: (next) => {
      client.setQueryData(lockKey, next);
      setPassphrase('');
      setAgain('');
    },
    onSettled: () => setCurrent(''),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const differ = passphrase !== again;
    setMismatch(differ);
    if (!differ && !save.isPending) save.mutate();
  };
  const wrong = save.error instanceof ApiCallError && save.error.code === 'forbidden';
  const invalid = fieldError(save.error, 'current') ?? fieldError(save.error, 'passphrase');
  return (
    <section aria-labelledby="data-passphrase">
      <h2 id="data-passphrase">{t('unlock.dataTitle')}</h2>
      {lock.isPending ? (
        <Loading label={t('app.loading')} />
      ) : (
        <>
          <p>{t(isSet ? 'unlock.dataLeadSet' : 'unlock.dataLeadUnset')}</p>
          <form onSubmit={submit} className="access-form" noValidate>
            {isSet && (
              <SecretField
                label={t('unlock.current')}
                error={wrong ? t('unlock.wrongCurrent') : fieldError(save.error, 'current')}
                autoComplete="current-password"
                value={current}
                onChange={setCurrent}
              />
            )}
            <SecretField
              label={t('unlock.newPassphrase')}
              hint={t('access.passphraseHint')}
              error={fieldError(save.error, 'passphrase')}
              autoComplete="new-password"
              value={passphrase}
              onChange={setPassphrase}
            />
            <SecretField
              label={t('access.passphraseAgain')}
              error={mismatch ? t('access.mismatch') : undefined}
              autoComplete="new-password"
              value={again}
              onChange={setAgain}
            />
            {save.isError && !wrong && !invalid && <ErrorNotice error={save.error} />}
            <p role="status" className="outcome-ok">
              {save.isSuccess ? t('unlock.saved') : ''}
            </p>
            <div className="form-actions">
              <button type="submit" className="button" aria-disabled={save.isPending}>
                {save.isPending ? t('access.signingIn') : t(isSet ? 'unlock.changePassphrase' : 'unlock.setPassphrase')}
              </button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}
