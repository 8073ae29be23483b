import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';
import { useCounters } from '../participants/queries';
import { ErrorNotice } from '../ui/ErrorNotice';

/**
 * The session's figures: checked in against expected, and by gender (donors ask for the share of women). Refreshed
 * after every action at this desk and every few seconds for the others'. Not a live region: a number read out after
 * every check-in would drown the message that matters.
 */
export function Counters({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const headingId = useId();
  const query = useCounters(sessionId);
  const n = (value: number) => formatNumber(value, lang);
  const of = (tally: { checkedIn: number; expected: number }) =>
    t('desk.counters.of', { checkedIn: n(tally.checkedIn), expected: n(tally.expected) });

  return (
    <section className="counters" aria-labelledby={headingId}>
      <h2 id={headingId} className="visually-hidden">
        {t('desk.counters.title')}
      </h2>
      {query.isError ? (
        <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <dl className="counter-list" aria-busy={query.isPending}>
          <div className="counter counter-main">
            <dt>{t('desk.counters.checkedIn')}</dt>
            <dd data-testid="counter-total">{query.data ? of(query.data) : '–'}</dd>
          </div>
          <div className="counter">
            <dt>{t('desk.counters.women')}</dt>
            <dd>{query.data ? of(query.data.byGender.female) : '–'}</dd>
          </div>
          <div className="counter">
            <dt>{t('desk.counters.men')}</dt>
            <dd>{query.data ? of(query.data.byGender.male) : '–'}</dd>
          </div>
          <div className="counter">
            <dt>{t('desk.counters.other')}</dt>
            <dd>
              {query.data
                ? of({
                    checkedIn: query.data.byGender.another.checkedIn + query.data.byGender.not_stated.checkedIn,
                    expected: query.data.byGender.another.expected + query.data.byGender.not_stated.expected,
                  })
                : '–'}
            </dd>
          </div>
        </dl>
      )}
    </section>
  );
}
