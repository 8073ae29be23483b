import { useTranslation } from 'react-i18next';
import type { Event } from '../../../electron/core/events/schema';
import { href } from '../app/route';
import { countryName } from '../i18n/countries';
import { formatDateRange, languageName } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';
import { HubStatus } from '../sync/HubStatus';
import { ErrorNotice } from '../ui/ErrorNotice';
import { PageHeading } from '../ui/PageHeading';
import { useArchiveEvent } from './queries';
import { Sessions } from './Sessions';
import { WithEvent } from './WithEvent';

export function EventDetailPage({ id }: { id: string }) {
  return <WithEvent id={id}>{(event) => <EventDetail event={event} />}</WithEvent>;
}

function EventDetail({ event }: { event: Event }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const archive = useArchiveEvent();

  return (
    <>
      <div className="page-head">
        <PageHeading>
          {event.title}
          {event.archived && <span className="badge">{t('events.archived')}</span>}
        </PageHeading>
        <div className="actions">
          <a className="button primary" href={href({ screen: 'desk', id: event.id })}>
            {t('desk.open')}
          </a>
          <a className="button" href={href({ screen: 'participants', id: event.id })}>
            {t('roster.title')}
          </a>
          {/* An archived event takes no new people (the core refuses), but its attendance files stay available. */}
          {!event.archived && (
            <a className="button" href={href({ screen: 'import', id: event.id })}>
              {t('imports.open')}
            </a>
          )}
          <a className="button" href={href({ screen: 'export', id: event.id })}>
            {t('exports.open')}
          </a>
          <a className="button" href={href({ screen: 'sync', id: event.id })}>
            {t('sync.open')}
          </a>
          <a className="button" href={href({ screen: 'dashboard', id: event.id })}>
            {t('reports.dashboard.open')}
          </a>
          <a className="button" href={href({ screen: 'event-report', id: event.id })}>
            {t('reports.eventTitle')}
          </a>
          <a className="button" href={href({ screen: 'feedback', id: event.id })}>
            {t('feedback.title')}
          </a>
          {!event.archived && (
            <a className="button" href={href({ screen: 'edit-event', id: event.id })}>
              {t('detail.edit')}
            </a>
          )}
          <button
            type="button"
            className="button"
            disabled={archive.isPending}
            onClick={() => archive.mutate({ id: event.id, archived: !event.archived })}
          >
            {event.archived ? t('detail.restore') : t('detail.archive')}
          </button>
        </div>
      </div>
      <HubStatus eventId={event.id} />
      {archive.isError && <ErrorNotice error={archive.error} />}
      {event.archived && (
        <p className="notice" role="status">
          {t('detail.archivedNotice')}
        </p>
      )}

      <section aria-labelledby="event-facts">
        <h2 id="event-facts" className="visually-hidden">
          {t('detail.facts')}
        </h2>
        <dl className="facts">
          <div>
            <dt>{t('detail.dates')}</dt>
            <dd>{formatDateRange(event.startDate, event.endDate, lang)}</dd>
          </div>
          <div>
            <dt>{t('detail.place')}</dt>
            <dd>{t('events.place', { city: event.city, country: countryName(event.country, lang) })}</dd>
          </div>
          <div>
            <dt>{t('detail.venue')}</dt>
            <dd>{event.venue || <span className="muted">{t('detail.noVenue')}</span>}</dd>
          </div>
          <div>
            <dt>{t('detail.timeZone')}</dt>
            <dd>{event.timeZone.replaceAll('_', ' ')}</dd>
          </div>
          <div>
            <dt>{t('detail.languages')}</dt>
            <dd>{new Intl.ListFormat(lang).format(event.languages.map((code) => languageName(code, lang)))}</dd>
          </div>
        </dl>
      </section>

      <Sessions event={event} />
    </>
  );
}
