import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/core/api/contract';
import { ApiCallError, call } from '../api/client';
import { useApi } from '../api/context';
import { validationMessage } from '../i18n/zod-messages';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Field } from '../ui/Field';
import { Loading } from '../ui/Loading';
import { PageHeading } from '../ui/PageHeading';
import { SecretField } from '../ui/SecretField';
import { DataPassphrase } from './DataPassphrase';
import { accessKey, useAccessStatus } from './queries';

type Member = Output<'access.members'>[number];
const membersKey = ['access-members'] as const;

function issueText(error: unknown): string | undefined {
  if (!(error instanceof ApiCallError) || error.code !== 'invalid_input') return undefined;
  return error.issues.map((issue) => validationMessage(issue.key) ?? issue.message).join(' ');
}

/** The administrator's list of who may sign in on this device, and the idle lock setting. */
export function MembersPage() {
  const { t } = useTranslation();
  const api = useApi();
  const client = useQueryClient();
  const members = useQuery({ queryKey: membersKey, queryFn: () => call(api, 'access.members', {}) });
  const [done, setDone] = useState('');
  const remove = useMutation({
    mutationFn: (member: Member) => call(api, 'access.removeMember', { memberId: member.id }),
    onSuccess: (member) => {
      setDone(t('access.removedDone', { name: member.name }));
      return client.invalidateQueries({ queryKey: membersKey });
    },
  });
  return (
    <>
      <PageHeading>{t('access.membersTitle')}</PageHeading>
      <p className="lead">{t('access.membersLead')}</p>
      <p role="status" className="outcome-ok">
        {done}
      </p>
      {remove.isError && <ErrorNotice error={remove.error} />}
      {members.isPending ? (
        <Loading label={t('app.loading')} />
      ) : members.isError ? (
        <ErrorNotice error={members.error} title={t('access.loadFailed')} onRetry={() => void members.refetch()} />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('access.membersTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('access.name')}</th>
                <th scope="col">{t('access.role')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('access.remove', { name: '' })}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {members.data.map((member) => (
                <tr key={member.id}>
                  <th scope="row">{member.name}</th>
                  <td>
                    {t(`access.roles.${member.role}`)}
                    {member.removed && ` (${t('access.removed')})`}
                  </td>
                  <td>
                    {!member.removed && (
                      <button type="button" className="button" onClick={() => remove.mutate(member)}>
                        {t('access.remove', { name: member.name })}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <AddMember onAdded={(member) => setDone(t('access.added', { name: member.name }))} />
      <IdleSetting />
      <DataPassphrase />
    </>
  );
}

function AddMember({ onAdded }: { onAdded: (member: Member) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [role, setRole] = useState<'staff' | 'admin'>('staff');
  const [secret, setSecret] = useState('');
  const add = useMutation({
    mutationFn: () => call(api, 'access.addMember', { name, role, secret }),
    onSuccess: (member) => {
      setName('');
      setSecret('');
      onAdded(member);
      return client.invalidateQueries({ queryKey: membersKey });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!add.isPending) add.mutate();
  };
  const invalid = issueText(add.error);
  return (
    <section aria-labelledby="add-member">
      <h2 id="add-member">{t('access.addTitle')}</h2>
      <form onSubmit={submit} className="access-form" noValidate>
        <Field label={t('access.name')}>
          {(control) => <input {...control} required value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label={t('access.role')}>
          {(control) => (
            <select {...control} value={role} onChange={(e) => setRole(e.target.value === 'admin' ? 'admin' : 'staff')}>
              <option value="staff">{t('access.roles.staff')}</option>
              <option value="admin">{t('access.roles.admin')}</option>
            </select>
          )}
        </Field>
        <SecretField
          label={t('access.newSecret')}
          hint={t('access.secretHint')}
          error={invalid}
          autoComplete="new-password"
          value={secret}
          onChange={setSecret}
        />
        {add.isError && !invalid && <ErrorNotice error={add.error} />}
        <div className="form-actions">
          <button type="submit" className="button primary" aria-disabled={add.isPending}>
            {t('access.add')}
          </button>
        </div>
      </form>
    </section>
  );
}

function IdleSetting() {
  const { t } = useTranslation();
  const api = useApi();
  const client = useQueryClient();
  const status = useAccessStatus();
  const [minutes, setMinutes] = useState<string | null>(null);
  const shown = minutes ?? String(status.data?.idleMinutes ?? '');
  const save = useMutation({
    mutationFn: () => call(api, 'access.setIdle', { minutes: Number(shown) }),
    onSuccess: (next) => client.setQueryData(accessKey, next),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!save.isPending) save.mutate();
  };
  return (
    <section aria-labelledby="idle-lock">
      <h2 id="idle-lock">{t('access.idleTitle')}</h2>
      <form onSubmit={submit} className="access-form" noValidate>
        <Field label={t('access.idleMinutes')} error={issueText(save.error)}>
          {(control) => (
            <input
              {...control}
              type="number"
              min={1}
              max={120}
              inputMode="numeric"
              value={shown}
              onChange={(e) => setMinutes(e.target.value)}
            />
          )}
        </Field>
        <p role="status" className="outcome-ok">
          {save.isSuccess ? t('access.saved') : ''}
        </p>
        <div className="form-actions">
          <button type="submit" className="button">
            {t('access.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
