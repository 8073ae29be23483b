import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n/format';
import type { Language } from '../i18n/language';
import { useLanguage } from '../i18n/use-language';
import { useHubState } from './queries';

/**
 * Whether this event's hub answers, shown on the event's pages while the event is joined to one. Only the connection
 * and the last failure are announced (role=status): the time of the last sync changes every few seconds, and a screen
 * reader reading it out each time would drown everything else.
 */
export function HubStatus({ eventId }: { eventId: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const state = useHubState(eventId).data;
  if (!state?.linked) return null;
  return (
    <div className={`hub-status hub-${state.connection}`}>
      <p role="status" className="hub-connection">
        <span className="hub-dot" aria-hidden="true" />
        <strong>{t(`hub.connection.${state.connection}`)}</strong>
        {state.lastError && <span> · {t(`hub.failure.${state.lastError.kind}`)}</span>}
      </p>
      <p className="hub-facts">
        <span>
          {state.lastSuccessAt
            ? t('hub.lastSync', { when: syncTime(state.lastSuccessAt, lang) })
            : t('hub.neverSynced')}
        </span>
        {state.waiting !== null && <span> · {t('hub.waiting', { count: formatNumber(state.waiting, lang) })}</span>}
      </p>
    </div>
  );
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** With seconds: rounds are seconds apart, and staff checking the hub answers want to see the time move. */
function syncTime(iso: string, lang: Language): string {
  let format = formats.get(lang);
  if (!format) formats.set(lang, (format = new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'medium' })));
  return format.format(new Date(iso));
}
