import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input, Output } from '../../../electron/core/api/contract';
import { call } from '../api/client';
import { useApi } from '../api/context';
import { saveFile } from '../exports/download';
import { formatDateTime } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Field } from '../ui/Field';
import { Loading } from '../ui/Loading';
import { PageHeading } from '../ui/PageHeading';

type Filter = Input<'audit.export'>;
type Entry = Output<'audit.list'>['entries'][number];
const pageSize = 100;

/** Drops empty fields, so an empty filter is no filter. */
function cleaned(filter: Filter): Filter {
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value)) as Filter;
}

/**
 * The audit trail of this device: newest first, filtered by who, what and when, checked end to end on request, and
 * exported as CSV for whoever must be shown who did what. Entries name records by id; only the actor's name is
 * looked up for the screen (staff names, never a participant's).
 */
export function AuditPage() {
  const { t } = useTranslation();
  const api = useApi();
  const [draft, setDraft] = useState<Filter>({});
  const [filter, setFilter] = useState<Filter>({});
  const members = useQuery({ queryKey: ['access-members'], queryFn: () => call(api, 'access.members', {}) });
  const entries = useInfiniteQuery({
    queryKey: ['audit', filter],
    queryFn: ({ pageParam }) =>
      call(api, 'audit.list', { ...filter, limit: pageSize, ...(pageParam ? { beforeSeq: pageParam } : {}) }),
    initialPageParam: 0,
    getNextPageParam: (page) => (page.more ? page.entries.at(-1)?.seq : undefined),
  });
  const verify = useMutation({ mutationFn: () => call(api, 'audit.verify', {}) });
  const exported = useMutation({ mutationFn: () => call(api, 'audit.export', filter), onSuccess: saveFile });
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilter(cleaned(draft));
  };
  const rows = entries.data?.pages.flatMap((page) => page.entries) ?? [];

  return (
    <>
      <div className="page-head">
        <PageHeading>{t('audit.title')}</PageHeading>
        <div className="actions">
          <button type="button" className="button" onClick={() => verify.mutate()}>
            {t('audit.verify')}
          </button>
          <button type="button" className="button" onClick={() => exported.mutate()}>
            {t('audit.export')}
          </button>
        </div>
      </div>
      <p className="lead">{t('audit.lead')}</p>
      <Verification result={verify.data} />
      {verify.isError && <ErrorNotice error={verify.error} />}
      {exported.isError && <ErrorNotice error={exported.error} />}
      <form onSubmit={apply} className="filters" aria-label={t('audit.filters')}>
        <Field label={t('audit.actor')}>
          {(control) => (
            <select
              {...control}
              value={draft.actor ?? ''}
              onChange={(e) => setDraft({ ...draft, actor: e.target.value })}
            >
              <option value="">{t('audit.anyone')}</option>
              <option value="command-line">{t('audit.commandLine')}</option>
              <option value="kiosk">{t('audit.kiosk')}</option>
              {(members.data ?? []).map((member) => (
                <option key={member.id} value={member.id}>
                  {member.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('audit.action')} hint={t('audit.actionHint')}>
          {(control) => (
            <input
              {...control}
              value={draft.action ?? ''}
              onChange={(e) => setDraft({ ...draft, action: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('audit.from')}>
          {(control) => (
            <input
              {...control}
              type="date"
              value={draft.from ?? ''}
              onChange={(e) => setDraft({ ...draft, from: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('audit.to')}>
          {(control) => (
            <input
              {...control}
              type="date"
              value={draft.to ?? ''}
              onChange={(e) => setDraft({ ...draft, to: e.target.value })}
            />
          )}
        </Field>
        <div className="form-actions">
          <button type="submit" className="button primary">
            {t('audit.apply')}
          </button>
        </div>
      </form>
      {entries.isPending ? (
        <Loading label={t('app.loading')} />
      ) : entries.isError ? (
        <ErrorNotice error={entries.error} title={t('audit.loadFailed')} onRetry={() => void entries.refetch()} />
      ) : rows.length === 0 ? (
        <p className="empty">{t('audit.empty')}</p>
      ) : (
        <AuditTable rows={rows} />
      )}
      {entries.hasNextPage && (
        <button type="button" className="button" onClick={() => void entries.fetchNextPage()}>
          {t('audit.more')}
        </button>
      )}
    </>
  );
}

function Verification({ result }: { result: Output<'audit.verify'> | undefined }) {
  const { t } = useTranslation();
  if (!result) return <p role="status" />;
  if (result.firstBroken) {
    return (
      <p role="alert" className="notice notice-error">
        {t('audit.broken', {
          seq: result.firstBroken.seq,
          reason: t(`audit.reasons.${result.firstBroken.reason}`),
        })}
      </p>
    );
  }
  return (
    <>
      <p role="status" className="outcome-ok">
        {t('audit.intact', { count: result.entries, entries: result.entries })}
      </p>
      {result.restarts.map((restart) => (
        <p key={restart.seq} className="notice">
          {t('audit.restarted', { seq: restart.seq, backup: restart.backup })}
        </p>
      ))}
    </>
  );
}

function AuditTable({ rows }: { rows: Entry[] }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const actor = (entry: Entry) =>
    entry.actorName ??
    (entry.actor === 'command-line'
      ? t('audit.commandLine')
      : entry.actor === 'kiosk'
        ? t('audit.kiosk')
        : entry.actor === 'system'
          ? t('audit.system')
          : entry.actor);
  // A role this version does not know (from a newer device's entries) is shown as written.
  const role = (entry: Entry) => t(`audit.roles.${entry.role}`, { defaultValue: entry.role });
  const pairs = (record: Record<string, string | number>) =>
    Object.entries(record)
      .map(([key, value]) => `${key}: ${value}`)
      .join(', ');
  return (
    <div className="table-wrap">
      <table className="table audit-table">
        <caption className="visually-hidden">{t('audit.title')}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('audit.when')}</th>
            <th scope="col">{t('audit.actor')}</th>
            <th scope="col">{t('audit.role')}</th>
            <th scope="col">{t('audit.action')}</th>
            <th scope="col">{t('audit.records')}</th>
            <th scope="col">{t('audit.counts')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((entry) => (
            <tr key={entry.seq}>
              <th scope="row">{entry.seq}</th>
              <td>{formatDateTime(entry.at, lang)}</td>
              <td>{actor(entry)}</td>
              <td>{role(entry)}</td>
              <td>
                <code>{entry.action}</code>
              </td>
              <td className="ids">{pairs(entry.ids)}</td>
              <td>{pairs(entry.counts)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
