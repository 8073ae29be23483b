import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from '../../../electron/core/participants/schema';
import { countryName } from '../i18n/countries';
import { useLanguage } from '../i18n/use-language';
import { displayName, useLabels } from '../participants/labels';
import { ErrorNotice } from '../ui/ErrorNotice';
import { ApiCallError } from '../api/client';
import { useAttendanceText } from './attendance';
import type { ShownResults } from './use-search';

interface ResultsProps {
  listId: string;
  /** What is typed now. */
  query: string;
  shown: ShownResults | undefined;
  current: boolean;
  error: unknown;
  onRetry: () => void;
  activeIndex: number;
  timeZone: string;
  busy: boolean;
  archived: boolean;
  onHighlight: (index: number) => void;
  onCheckIn: (hit: SearchHit) => void;
  onCheckOut: (hit: SearchHit) => void;
  onDetails: (hit: SearchHit) => void;
}

/**
 * The search results, as the listbox the search box controls: the highlight moves with the arrow keys while focus
 * stays in the box (aria-activedescendant). Options hold only text (a listbox may not contain buttons); what can be
 * done with the highlighted person sits in a toolbar under the list. A click highlights, a double click checks in.
 * `data-query` names the query the list shows, for tests and the keystroke-to-paint benchmark.
 */
export function Results(props: ResultsProps) {
  const { t } = useTranslation();
  const { listId, query, shown, current, error, activeIndex, busy, archived } = props;
  const hits = shown?.hits ?? [];
  const active = hits[activeIndex];
  return (
    <div className="desk-results" data-query={shown?.query ?? ''} aria-busy={!current && query !== ''}>
      {error !== null &&
        // A refused badge scan is an answer, not a failure: it says why, and asking again would not change it.
        (error instanceof ApiCallError && error.code === 'invalid_badge' ? (
          <ErrorNotice error={error} />
        ) : (
          <ErrorNotice error={error} title={t('desk.searchFailed')} onRetry={props.onRetry} />
        ))}
      {hits.length > 0 ? (
        <>
          <ul id={listId} role="listbox" className="result-list" aria-label={t('desk.results')}>
            {hits.map((hit, i) => (
              <ResultOption
                key={hit.registrationId}
                id={`${listId}-${hit.registrationId}`}
                hit={hit}
                active={i === activeIndex}
                timeZone={props.timeZone}
                onHighlight={() => props.onHighlight(i)}
                onCheckIn={() => props.onCheckIn(hit)}
              />
            ))}
          </ul>
          {active && (
            <div
              className="result-actions"
              role="group"
              aria-label={t('desk.actionsFor', { name: displayName(active) })}
            >
              <span className="result-actions-name" aria-hidden="true">
                {displayName(active)}
              </span>
              <button
                type="button"
                className="button primary"
                disabled={busy || archived}
                onClick={() => props.onCheckIn(active)}
              >
                {busy ? t('desk.checking') : t('desk.checkIn')}
              </button>
              <button type="button" className="button" onClick={() => props.onDetails(active)}>
                {t('desk.details')}
              </button>
              {active.attendance?.state === 'checked_in' && (
                <button
                  type="button"
                  className="button"
                  disabled={busy || archived}
                  onClick={() => props.onCheckOut(active)}
                >
                  {t('desk.checkOut')}
                </button>
              )}
            </div>
          )}
        </>
      ) : (
        current &&
        query !== '' && (
          <p className="desk-empty" role="status">
            {t('desk.noResults', { query })}
          </p>
        )
      )}
    </div>
  );
}

interface ResultOptionProps {
  id: string;
  hit: SearchHit;
  active: boolean;
  timeZone: string;
  onHighlight: () => void;
  onCheckIn: () => void;
}

function ResultOption({ id, hit, active, timeZone, onHighlight, onCheckIn }: ResultOptionProps) {
  const lang = useLanguage();
  const labels = useLabels();
  const attendance = useAttendanceText(timeZone)(hit);
  const ref = useRef<HTMLLIElement>(null);
  // Arrowing through a long list keeps the highlighted person in view (jsdom has no scrollIntoView).
  useEffect(() => {
    if (active) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [active]);
  return (
    <li
      ref={ref}
      id={id}
      role="option"
      aria-selected={active}
      className={active ? 'result active' : 'result'}
      // Keep the focus in the search box: a click only moves the highlight.
      onMouseDown={(e) => e.preventDefault()}
      onClick={onHighlight}
      onDoubleClick={onCheckIn}
    >
      <span className="result-name">
        {hit.honorific && <span className="result-honorific">{hit.honorific} </span>}
        {displayName(hit)}
      </span>
      <span className="result-meta">
        {[hit.organisation, countryName(hit.country, lang), labels.category(hit.category)].join(' · ')}
      </span>
      <span className={`result-state state-${attendance.tone}`}>{attendance.text}</span>
    </li>
  );
}
