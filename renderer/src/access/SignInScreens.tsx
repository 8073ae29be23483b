import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiCallError, call } from '../api/client';
import { useApi } from '../api/context';
import { LanguageSwitcher } from '../app/LanguageSwitcher';
import { validationMessage } from '../i18n/zod-messages';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Field } from '../ui/Field';
import { PageHeading } from '../ui/PageHeading';
import { SecretField } from '../ui/SecretField';
import { accessKey, type AccessStatus } from './queries';
import { ChosenPassphraseFields, useChosenPassphrase } from './ChosenPassphrase';

/** The frame of the screens shown before anyone is signed in: the product, the language, one form. */
export function Frame({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <header className="app-header">
        <div className="brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </div>
        <LanguageSwitcher />
      </header>
      <main id="main" tabIndex={-1} className="access-screen">
        <PageHeading>{title}</PageHeading>
        {children}
      </main>
    </>
  );
}

/** A refusal in the words of this screen: the wait of a rate limit, a field's own message, or the error's sentence. */
export function Refusal({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (error instanceof ApiCallError && error.details.retryAfterSeconds) {
    return (
      <p role="alert" className="notice notice-error">
        {t('access.wait', { count: error.details.retryAfterSeconds, seconds: error.details.retryAfterSeconds })}
      </p>
    );
  }
  if (error instanceof ApiCallError && error.code === 'invalid_input') {
    const message = error.issues.map((issue) => validationMessage(issue.key) ?? issue.message).join(' ');
    return (
      <p role="alert" className="notice notice-error">
        {message}
      </p>
    );
  }
  return <ErrorNotice error={error} />;
}

function useSignedIn() {
  const client = useQueryClient();
  return (status: AccessStatus) => {
    client.setQueryData(accessKey, status);
    // Whatever was refused while signed out or locked may be read again.
    void client.invalidateQueries({ predicate: (query) => query.queryKey[0] !== accessKey[0] });
  };
}

/** First run: the administrator names themself and chooses the passphrase. */
export function SetupScreen() {
  const { t } = useTranslation();
  const api = useApi();
  const signedIn = useSignedIn();
  const [name, setName] = useState('');
  const chosen = useChosenPassphrase();
  const setup = useMutation({
    mutationFn: () => call(api, 'access.setup', { name, passphrase: chosen.passphrase }),
    onSuccess: signedIn,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (chosen.confirmed() && !setup.isPending) setup.mutate();
  };
  return (
    <Frame title={t('access.setupTitle')}>
      <p className="lead">{t('access.setupLead')}</p>
      <form onSubmit={submit} className="access-form" noValidate>
        <Field label={t('access.yourName')}>
          {(control) => (
            <input {...control} autoComplete="name" required value={name} onChange={(e) => setName(e.target.value)} />
          )}
        </Field>
        <ChosenPassphraseFields label={t('access.passphrase')} chosen={chosen} />
        {setup.isError && <Refusal error={setup.error} />}
        <div className="form-actions">
          <button type="submit" className="button primary" aria-disabled={setup.isPending}>
            {setup.isPending ? t('access.signingIn') : t('access.setUp')}
          </button>
        </div>
      </form>
    </Frame>
  );
}

/** Choose your name, give your PIN or passphrase. */
export function SignInScreen({ status }: { status: AccessStatus }) {
  const { t } = useTranslation();
  const api = useApi();
  const signedIn = useSignedIn();
  const [memberId, setMemberId] = useState(status.members[0]?.id ?? '');
  const [secret, setSecret] = useState('');
  const signIn = useMutation({
    mutationFn: () => call(api, 'access.signIn', { memberId, secret }),
    onSuccess: signedIn,
    onSettled: () => setSecret(''),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!signIn.isPending && memberId) signIn.mutate();
  };
  return (
    <Frame title={t('access.signInTitle')}>
      <form onSubmit={submit} className="access-form" noValidate>
        <Field label={t('access.who')}>
          {(control) => (
            <select {...control} value={memberId} onChange={(e) => setMemberId(e.target.value)}>
              {status.members.map((member) => (
                <option key={member.id} value={member.id}>
                  {member.name} ({t(`access.roles.${member.role}`)})
                </option>
              ))}
            </select>
          )}
        </Field>
        <SecretField label={t('access.secret')} autoComplete="current-password" value={secret} onChange={setSecret} />
        {signIn.isError && <Refusal error={signIn.error} />}
        <div className="form-actions">
          <button type="submit" className="button primary" aria-disabled={signIn.isPending}>
            {signIn.isPending ? t('access.signingIn') : t('access.signIn')}
          </button>
        </div>
      </form>
    </Frame>
  );
}

/** The staff side locked itself: the same person comes back with their secret, or someone else signs in. */
export function LockScreen({ status }: { status: AccessStatus }) {
  const { t } = useTranslation();
  const api = useApi();
  const signedIn = useSignedIn();
  const [secret, setSecret] = useState('');
  const unlock = useMutation({
    mutationFn: () => call(api, 'access.unlock', { secret }),
    onSuccess: signedIn,
    onSettled: () => setSecret(''),
  });
  const signOut = useMutation({ mutationFn: () => call(api, 'access.signOut', {}), onSuccess: signedIn });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!unlock.isPending) unlock.mutate();
  };
  return (
    <Frame title={t('access.lockedTitle')}>
      <p className="lead">
        {t('access.lockedLead', {
          name: status.caller?.name ?? '',
          count: status.idleMinutes,
          minutes: status.idleMinutes,
        })}
      </p>
      <form onSubmit={submit} className="access-form" noValidate>
        <SecretField label={t('access.secret')} autoComplete="current-password" value={secret} onChange={setSecret} />
        {unlock.isError && <Refusal error={unlock.error} />}
        <div className="form-actions">
          <button type="submit" className="button primary" aria-disabled={unlock.isPending}>
            {unlock.isPending ? t('access.signingIn') : t('access.unlock')}
          </button>
          <button type="button" className="button" onClick={() => signOut.mutate()}>
            {t('access.otherPerson')}
          </button>
        </div>
      </form>
    </Frame>
  );
}
