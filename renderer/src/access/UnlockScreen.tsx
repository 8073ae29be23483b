import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/core/api/contract';
import { ApiCallError, call } from '../api/client';
import { useApi } from '../api/context';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Loading } from '../ui/Loading';
import { SecretField } from '../ui/SecretField';
import { Frame, Refusal } from './SignInScreens';
import { ChosenPassphraseFields, useChosenPassphrase } from './ChosenPassphrase';

type LockState = Output<'store.lockState'>;
export const lockKey = ['store-lock'] as const;

export function useLockState() {
  const api = useApi();
  return useQuery({ queryKey: lockKey, queryFn: () => call(api, 'store.lockState', {}), staleTime: Infinity });
}

/**
 * Nothing else is shown until the data is open. The desktop opens its unlock window on this page when the key needs
 * a passphrase (and browser mode started with --unlock-in-browser serves it locked); every other window finds the
 * data open and goes straight on to the app.
 */
export function StoreGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const lock = useLockState();
  if (lock.isPending) return <Loading label={t('app.loading')} />;
  if (lock.isError) return <ErrorNotice error={lock.error} onRetry={() => void lock.refetch()} />;
  if (lock.data.state === 'open') return children;
  return <UnlockScreen state={lock.data} />;
}

/** The wrong passphrase in this screen's words; the rest as every sign-in refusal. */
function UnlockRefusal({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (error instanceof ApiCallError && error.code === 'forbidden') {
    return (
      <div role="alert" className="notice notice-error">
        <p>{t('unlock.wrong')}</p>
        {error.details.retryAfterSeconds ? (
          <p>
            {t('access.wait', { count: error.details.retryAfterSeconds, seconds: error.details.retryAfterSeconds })}
          </p>
        ) : null}
      </div>
    );
  }
  return <Refusal error={error} />;
}

/**
 * Asks for the administrator passphrase that unseals the data's key, or on first run without a secure secret store
 * asks to choose one (twice). A wrong one says so and the form stays; Quit is the only way out.
 */
export function UnlockScreen({ state }: { state: LockState }) {
  const { t } = useTranslation();
  const api = useApi();
  const client = useQueryClient();
  const choosing = state.state === 'choose';
  const chosen = useChosenPassphrase();
  const unlock = useMutation({
    mutationFn: () => call(api, 'store.unlock', { passphrase: chosen.passphrase }),
    // On to the app: in the desktop the shell closes this window and opens the main one at once.
    onSuccess: (next) => client.setQueryData(lockKey, next),
    onError: () => {
      if (!choosing) chosen.setPassphrase('');
      void client.invalidateQueries({ queryKey: lockKey });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if ((!choosing || chosen.confirmed()) && !unlock.isPending) unlock.mutate();
  };
  return (
    <Frame title={t(choosing ? 'unlock.chooseTitle' : 'unlock.enterTitle')}>
      <p className="lead">{t(choosing ? 'unlock.chooseLead' : 'unlock.enterLead')}</p>
      <form onSubmit={submit} className="access-form" noValidate>
        {choosing ? (
          <ChosenPassphraseFields label={t('unlock.passphrase')} chosen={chosen} />
        ) : (
          <SecretField
            label={t('unlock.passphrase')}
            autoComplete="current-password"
            value={chosen.passphrase}
            onChange={chosen.setPassphrase}
          />
        )}
        {unlock.isError && <UnlockRefusal error={unlock.error} />}
        <div className="form-actions">
          <button type="submit" className="button primary" aria-disabled={unlock.isPending}>
            {unlock.isPending ? t('access.signingIn') : t(choosing ? 'unlock.choose' : 'unlock.unlock')}
          </button>
          {/* The desktop's only window: closing it quits Muster, with nothing opened or written. A browser tab
              cannot close itself, and closing it would not stop browser mode anyway. */}
          {window.muster && (
            <button type="button" className="button" onClick={() => window.close()}>
              {t('unlock.quit')}
            </button>
          )}
        </div>
      </form>
    </Frame>
  );
}
