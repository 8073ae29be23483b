import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/core/api/contract';
import { call } from '../api/client';
import { useApi } from '../api/context';
import { formatBytes, formatDateTime } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';
import { Dialog } from '../ui/Dialog';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Loading } from '../ui/Loading';
import { PageHeading } from '../ui/PageHeading';

type Backup = Output<'backup.list'>[number];

const backupsKey = ['backups'] as const;

function useTaken() {
  const lang = useLanguage();
  return (backup: Backup) => formatDateTime(backup.createdAt, lang);
}

/**
 * This machine's backups: taken at start-up, every 15 minutes while something changed, before an upgrade and on
 * demand. Restoring one replaces everything entered since, so it asks first, and backs up what it replaces.
 */
export function BackupsPage() {
  const { t } = useTranslation();
  const api = useApi();
  const lang = useLanguage();
  const taken = useTaken();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: backupsKey, queryFn: () => call(api, 'backup.list', {}) });
  const [asking, setAsking] = useState<Backup | null>(null);
  const [done, setDone] = useState('');
  const create = useMutation({
    mutationFn: () => call(api, 'backup.create', {}),
    onSuccess: (made) => {
      setDone(t('backups.made', { when: taken(made) }));
      return queryClient.invalidateQueries({ queryKey: backupsKey });
    },
  });
  const restore = useMutation({
    mutationFn: (backup: Backup) => call(api, 'backup.restore', { name: backup.name }),
    onSuccess: (restored) => {
      setAsking(null);
      setDone(t('backups.restored', { when: taken(restored) }));
      // Every screen's data changed underneath it.
      return queryClient.invalidateQueries();
    },
  });
  const busy = create.isPending || restore.isPending;

  return (
    <>
      <div className="page-head">
        <PageHeading>{t('backups.title')}</PageHeading>
        <button
          type="button"
          className="button primary"
          aria-disabled={busy}
          onClick={() => {
            if (!busy) create.mutate();
          }}
        >
          {create.isPending ? t('backups.making') : t('backups.makeNow')}
        </button>
      </div>
      <p className="lead">{t('backups.lead')}</p>
      <p role="status" className="outcome-ok">
        {done}
      </p>
      {create.isError && <ErrorNotice error={create.error} title={t('backups.makeFailed')} />}
      {list.isPending ? (
        <Loading label={t('backups.loading')} />
      ) : list.isError ? (
        <ErrorNotice error={list.error} title={t('backups.loadFailed')} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <p className="empty">{t('backups.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('backups.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('backups.taken')}</th>
                <th scope="col">{t('backups.why')}</th>
                <th scope="col" className="numeric">
                  {t('backups.size')}
                </th>
                <th scope="col">
                  <span className="visually-hidden">{t('backups.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((backup) => (
                <tr key={backup.name}>
                  <th scope="row">{taken(backup)}</th>
                  <td>{t(`backups.reason.${backup.reason}`)}</td>
                  <td className="numeric">{formatBytes(backup.bytes, lang)}</td>
                  <td>
                    <button
                      type="button"
                      className="button"
                      aria-label={t('backups.restoreOne', { when: taken(backup) })}
                      aria-disabled={busy}
                      onClick={() => {
                        if (busy) return;
                        restore.reset();
                        setAsking(backup);
                      }}
                    >
                      {t('backups.restore')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {asking && (
        <Dialog title={t('backups.confirmTitle')} subtitle={taken(asking)} onClose={() => setAsking(null)}>
          <p>{t('backups.confirm')}</p>
          {restore.isError && <ErrorNotice error={restore.error} title={t('backups.restoreFailed')} />}
          <div className="form-actions">
            <button
              type="button"
              className="button danger"
              aria-disabled={busy}
              onClick={() => {
                if (!busy) restore.mutate(asking);
              }}
            >
              {restore.isPending ? t('backups.restoring') : t('backups.restore')}
            </button>
            <button type="button" className="button" onClick={() => setAsking(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </Dialog>
      )}
    </>
  );
}
