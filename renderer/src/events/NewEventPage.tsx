import { useTranslation } from 'react-i18next';
import { defaultRetentionDays, type EventInput } from '../../../electron/core/events/schema';
import { navigate } from '../app/route';
import { useLanguage } from '../i18n/use-language';
import { PageHeading } from '../ui/PageHeading';
import { EventForm } from './EventForm';
import { useCreateEvent } from './queries';
import { localTimeZone } from './time-zones';

export function NewEventPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const create = useCreateEvent();
  const blank: EventInput = {
    title: '',
    venue: '',
    city: '',
    country: '',
    startDate: '',
    endDate: '',
    timeZone: localTimeZone(),
    languages: [lang],
    retentionDays: defaultRetentionDays,
  };
  return (
    <>
      <PageHeading>{t('form.newTitle')}</PageHeading>
      <p className="lead">{t('form.intro')}</p>
      <EventForm
        initial={blank}
        submitLabel={t('form.create')}
        onSave={async (values) => {
          const event = await create.mutateAsync(values);
          navigate({ screen: 'event', id: event.id });
        }}
        onCancel={() => navigate({ screen: 'events' })}
      />
    </>
  );
}
