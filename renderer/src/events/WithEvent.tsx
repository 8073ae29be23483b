import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Event } from '../../../electron/core/events/schema';
import { href } from '../app/route';
import { HubStatus } from '../sync/HubStatus';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Loading } from '../ui/Loading';
import { PageHeading } from '../ui/PageHeading';
import { useEvent } from './queries';

/**
 * Loads the event an event-scoped screen is about: a loading line while it comes, the failure with a retry if it
 * does not, and once it is there the screen itself, rendered by `children`.
 */
export function WithEvent({ id, children }: { id: string; children: (event: Event) => ReactNode }) {
  const { t } = useTranslation();
  const query = useEvent(id);
  if (query.isPending) return <Loading label={t('detail.loading')} />;
  if (query.isError) {
    return (
      <>
        <PageHeading>{t('detail.loadFailed')}</PageHeading>
        <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  return children(query.data);
}

/**
 * The head of a screen inside an event: its title with the event's title under it, then the links to other screens
 * of the event (`children`) and, last, the link back to the event.
 */
export function EventPageHead({ title, event, children }: { title: string; event: Event; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="page-head">
      <div>
        <PageHeading>{title}</PageHeading>
        <p className="page-subtitle">{event.title}</p>
        <HubStatus eventId={event.id} />
      </div>
      <div className="actions">
        {children}
        <a className="button" href={href({ screen: 'event', id: event.id })}>
          {t('desk.backToEvent')}
        </a>
      </div>
    </div>
  );
}
