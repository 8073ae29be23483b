import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncHubState } from '../../../electron/core/sync/hub-link-schema';
import { call } from '../api/client';
import { useApi } from '../api/context';
import { href } from '../app/route';
import { ErrorNotice } from '../ui/ErrorNotice';
import { JoinForm } from './HubJoin';
import { hubStatePollMs, useLeaveHub } from './queries';

/**
 * Taking an event straight from a hub, for a device that does not have it yet (a kiosk set up at the venue): join it
 * by the event's ID, and the background loop's first round brings the whole event. Until then the link waits here,
 * saying how its rounds go; once the event is here it is on the events list like any other.
 */
export function HubFetch() {
  const { t } = useTranslation();
  const headingId = useId();
  const [joined, setJoined] = useState<string[]>([]);
  const waiting = useWaitingLinks();
  const pending = new Set((waiting.data ?? []).map((link) => link.eventId));
  const arrived = waiting.data ? joined.filter((id) => !pending.has(id)) : [];
  return (
    <section aria-labelledby={headingId} className="import-step">
      <h2 id={headingId}>{t('hub.fetchTitle')}</h2>
      <JoinForm onJoined={(eventId) => setJoined((ids) => (ids.includes(eventId) ? ids : [...ids, eventId]))} />
      {waiting.isError && <ErrorNotice error={waiting.error} />}
      {waiting.data && waiting.data.length > 0 && <WaitingLinks links={waiting.data} />}
      {arrived.map((eventId) => (
        <Arrived key={eventId} eventId={eventId} />
      ))}
    </section>
  );
}

function useWaitingLinks() {
  const api = useApi();
  return useQuery({
    queryKey: ['sync', 'hub', 'waiting'],
    queryFn: () => call(api, 'sync.hub.waiting', {}),
    refetchInterval: hubStatePollMs,
  });
}

function WaitingLinks({ links }: { links: SyncHubState[] }) {
  const { t } = useTranslation();
  const headingId = useId();
  const leave = useLeaveHub();
  return (
    <div aria-labelledby={headingId}>
      <h3 id={headingId}>{t('hub.waitingTitle')}</h3>
      <ul className="hub-waiting">
        {links.map((link) => (
          <li key={link.eventId}>
            <p role="status">
              <strong>{t(`hub.connection.${link.connection}`)}</strong>
              {link.lastError && <span> · {t(`hub.failure.${link.lastError.kind}`)}</span>}
            </p>
            <p className="hint">
              {t('hub.waitingEvent', { id: link.eventId })} · {link.url}
            </p>
            <button
              type="button"
              className="button"
              disabled={leave.isPending}
              onClick={() => leave.mutate(link.eventId)}
            >
              {t('hub.leave')}
            </button>
          </li>
        ))}
      </ul>
      {leave.isError && <ErrorNotice error={leave.error} />}
    </div>
  );
}

/** An event fetched while this page was open: its name and the way to it. */
function Arrived({ eventId }: { eventId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  // Until the first round has brought the event, asking for it answers not_found: ask again as the loop goes on.
  const event = useQuery({
    queryKey: ['events', 'get', eventId],
    queryFn: () => call(api, 'event.get', { id: eventId }),
    retry: false,
    refetchInterval: (query) => (query.state.data ? false : hubStatePollMs),
  });
  if (!event.data) return null;
  return (
    <p role="status">
      {t('hub.arrived')}{' '}
      <a href={href({ screen: 'event', id: eventId })}>{t('hub.openArrived', { title: event.data.title })}</a>
    </p>
  );
}
