import { useTranslation } from 'react-i18next';
import type { Event, EventInput } from '../../../electron/core/events/schema';
import { navigate } from '../app/route';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Loading } from '../ui/Loading';
import { PageHeading } from '../ui/PageHeading';
import { changedFields } from './changes';
import { EventForm } from './EventForm';
import { useEvent, useUpdateEvent } from './queries';

export function EditEventPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const query = useEvent(id);
  return (
    <>
      <PageHeading>{t('form.editTitle')}</PageHeading>
      {query.isPending ? (
        <Loading label={t('detail.loading')} />
      ) : query.isError ? (
        <ErrorNotice error={query.error} title={t('detail.loadFailed')} onRetry={() => void query.refetch()} />
      ) : (
        <EditEvent event={query.data} />
      )}
    </>
  );
}

export function formValues(event: Event): EventInput {
  const { title, venue, city, country, startDate, endDate, timeZone, languages } = event;
  const { signatureRequired, privacyNotice, privacyNoticeVersion, retentionDays } = event;
  return {
    title,
    venue,
    city,
    country,
    startDate,
    endDate,
    timeZone,
    languages,
    signatureRequired,
    privacyNotice,
    privacyNoticeVersion,
    retentionDays,
  };
}

/** Sends only the fields the user changed; an untouched form saves nothing. */
export function EditEvent({ event }: { event: Event }) {
  const { t } = useTranslation();
  const update = useUpdateEvent();
  const initial = formValues(event);
  const back = () => navigate({ screen: 'event', id: event.id });
  return (
    <EventForm
      initial={initial}
      submitLabel={t('form.saveChanges')}
      onSave={async (values) => {
        const changes = changedFields(initial, values);
        if (Object.keys(changes).length > 0) await update.mutateAsync({ id: event.id, changes });
        back();
      }}
      onCancel={back}
    />
  );
}
