import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { useApi } from '../api/context';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Loading } from '../ui/Loading';
import { accessKey, useAccessStatus, useActivity, useSessionRefusals, type AccessStatus } from './queries';
import { LockScreen, SetupScreen, SignInScreen } from './SignInScreens';

/**
 * The staff side shows only to someone signed in and not locked out; the core enforces the same on every call, so
 * this gate is for the person at the screen, not a defence. First run asks for the administrator's passphrase.
 */
export function AccessGate({ children }: { children: (status: AccessStatus) => ReactNode }) {
  const { t } = useTranslation();
  const status = useAccessStatus();
  useSessionRefusals();
  if (status.isPending) return <Loading label={t('app.loading')} />;
  if (status.isError) return <ErrorNotice error={status.error} onRetry={() => void status.refetch()} />;
  if (!status.data.setUp) return <SetupScreen />;
  if (!status.data.caller) return <SignInScreen status={status.data} />;
  if (status.data.caller.locked) return <LockScreen status={status.data} />;
  return <Active status={status.data}>{children(status.data)}</Active>;
}

function Active({ children }: { status: AccessStatus; children: ReactNode }) {
  useActivity();
  return children;
}

/** Who is signed in, in the header, with the way out. */
export function SignedInAs({ status }: { status: AccessStatus }) {
  const { t } = useTranslation();
  const api = useApi();
  const client = useQueryClient();
  const signOut = useMutation({
    mutationFn: () => call(api, 'access.signOut', {}),
    onSuccess: (next) => {
      client.setQueryData(accessKey, next);
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== accessKey[0] });
    },
  });
  return (
    <div className="signed-in">
      <span>{t('access.signedInAs', { name: status.caller?.name ?? '' })}</span>
      <button type="button" className="button" onClick={() => signOut.mutate()}>
        {t('access.signOut')}
      </button>
    </div>
  );
}
