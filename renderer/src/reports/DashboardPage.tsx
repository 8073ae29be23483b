import { useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Area, AreaChart, CartesianGrid, XAxis, YAxis } from 'recharts';
import type { Output } from '../../../electron/core/api/contract';
import type { Event } from '../../../electron/core/events/schema';
import { genders, organisationTypes } from '../../../electron/core/participants/schema';
import { reportCategories } from '../../../electron/core/reports/closed-lists';
import { call } from '../api/client';
import { useApi } from '../api/context';
import { currentSession, sessionLabel } from '../desk/session-choice';
import { EventPageHead, WithEvent } from '../events/WithEvent';
import { countryName } from '../i18n/countries';
import { formatNumber, formatTime } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Loading } from '../ui/Loading';
import { BarFigure } from './BarFigure';

/** How often the dashboard asks again: often enough to feel live at the door, rarely enough to cost nothing. */
const refreshMs = 5_000;

export function DashboardPage({ id }: { id: string }) {
  return <WithEvent id={id}>{(event) => <Dashboard event={event} />}</WithEvent>;
}

/** The event as it happens: one session's arrivals against who is expected, refreshed every few seconds. */
function Dashboard({ event }: { event: Event }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const api = useApi();
  const sessionField = useId();
  const [sessionId, setSessionId] = useState(
    () => currentSession(event.sessions, event.timeZone)?.id ?? event.sessions[0]?.id ?? '',
  );
  const board = useQuery({
    queryKey: ['reports', 'dashboard', sessionId] as const,
    queryFn: () => call(api, 'dashboard.get', { sessionId }),
    enabled: sessionId !== '',
    refetchInterval: refreshMs,
  });
  return (
    <>
      <EventPageHead title={t('reports.dashboard.title')} event={event} />
      {event.sessions.length === 0 ? (
        <p>{t('desk.noSessions')}</p>
      ) : (
        <div className="field">
          <label htmlFor={sessionField}>{t('desk.session')}</label>
          <select id={sessionField} value={sessionId} onChange={(e) => setSessionId(e.target.value)}>
            {event.sessions.map((s) => (
              <option key={s.id} value={s.id}>
                {sessionLabel(s, lang)}
              </option>
            ))}
          </select>
        </div>
      )}
      {board.isPending && sessionId !== '' && <Loading label={t('reports.loading')} />}
      {board.isError && <ErrorNotice error={board.error} onRetry={() => void board.refetch()} />}
      {board.data && <Board board={board.data} timeZone={event.timeZone} />}
    </>
  );
}

function Board({ board, timeZone }: { board: Output<'dashboard.get'>; timeZone: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const n = (v: number) => formatNumber(v, lang);
  const captionId = useId();
  const arrivals = board.arrivals.map((a) => ({ ...a, time: formatTime(a.at, lang, timeZone) }));
  const pairs = <K extends string>(
    keys: readonly K[],
    counts: Record<K, { expected: number; checkedIn: number }>,
    label: (k: K) => string,
  ) => keys.map((k) => ({ label: label(k), value: counts[k].checkedIn, of: counts[k].expected }));
  return (
    <>
      {/* Announced politely as it changes: staff at the door hear the count without looking. */}
      <dl className="report-figures" aria-live="polite">
        <div>
          <dt>{t('reports.dashboard.checkedIn')}</dt>
          <dd>{t('reports.dashboard.ofExpected', { checkedIn: n(board.checkedIn), expected: n(board.expected) })}</dd>
        </div>
        <div>
          <dt>{t('reports.dashboard.present')}</dt>
          <dd>{n(board.present)}</dd>
        </div>
      </dl>
      <figure className="report-chart" aria-labelledby={captionId}>
        <figcaption id={captionId}>{t('reports.dashboard.arrivals')}</figcaption>
        <div className="report-chart-drawing" aria-hidden="true" data-testid="report-chart">
          <AreaChart
            width={640}
            height={220}
            data={arrivals}
            accessibilityLayer={false}
            margin={{ top: 8, right: 24, bottom: 8, left: 8 }}
          >
            <CartesianGrid stroke="#d5dde6" />
            <XAxis dataKey="time" tick={{ fill: '#1f2933' }} />
            <YAxis allowDecimals={false} tick={{ fill: '#1f2933' }} />
            <Area type="stepAfter" dataKey="total" stroke="#2f6f9f" fill="#c3d8e8" isAnimationActive={false} />
          </AreaChart>
        </div>
        <table className="report-chart-data">
          <thead>
            <tr>
              <th scope="col">{t('reports.dashboard.time')}</th>
              <th scope="col">{t('reports.dashboard.arrived')}</th>
              <th scope="col">{t('reports.dashboard.total')}</th>
            </tr>
          </thead>
          <tbody>
            {arrivals.map((a) => (
              <tr key={a.at}>
                <th scope="row">{a.time}</th>
                <td>{n(a.count)}</td>
                <td>{n(a.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </figure>
      <BarFigure
        title={t('reports.chart.gender')}
        valueLabel={t('reports.dashboard.checkedIn')}
        ofLabel={t('reports.dashboard.expected')}
        data={pairs(genders, board.byGender, (g) => t(`labels.gender.${g}`))}
      />
      <BarFigure
        title={t('reports.chart.category')}
        valueLabel={t('reports.dashboard.checkedIn')}
        ofLabel={t('reports.dashboard.expected')}
        data={pairs(reportCategories, board.byCategory, (c) => t(`labels.category.${c}`))}
      />
      <BarFigure
        title={t('reports.chart.country')}
        valueLabel={t('reports.dashboard.checkedIn')}
        ofLabel={t('reports.dashboard.expected')}
        data={board.byCountry.map((c) => ({ label: countryName(c.country, lang), value: c.checkedIn, of: c.expected }))}
      />
      <BarFigure
        title={t('reports.chart.organisationType')}
        valueLabel={t('reports.dashboard.checkedIn')}
        ofLabel={t('reports.dashboard.expected')}
        data={pairs(organisationTypes, board.byOrganisationType, (o) => t(`labels.organisationType.${o}`))}
      />
    </>
  );
}
