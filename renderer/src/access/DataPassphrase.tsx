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
import { ChosenPassphraseFields, useChosenPassphrase } from './ChosenPassphrase';

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
  const chosen = useChosenPassphrase();
  const isSet = lock.data?.passphraseSet ?? false;
  const save = useMutation({
    mutationFn: () =>
      call(
        api,
        'store.setPassphrase',
        isSet ? { current, passphrase: chosen.passphrase } : { passphrase: chosen.passphrase },
      ),
    onSuccess: (next) => {
      client.setQueryData(lockKey, next);
      chosen.clear();
    },
    onSettled: () => setCurrent(''),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (chosen.confirmed() && !save.isPending) save.mutate();
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
            <ChosenPassphraseFields
              label={t('unlock.newPassphrase')}
              error={fieldError(save.error, 'passphrase')}
              chosen={chosen}
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
