import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { readInvite, syncHubJoinInput } from '../../../electron/core/sync/hub-link-schema';
import { showServerIssues } from '../events/server-issues';
import { Camera } from '../kiosk/Camera';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Field } from '../ui/Field';
import { useHubState, useJoinHub, useLeaveHub } from './queries';

type JoinInput = z.input<typeof syncHubJoinInput>;
type JoinValues = z.output<typeof syncHubJoinInput>;
const fieldNames = ['eventId', 'url', 'passphrase'] as const;

/**
 * Joining the event's sync hub: its address and the event's passphrase, typed or read from the QR code on the hub's
 * own page. From then on the app syncs the event by itself (upload, then download, every few seconds) until staff
 * leave the hub here. How it goes is shown at the top of every page of the event (HubStatus).
 */
export function HubJoin({ eventId }: { eventId: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  const state = useHubState(eventId);
  const leave = useLeaveHub();
  return (
    <section aria-labelledby={headingId} className="import-step">
      <h2 id={headingId}>{t('hub.title')}</h2>
      {state.data?.linked ? (
        <>
          <p>{t('hub.joinedTo', { url: state.data.url ?? '' })}</p>
          {state.data.lastError && <p className="hint code">{state.data.lastError.message}</p>}
          <div className="form-actions">
            <button type="button" className="button" disabled={leave.isPending} onClick={() => leave.mutate(eventId)}>
              {t('hub.leave')}
            </button>
          </div>
          {leave.isError && <ErrorNotice error={leave.error} />}
        </>
      ) : (
        state.data && <JoinForm eventId={eventId} />
      )}
    </section>
  );
}

/**
 * Joins a hub: for the event whose page this is, or (no `eventId`) for an event this device does not have yet, named
 * by its ID, which the hub's code carries. `onJoined` hears of each link made.
 */
export function JoinForm({
  eventId,
  onJoined,
}: {
  eventId?: string | undefined;
  onJoined?: (eventId: string) => void;
}) {
  const { t } = useTranslation();
  const join = useJoinHub();
  const [failure, setFailure] = useState<unknown>(null);
  const [scanning, setScanning] = useState(false);
  const [scanProblem, setScanProblem] = useState('');
  const { register, handleSubmit, formState, setError, setValue } = useForm<JoinInput, unknown, JoinValues>({
    resolver: zodResolver(syncHubJoinInput),
    defaultValues: { eventId: eventId ?? '', url: '', passphrase: '' },
  });
  const error = (name: (typeof fieldNames)[number]) => formState.errors[name]?.message;

  const submit = handleSubmit(async (values) => {
    setFailure(null);
    try {
      await join.mutateAsync(values);
      onJoined?.(values.eventId);
    } catch (err) {
      if (!showServerIssues(err, fieldNames, setError)) setFailure(err);
    }
  });

  // A hub's code fills both fields and joins at once; a badge or another code held up by mistake is ignored.
  const onCode = (text: string) => {
    const invite = readInvite(text);
    if (!invite) return;
    if (eventId !== undefined && invite.eventId !== undefined && invite.eventId !== eventId) {
      setScanProblem(t('hub.otherEvent'));
      return;
    }
    // Fetching an event needs to know which: a hub's general code (no event yet) cannot say.
    if (eventId === undefined && invite.eventId === undefined) return;
    setScanning(false);
    setScanProblem('');
    if (invite.eventId !== undefined) setValue('eventId', invite.eventId);
    setValue('url', invite.url);
    setValue('passphrase', invite.passphrase);
    void submit();
  };

  return (
    <form className="form" noValidate onSubmit={(e) => void submit(e)}>
      <p className="hint">{eventId === undefined ? t('hub.fetchHint') : t('hub.hint')}</p>
      {failure !== null && <ErrorNotice error={failure} title={t('hub.joinFailed')} />}
      {eventId === undefined && (
        <Field label={t('hub.eventId')} hint={t('hub.eventIdHint')} error={error('eventId')}>
          {(c) => <input {...c} autoComplete="off" spellCheck={false} dir="ltr" {...register('eventId')} />}
        </Field>
      )}
      <Field label={t('hub.url')} hint={t('hub.urlHint')} error={error('url')}>
        {(c) => <input {...c} type="url" inputMode="url" autoComplete="off" {...register('url')} />}
      </Field>
      <Field label={t('sync.passphrase')} error={error('passphrase')}>
        {(c) => <input {...c} type="password" autoComplete="off" {...register('passphrase')} />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={join.isPending}>
          {t('hub.join')}
        </button>
        <button type="button" className="button" aria-pressed={scanning} onClick={() => setScanning((on) => !on)}>
          {scanning ? t('hub.stopScan') : t('hub.scan')}
        </button>
      </div>
      {scanning && (
        <div className="hub-scan">
          <p className="hint">{t('hub.scanHint')}</p>
          <Camera onCode={onCode} />
        </div>
      )}
      <p role="status" className="field-error">
        {scanProblem}
      </p>
    </form>
  );
}
