import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/core/api/contract';
import type { Language } from '../../../electron/core/events/schema';
import { genders, organisationTypes } from '../../../electron/core/participants/schema';
import { reportCategories } from '../../../electron/core/reports/closed-lists';
import { ApiCallError, call } from '../api/client';
import { useApi } from '../api/context';
import { href } from '../app/route';
import { saveFile } from '../exports/download';
import { DocumentLanguageSelect } from '../exports/DocumentLanguageSelect';
import { useEvent } from '../events/queries';
import { countryName } from '../i18n/countries';
import { formatDateRange, formatNumber } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';
import { newJobId, useCancelJob, useJobStatus, working } from '../jobs/use-job';
import { ErrorNotice } from '../ui/ErrorNotice';
import { JobProgress } from '../ui/JobProgress';
import { Loading } from '../ui/Loading';
import { PageHeading } from '../ui/PageHeading';
import { FeedbackReport } from '../feedback/FeedbackReport';
import { BarFigure } from './BarFigure';
import { Matches } from './Matches';
import { useReport } from './queries';

type Report = Output<'report.get'>;

/** The report's `definitions`, each translated: the core states them in English for the files. */
const definitionKeys = [
  'registered',
  'attended',
  'attendedEachSession',
  'attendedAllSessions',
  'figures',
  'women',
  'uniqueParticipants',
  'personAttributes',
  'partnerStates',
  'otherParticipants',
  'matches',
] as const;
type Format = 'xlsx' | 'pdf';

/** A programme's report: the definitions it counts by, the totals, one row per workshop, charts, and the files. */
type Scope = { programmeId: string } | { eventId: string };

/** A programme's report, or one event's (the same figures for its one workshop, without matching across events). */
export function ReportPage({ scope }: { scope: Scope }) {
  const { t } = useTranslation();
  const query = useReport(scope);
  if (query.isPending) return <Loading label={t('reports.loading')} />;
  if (query.isError) {
    return (
      <>
        <PageHeading>{t('reports.loadFailed')}</PageHeading>
        <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  return <ReportView report={query.data} scope={scope} />;
}

function ReportView({ report, scope }: { report: Report; scope: Scope }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const n = (v: number) => formatNumber(v, lang);
  const percent = (v: number | null) =>
    v === null ? '–' : `${v.toLocaleString(lang, { maximumFractionDigits: 1 })} %`;
  const totals = report.totals;
  const figures: [string, string][] = [
    [t('reports.figures.uniqueParticipants'), n(totals.uniqueParticipants)],
    [t('reports.figures.partnerStates'), n(totals.partnerStates)],
    [t('reports.figures.womenPercent'), percent(totals.womenPercent)],
    [t('reports.figures.genderNotStated'), n(totals.genderNotStated)],
    [t('reports.figures.otherParticipants'), n(totals.otherParticipants)],
    [t('reports.figures.registered'), n(totals.registered)],
    [t('reports.figures.attendances'), n(totals.attendances)],
    [t('reports.figures.countries'), n(totals.countries)],
    [t('reports.figures.attendedAllSessions'), n(totals.attendedAllSessions)],
  ];
  const city = new Map(report.workshops.map((w) => [w.eventId, w.city]));
  return (
    <>
      <div className="page-head">
        <div>
          <PageHeading>{'eventId' in scope ? t('reports.eventTitle') : t('reports.title')}</PageHeading>
          <p className="page-subtitle">{'eventId' in scope ? report.workshops[0]?.title : report.programme?.name}</p>
        </div>
        {'eventId' in scope ? (
          <a href={href({ screen: 'event', id: scope.eventId })}>{t('desk.backToEvent')}</a>
        ) : (
          <a href={href({ screen: 'programmes' })}>{t('reports.backToProgrammes')}</a>
        )}
      </div>

      <ReportExports scope={scope} />

      <section aria-labelledby="report-totals">
        <h2 id="report-totals">{t('reports.totals')}</h2>
        <dl className="report-figures">
          {figures.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        <p>
          {t('reports.matches', {
            confirmed: n(report.matches.confirmed),
            pending: n(report.matches.pending),
          })}
        </p>
        <details>
          <summary>{t('reports.definitions')}</summary>
          <ul>
            {definitionKeys
              .filter((key) => key in report.definitions)
              .map((key) => (
                <li key={key}>{t(`reports.definition.${key}`)}</li>
              ))}
          </ul>
        </details>
      </section>

      <section aria-labelledby="report-workshops">
        <h2 id="report-workshops">{t('reports.workshops')}</h2>
        <div className="table-wrap">
          <table className="table report-table">
            <caption className="visually-hidden">{t('reports.workshopsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.columns.workshop')}</th>
                <th scope="col">{t('reports.columns.place')}</th>
                <th scope="col">{t('reports.columns.dates')}</th>
                <th scope="col">{t('reports.columns.registered')}</th>
                <th scope="col">{t('reports.columns.attended')}</th>
                <th scope="col">{t('reports.columns.countries')}</th>
                <th scope="col">{t('reports.columns.women')}</th>
                <th scope="col">{t('reports.columns.notStated')}</th>
                <th scope="col">{t('reports.columns.delegates')}</th>
                <th scope="col">{t('reports.columns.others')}</th>
              </tr>
            </thead>
            <tbody>
              {report.workshops.map((w) => (
                <tr key={w.eventId}>
                  <th scope="row">{w.title}</th>
                  <td>{t('events.place', { city: w.city, country: countryName(w.country, lang) })}</td>
                  <td>{formatDateRange(w.startDate, w.endDate, lang)}</td>
                  <td>{n(w.registered)}</td>
                  <td>{n(w.attended)}</td>
                  <td>{n(w.countries)}</td>
                  <td>{percent(w.womenPercent)}</td>
                  <td>{n(w.genderNotStated)}</td>
                  <td>{n(w.byCategory.partner_state_delegate)}</td>
                  <td>{n(w.otherParticipants)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {'programmeId' in scope && <Matches programmeId={scope.programmeId} />}

      <section aria-labelledby="report-charts" className="report-charts">
        <h2 id="report-charts">{t('reports.charts')}</h2>
        <BarFigure
          title={t('reports.chart.category')}
          valueLabel={t('reports.chart.attendees')}
          data={reportCategories.map((c) => ({ label: t(`labels.category.${c}`), value: totals.byCategory[c] }))}
        />
        <BarFigure
          title={t('reports.chart.gender')}
          valueLabel={t('reports.chart.attendees')}
          data={genders.map((g) => ({ label: t(`labels.gender.${g}`), value: totals.byGender[g] }))}
        />
        <BarFigure
          title={t('reports.chart.organisationType')}
          valueLabel={t('reports.chart.attendees')}
          data={organisationTypes.map((o) => ({
            label: t(`labels.organisationType.${o}`),
            value: totals.byOrganisationType[o],
          }))}
        />
        <BarFigure
          title={t('reports.chart.country')}
          valueLabel={t('reports.chart.attendees')}
          data={totals.byCountry.map((c) => ({ label: countryName(c.country, lang), value: c.attended }))}
        />
        <BarFigure
          title={t('reports.chart.sessions')}
          valueLabel={t('reports.chart.attended')}
          ofLabel={t('reports.chart.registered')}
          data={totals.attendance.map((s) => ({
            label: `${city.get(s.eventId) ?? ''} · ${s.name}`,
            value: s.attended,
            of: s.registered,
          }))}
        />
      </section>

      <FeedbackReport feedback={report.feedback} />
    </>
  );
}

type Outcome = { kind: 'saved'; name: string } | { kind: 'cancelled' } | { kind: 'failed'; error: unknown };

/**
 * The files, their PDF preset to the language its readers most likely read: one event's first language; for a
 * programme, whose events may each have their own, English (as report.export does when no language is sent).
 */
function ReportExports({ scope }: { scope: Scope }) {
  return 'eventId' in scope ? (
    <EventReportExports eventId={scope.eventId} />
  ) : (
    <ExportButtons scope={scope} first={[]} />
  );
}

function EventReportExports({ eventId }: { eventId: string }) {
  const event = useEvent(eventId);
  if (event.isPending) return null;
  return <ExportButtons scope={{ eventId }} first={event.data?.languages ?? []} />;
}

/** The report as a file, through the export jobs: a progress bar with Cancel while it is made, then a download. */
function ExportButtons({ scope, first }: { scope: Scope; first: readonly Language[] }) {
  const { t } = useTranslation();
  const api = useApi();
  const [language, setLanguage] = useState<Language>(first[0] ?? 'en');
  const [running, setRunning] = useState<{ jobId: string; format: Format } | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const status = useJobStatus('export', running?.jobId ?? null);
  const cancel = useCancelJob('export');
  const buttons = useRef<HTMLDivElement>(null);
  const phase = working(status.data, ['reading', 'rendering'] as const);

  const run = async (format: Format) => {
    if (running) return;
    const jobId = newJobId();
    setRunning({ jobId, format });
    setOutcome(null);
    try {
      // The workbook is always English: only the PDF takes a language.
      const file = await call(api, 'report.export', {
        jobId,
        format,
        ...scope,
        ...(format === 'pdf' ? { language } : {}),
      });
      saveFile(file);
      setOutcome({ kind: 'saved', name: file.fileName });
    } catch (error) {
      setOutcome(
        error instanceof ApiCallError && error.code === 'cancelled' ? { kind: 'cancelled' } : { kind: 'failed', error },
      );
    } finally {
      setRunning(null);
      const focus = document.activeElement;
      if (!focus || focus === document.body || focus.closest('.job-progress')) {
        buttons.current?.querySelector('button')?.focus();
      }
    }
  };

  return (
    <div className="report-exports">
      <DocumentLanguageSelect
        value={language}
        onChange={setLanguage}
        first={first}
        hint={t('reports.export.languageHint')}
      />
      <div ref={buttons} className="form-actions">
        {(['xlsx', 'pdf'] as const).map((format) => (
          <button
            key={format}
            type="button"
            className="button"
            aria-disabled={running !== null}
            onClick={() => void run(format)}
          >
            {t(`reports.export.${format}`)}
          </button>
        ))}
      </div>
      {running && (
        <JobProgress
          label={t('reports.export.running')}
          phase={phase ? t(`exports.phase.${phase.phase}`) : undefined}
          done={phase?.done ?? 0}
          total={phase?.total ?? 0}
          cancelling={cancel.isPending}
          onCancel={() => cancel.mutate(running.jobId)}
        />
      )}
      <div role="status">
        {outcome?.kind === 'saved' && <p className="notice">{t('exports.saved', { name: outcome.name })}</p>}
        {outcome?.kind === 'cancelled' && <p className="notice">{t('exports.cancelled')}</p>}
      </div>
      {outcome?.kind === 'failed' && <ErrorNotice error={outcome.error} />}
    </div>
  );
}
