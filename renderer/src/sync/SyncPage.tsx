import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/core/api/contract';
import type { Event } from '../../../electron/core/events/schema';
import { ApiCallError, call } from '../api/client';
import { useApi } from '../api/context';
import { EventPageHead, WithEvent } from '../events/WithEvent';
import { saveFile } from '../exports/download';
import { formatDateTime, formatNumber } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';
import { readUpload } from '../imports/file';
import { newJobId, pollMs, useCancelJob, working } from '../jobs/use-job';
import { ErrorNotice } from '../ui/ErrorNotice';
import { PageHeading } from '../ui/PageHeading';
import { JobProgress } from '../ui/JobProgress';
import { HubFetch } from './HubFetch';
import { HubJoin } from './HubJoin';

const phases = ['reading', 'sealing', 'verifying', 'checking', 'applying'] as const;

/** Where a sync task stands, polled with the job id the screen gave it, while its own call is on its way. */
function useSyncProgress(jobId: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['sync', 'progress', jobId ?? ''],
    queryFn: () => call(api, 'sync.progress', { jobId: jobId ?? '' }),
    enabled: jobId !== null,
    refetchInterval: pollMs,
    retry: false,
    gcTime: 0,
  });
}

function wasCancelled(error: unknown): boolean {
  return error instanceof ApiCallError && error.code === 'cancelled';
}

/** The Cancel button that may hold the focus goes with the progress: the focus returns to the button that started it. */
function refocus(submit: RefObject<HTMLButtonElement | null>): void {
  const focus = document.activeElement;
  if (!focus || focus === document.body || focus.closest('.job-progress')) submit.current?.focus();
}

export function SyncPage({ id }: { id: string }) {
  return <WithEvent id={id}>{(event) => <Sync event={event} />}</WithEvent>;
}

/**
 * Sync by file, for venues without a network: a sealed bundle of this event's records for headquarters (or another
 * kiosk) on a USB stick, and a bundle from a kiosk merged in here. Both need the event's sync passphrase, which
 * encrypts the bundle; nothing is written until a bundle is checked whole.
 */
function Sync({ event }: { event: Event }) {
  const { t } = useTranslation();
  const api = useApi();
  const lang = useLanguage();
  const ids = { out: useId(), outPass: useId() };
  const status = useQuery({
    queryKey: ['sync', 'status', event.id],
    queryFn: () => call(api, 'sync.status', { eventId: event.id }),
  });
  const [exportPass, setExportPass] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const [saved, setSaved] = useState('');
  const progress = useSyncProgress(jobId);
  const cancel = useCancelJob('sync');
  const exportSubmit = useRef<HTMLButtonElement>(null);

  const exportBundle = useMutation({
    mutationFn: async () => {
      const job = newJobId();
      setJobId(job);
      return call(api, 'sync.export', { eventId: event.id, passphrase: exportPass, jobId: job });
    },
    onSuccess: (bundle) => {
      saveFile({ fileName: bundle.fileName, mediaType: 'application/octet-stream', data: bundle.data });
      setSaved(
        t('sync.saved', { name: bundle.fileName, count: bundle.changes, changes: formatNumber(bundle.changes, lang) }),
      );
    },
    onSettled: () => {
      setJobId(null);
      refocus(exportSubmit);
    },
  });
  const busy = exportBundle.isPending;
  const phase = working(progress.data, phases);

  const submitExport = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setSaved('');
    exportBundle.mutate();
  };

  return (
    <>
      <EventPageHead title={t('sync.title')} event={event} />
      <p className="lead">{t('sync.lead')}</p>
      {status.data && (
        <dl className="facts">
          <div>
            <dt>{t('sync.changes')}</dt>
            <dd>{formatNumber(status.data.changes, lang)}</dd>
          </div>
          <div>
            <dt>{t('sync.devices')}</dt>
            <dd>{formatNumber(Object.keys(status.data.vector).length, lang)}</dd>
          </div>
          <div>
            <dt>{t('sync.fingerprint')}</dt>
            <dd className="code">{status.data.digest.slice(0, 12)}</dd>
          </div>
        </dl>
      )}
      {status.data && <Devices vector={status.data.vector} self={status.data.device} />}
      <Conflicts eventId={event.id} />

      <section aria-labelledby={ids.out} className="import-step">
        <h2 id={ids.out}>{t('sync.export.title')}</h2>
        <form className="form" onSubmit={submitExport}>
          <p className="hint">{t('sync.export.hint')}</p>
          <div className="field">
            <label htmlFor={ids.outPass}>{t('sync.passphrase')}</label>
            <input
              id={ids.outPass}
              type="password"
              autoComplete="off"
              minLength={8}
              value={exportPass}
              onChange={(e) => setExportPass(e.target.value)}
            />
          </div>
          <div className="form-actions">
            <button ref={exportSubmit} type="submit" className="button primary" aria-disabled={busy}>
              {t('sync.export.submit')}
            </button>
          </div>
        </form>
        {busy && (
          <JobProgress
            label={t('sync.exporting')}
            phase={phase ? t(`sync.phase.${phase.phase}`) : undefined}
            done={phase?.done ?? 0}
            total={phase?.total ?? 0}
            cancelling={cancel.isPending}
            onCancel={() => jobId && cancel.mutate(jobId)}
          />
        )}
        <p role="status" className={wasCancelled(exportBundle.error) ? 'notice' : 'outcome-ok'}>
          {saved}
          {exportBundle.isError && wasCancelled(exportBundle.error) && t('sync.exportCancelled')}
        </p>
        {exportBundle.isError && !wasCancelled(exportBundle.error) && (
          <ErrorNotice error={exportBundle.error} title={t('sync.export.failed')} />
        )}
      </section>

      <ImportBundle eventId={event.id} />
      <HubJoin eventId={event.id} />
    </>
  );
}

/** A bundle from another device merged into this one: for a known event, or one this device has never seen. */
export function SyncInboxPage() {
  const { t } = useTranslation();
  return (
    <>
      <div className="page-head">
        <PageHeading>{t('sync.inbox')}</PageHeading>
      </div>
      <p className="lead">{t('sync.lead')}</p>
      <ImportBundle eventId={undefined} />
      <HubFetch />
    </>
  );
}

function ImportBundle({ eventId }: { eventId: string | undefined }) {
  const { t } = useTranslation();
  const api = useApi();
  const lang = useLanguage();
  const queryClient = useQueryClient();
  const ids = { in: useId(), file: useId(), inPass: useId() };
  const [importPass, setImportPass] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [merged, setMerged] = useState<Output<'sync.import'> | null>(null);
  const progress = useSyncProgress(jobId);
  const cancel = useCancelJob('sync');
  const importSubmit = useRef<HTMLButtonElement>(null);
  const importBundle = useMutation({
    mutationFn: async (chosen: File) => {
      const upload = await readUpload(chosen);
      const job = newJobId();
      setJobId(job);
      return call(api, 'sync.import', {
        data: upload.data,
        passphrase: importPass,
        jobId: job,
        ...(eventId === undefined ? {} : { eventId }),
      });
    },
    onSuccess: (result) => {
      setMerged(result);
      // Everything about the event may have changed: its people, check-ins and counters.
      return queryClient.invalidateQueries();
    },
    onSettled: () => {
      setJobId(null);
      refocus(importSubmit);
    },
  });
  const busy = importBundle.isPending;
  const phase = working(progress.data, phases);
  const submitImport = (e: FormEvent) => {
    e.preventDefault();
    if (busy || !file) return;
    setMerged(null);
    importBundle.mutate(file);
  };

  return (
    <section aria-labelledby={ids.in} className="import-step">
      <h2 id={ids.in}>{t('sync.import.title')}</h2>
      <form className="form" onSubmit={submitImport}>
        <p className="hint">{t('sync.import.hint')}</p>
        <div className="field">
          <label htmlFor={ids.file}>{t('sync.import.file')}</label>
          <input id={ids.file} type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        <div className="field">
          <label htmlFor={ids.inPass}>{t('sync.passphrase')}</label>
          <input
            id={ids.inPass}
            type="password"
            autoComplete="off"
            value={importPass}
            onChange={(e) => setImportPass(e.target.value)}
          />
        </div>
        <div className="form-actions">
          <button ref={importSubmit} type="submit" className="button primary" aria-disabled={busy || !file}>
            {t('sync.import.submit')}
          </button>
        </div>
      </form>
      {busy && (
        <JobProgress
          label={t('sync.importing')}
          phase={phase ? t(`sync.phase.${phase.phase}`) : undefined}
          done={phase?.done ?? 0}
          total={phase?.total ?? 0}
          cancelling={cancel.isPending}
          onCancel={() => jobId && cancel.mutate(jobId)}
        />
      )}
      <p role="status" className={wasCancelled(importBundle.error) ? 'notice' : 'outcome-ok'}>
        {merged &&
          t('sync.import.done', {
            count: merged.applied,
            applied: formatNumber(merged.applied, lang),
            duplicates: formatNumber(merged.duplicates, lang),
          })}
        {importBundle.isError && wasCancelled(importBundle.error) && t('sync.importCancelled')}
      </p>
      {importBundle.isError && !wasCancelled(importBundle.error) && (
        <ErrorNotice error={importBundle.error} title={t('sync.import.failed')} />
      )}
    </section>
  );
}

/** The devices this event's records came from, with the time of the newest change from each. */
function Devices({ vector, self }: { vector: Record<string, string>; self: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const devices = Object.entries(vector).sort(([, a], [, b]) => b.localeCompare(a));
  if (devices.length === 0) return null;
  return (
    <div className="table-wrap">
      <table className="table">
        <caption>{t('sync.devicesCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sync.device')}</th>
            <th scope="col">{t('sync.lastChange')}</th>
          </tr>
        </thead>
        <tbody>
          {devices.map(([device, hlc]) => (
            <tr key={device}>
              <th scope="row" className="code">
                {device === self ? t('sync.thisDevice', { device }) : device}
              </th>
              <td>{formatDateTime(hlc.slice(0, 24), lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Where two devices disagreed, and what the merge kept: staff check these after bringing kiosks together. */
function Conflicts({ eventId }: { eventId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const lang = useLanguage();
  const headingId = useId();
  const conflicts = useQuery({
    queryKey: ['sync', 'conflicts', eventId],
    queryFn: () => call(api, 'sync.conflicts', { eventId }),
  });
  if (!conflicts.data) return null;
  const { duplicateCheckIns, uncountedCheckIns, possibleDuplicates, fieldConflicts } = conflicts.data;
  const none = [duplicateCheckIns, uncountedCheckIns, possibleDuplicates, fieldConflicts].every((l) => l.length === 0);
  return (
    <section aria-labelledby={headingId} className="import-step">
      <h2 id={headingId}>{t('sync.conflicts.title')}</h2>
      {none && <p>{t('sync.conflicts.none')}</p>}
      {duplicateCheckIns.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption>{t('sync.conflicts.checkIns')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sync.conflicts.person')}</th>
                <th scope="col">{t('sync.conflicts.session')}</th>
                <th scope="col" className="numeric">
                  {t('sync.conflicts.times')}
                </th>
                <th scope="col">{t('sync.conflicts.kept')}</th>
              </tr>
            </thead>
            <tbody>
              {duplicateCheckIns.map((d) => (
                <tr key={`${d.sessionId}:${d.registrationId}`}>
                  <th scope="row" dir="auto">
                    {d.name}
                  </th>
                  <td dir="auto">{d.sessionName}</td>
                  <td className="numeric">{formatNumber(d.checkIns, lang)}</td>
                  <td>{t('sync.conflicts.keptOn', { when: formatDateTime(d.keptAt, lang), device: d.keptDevice })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {uncountedCheckIns.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption>{t('sync.conflicts.uncounted')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sync.conflicts.person')}</th>
                <th scope="col">{t('sync.conflicts.session')}</th>
                <th scope="col">{t('sync.conflicts.why')}</th>
                <th scope="col">{t('sync.conflicts.checkedIn')}</th>
              </tr>
            </thead>
            <tbody>
              {uncountedCheckIns.map((u) => (
                <tr key={`${u.sessionId}:${u.registrationId}`}>
                  <th scope="row" dir="auto">
                    {u.name}
                  </th>
                  <td dir="auto">{u.sessionName}</td>
                  <td>{t(`sync.conflicts.reason.${u.reason}`)}</td>
                  <td>{t('sync.conflicts.keptOn', { when: formatDateTime(u.at, lang), device: u.device })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {possibleDuplicates.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption>{t('sync.conflicts.duplicates')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sync.conflicts.person')}</th>
                <th scope="col">{t('sync.conflicts.otherRecord')}</th>
                <th scope="col">{t('sync.conflicts.alike')}</th>
              </tr>
            </thead>
            <tbody>
              {possibleDuplicates.map((d) => (
                <tr key={`${d.registrationId}:${d.otherRegistrationId}`}>
                  <th scope="row" dir="auto">
                    {d.name}
                  </th>
                  <td dir="auto">{d.otherName}</td>
                  <td>{t(`sync.conflicts.sameBy.${d.reason}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {fieldConflicts.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption>{t('sync.conflicts.fields')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sync.conflicts.person')}</th>
                <th scope="col">{t('sync.conflicts.field')}</th>
                <th scope="col">{t('sync.conflicts.won')}</th>
                <th scope="col">{t('sync.conflicts.lost')}</th>
              </tr>
            </thead>
            <tbody>
              {fieldConflicts.map((c) => {
                const [won, ...lost] = c.values;
                return (
                  <tr key={`${c.recordId}:${c.field}`}>
                    <th scope="row" dir="auto">
                      {c.name}
                    </th>
                    <td className="code">{c.field}</td>
                    <td dir="auto">{won ? String(won.value ?? '') : ''}</td>
                    <td dir="auto">{lost.map((v) => String(v.value ?? '')).join(' · ')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
