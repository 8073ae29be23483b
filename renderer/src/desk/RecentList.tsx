import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { recentEntry } from '../../../electron/core/checkin/schema';
import { formatTime } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';
import { useLabels } from '../participants/labels';
import { useRecent } from '../participants/queries';
import { ErrorNotice } from '../ui/ErrorNotice';

export type RecentEntry = z.output<typeof recentEntry>;

interface RecentListProps {
  sessionId: string;
  timeZone: string;
  /** The record an undo is on its way for, if any. */
  pending: string | null;
  archived: boolean;
  onUndo: (entry: RecentEntry, name: string) => void;
}

/** The last check-ins and check-outs made at this desk for the session, each with a one-click Undo. */
export function RecentList({ sessionId, timeZone, pending, archived, onUndo }: RecentListProps) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const labels = useLabels();
  const headingId = useId();
  const query = useRecent(sessionId);
  const entries = query.data ?? [];

  return (
    <section className="recent" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('desk.recent.title')}</h2>
      {query.isError && <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />}
      {query.isSuccess && entries.length === 0 && <p className="muted">{t('desk.recent.empty')}</p>}
      {entries.length > 0 && (
        <ol className="recent-list">
          {entries.map((entry) => {
            const name = `${entry.givenNames} ${entry.familyName}`.trim();
            const what =
              entry.kind === 'check_in'
                ? t('desk.recent.checkedIn')
                : entry.kind === 'check_out'
                  ? t('desk.recent.checkedOut')
                  : t('desk.recent.reversal');
            return (
              <li key={entry.id} className={entry.undone ? 'recent-entry undone' : 'recent-entry'}>
                <span className="recent-name">{name}</span>
                <span className="recent-meta">
                  {[what, formatTime(entry.at, lang, timeZone), entry.method ? labels.method(entry.method) : null]
                    .filter(Boolean)
                    .join(' · ')}
                  {entry.undone && ` · ${t('desk.recent.undone')}`}
                </span>
                {entry.kind !== 'reversal' && !entry.undone && !archived && (
                  <button
                    type="button"
                    className="button small"
                    disabled={pending !== null}
                    aria-label={
                      entry.kind === 'check_in'
                        ? t('desk.recent.undoCheckIn', { name })
                        : t('desk.recent.undoCheckOut', { name })
                    }
                    onClick={() => onUndo(entry, name)}
                  >
                    {pending === entry.id ? t('desk.recent.undoing') : t('desk.recent.undo')}
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
