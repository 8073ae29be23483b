import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventSummary } from '../../../electron/core/events/schema';
import { href, navigate } from '../app/route';
import { countryName } from '../i18n/countries';
import { formatDateRange } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Loading } from '../ui/Loading';
import { PageHeading } from '../ui/PageHeading';
import { useEventList } from './queries';

const archivedKey = 'muster.showArchived';

// Remembered for the session, so coming back from an event shows the same list.
function useShowArchived() {
  const [show, setShow] = useState(() => sessionStorage.getItem(archivedKey) === '1');
  const change = (next: boolean) => {
    sessionStorage.setItem(archivedKey, next ? '1' : '0');
    setShow(next);
  };
  return [show, change] as const;
}

export function EventList() {
  const { t } = useTranslation();
  const [showArchived, setShowArchived] = useShowArchived();
  const query = useEventList(showArchived);

  return (
    <>
      <div className="page-head">
        <PageHeading>{t('events.title')}</PageHeading>
        <div className="actions">
          <a className="button" href={href({ screen: 'sync-inbox' })}>
            {t('sync.inboxLink')}
          </a>
          <a className="button primary" href={href({ screen: 'new-event' })}>
            {t('events.newEvent')}
          </a>
        </div>
      </div>
      <label className="checkbox toggle">
        <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />
        {t('events.showArchived')}
      </label>
      {query.isPending ? (
        <Loading label={t('events.loading')} />
      ) : query.isError ? (
        <ErrorNotice error={query.error} title={t('events.loadFailed')} onRetry={() => void query.refetch()} />
      ) : query.data.length === 0 ? (
        <div className="empty">
          <p className="empty-title">{showArchived ? t('events.emptyArchived') : t('events.empty')}</p>
          <p>{t('events.emptyHint')}</p>
        </div>
      ) : (
        <EventTable events={query.data} />
      )}
    </>
  );
}

function EventTable({ events }: { events: EventSummary[] }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <div className="table-wrap">
      <table className="table events-table">
        <caption className="visually-hidden">{t('events.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('events.columns.title')}</th>
            <th scope="col">{t('events.columns.place')}</th>
            <th scope="col">{t('events.columns.dates')}</th>
            <th scope="col" className="numeric">
              {t('events.columns.sessions')}
            </th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            // The link in the first cell is the keyboard and screen-reader way in; a click anywhere on the row is a
            // convenience for the mouse.
            <tr
              key={event.id}
              className={event.archived ? 'clickable archived' : 'clickable'}
              onClick={(e) => {
                if (!(e.target instanceof HTMLAnchorElement)) navigate({ screen: 'event', id: event.id });
              }}
            >
              <th scope="row">
                <a href={href({ screen: 'event', id: event.id })}>{event.title}</a>
                {event.archived && <span className="badge">{t('events.archived')}</span>}
              </th>
              <td>{t('events.place', { city: event.city, country: countryName(event.country, lang) })}</td>
              <td>{formatDateRange(event.startDate, event.endDate, lang)}</td>
              <td className="numeric">{event.sessionCount.toLocaleString(lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
