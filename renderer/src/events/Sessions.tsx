import { useTranslation } from 'react-i18next';
import type { Event } from '../../../electron/core/events/schema';
import { AddSessionForm } from './AddSessionForm';
import { SessionRow } from './SessionRow';

/** The event's sessions, each editable in place, and a form to add one. Archived events are read-only. */
export function Sessions({ event }: { event: Event }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="sessions-title" className="sessions">
      <h2 id="sessions-title">{t('sessions.title')}</h2>
      <div className="table-wrap">
        <table className="table sessions-table">
          <caption className="visually-hidden">{t('sessions.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sessions.name')}</th>
              <th scope="col">{t('sessions.date')}</th>
              <th scope="col">{t('sessions.startTime')}</th>
              <th scope="col">{t('sessions.endTime')}</th>
              <th scope="col">{t('sessions.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {event.sessions.map((session) => (
              <SessionRow key={session.id} session={session} event={event} />
            ))}
          </tbody>
        </table>
      </div>
      {!event.archived && <AddSessionForm event={event} />}
    </section>
  );
}
