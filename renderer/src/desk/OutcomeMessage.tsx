import { useTranslation } from 'react-i18next';
import { ApiCallError } from '../api/client';
import { formatTime } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';
import { useDevice } from '../participants/queries';
import type { Outcome } from './use-desk-actions';

/**
 * What the desk says after each action, in two live regions that are always in the page (a region added together
 * with its text is often not announced): successes politely, warnings and failures at once.
 */
export function OutcomeMessage({ outcome, timeZone }: { outcome: Outcome | null; timeZone: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const device = useDevice();
  const time = (iso: string) => formatTime(iso, lang, timeZone);

  let good: { title: string; detail?: string } | null = null;
  let bad: { title: string; detail?: string; retry?: () => void } | null = null;
  switch (outcome?.kind) {
    case undefined:
      break;
    case 'checked_in':
      good = { title: t('desk.outcome.checkedIn', { name: outcome.name }), detail: time(outcome.at) };
      break;
    case 'checked_out':
      good = { title: t('desk.outcome.checkedOut', { name: outcome.name }), detail: time(outcome.at) };
      break;
    case 'registered':
      good = { title: t('desk.outcome.registered', { name: outcome.name }) };
      break;
    case 'undone':
      good = { title: t('desk.outcome.undone', { name: outcome.name }) };
      break;
    case 'already': {
      const first = outcome.first;
      bad = {
        title: t('desk.outcome.already', { name: outcome.name }),
        detail: !first
          ? undefined
          : first.device === device
            ? t('desk.outcome.alreadyHere', { time: time(first.at) })
            : t('desk.outcome.alreadyElsewhere', { time: time(first.at), device: first.device }),
      };
      break;
    }
    case 'cancelled':
      bad = { title: t('desk.outcome.cancelled', { name: outcome.name }), detail: t('desk.outcome.cancelledHint') };
      break;
    case 'failed':
      bad = {
        title: t('desk.outcome.failed', { name: outcome.name }),
        detail: t('desk.outcome.failedHint'),
        retry: outcome.retry,
      };
      break;
    case 'refused':
      bad = {
        title: t('desk.outcome.refused', { name: outcome.name }),
        detail: outcome.error instanceof ApiCallError ? outcome.error.message : undefined,
      };
      break;
  }

  return (
    <div className="desk-outcome">
      <div role="status" aria-atomic="true">
        {good && (
          <div className="outcome outcome-ok">
            <p className="outcome-title">{good.title}</p>
            {good.detail && <p className="outcome-detail">{good.detail}</p>}
          </div>
        )}
      </div>
      <div role="alert" aria-atomic="true">
        {bad && (
          <div className="outcome outcome-warning">
            <p className="outcome-title">{bad.title}</p>
            {bad.detail && <p className="outcome-detail">{bad.detail}</p>}
            {bad.retry && (
              <button type="button" className="button" onClick={bad.retry}>
                {t('common.retry')}
              </button>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
