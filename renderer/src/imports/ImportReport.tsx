import { useId, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';
import { rowRanges, useIssueText } from './labels';
import type { Report } from './queries';

interface ImportReportProps {
  report: Report;
  headingRef: Ref<HTMLHeadingElement>;
  participantsHref: string;
  onAnother: () => void;
}

/** What the import did, by the file's row numbers: added, updated, skipped, and each row that failed with why. */
export function ImportReport({ report, headingRef, participantsHref, onAnother }: ImportReportProps) {
  const { t } = useTranslation();
  const about = useIssueText();
  const lang = useLanguage();
  const headingId = useId();
  const n = (value: number) => formatNumber(value, lang);
  const outcomes = [
    ['added', report.added],
    ['updated', report.updated],
    ['skipped', report.skipped],
  ] as const;

  return (
    <section aria-labelledby={headingId} className="import-report">
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {t('imports.report.title')}
      </h2>
      <dl className="counter-list">
        {outcomes.map(([kind, rows]) => (
          <div key={kind} className={kind === 'added' ? 'counter counter-main' : 'counter'}>
            <dt>{t(`imports.report.${kind}`)}</dt>
            <dd data-testid={`report-${kind}`}>{n(rows.length)}</dd>
          </div>
        ))}
        <div className={report.failed.length ? 'counter counter-error' : 'counter'}>
          <dt>{t('imports.report.failed')}</dt>
          <dd data-testid="report-failed">{n(report.failed.length)}</dd>
        </div>
      </dl>
      <dl className="report-rows">
        {outcomes
          .filter(([, rows]) => rows.length > 0)
          .map(([kind, rows]) => (
            <div key={kind}>
              <dt>{t(`imports.report.${kind}Rows`)}</dt>
              <dd>{rowRanges(rows, n)}</dd>
            </div>
          ))}
      </dl>
      {report.failed.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="table-caption">{t('imports.report.failedCaption')}</caption>
            <thead>
              <tr>
                <th scope="col" className="numeric">
                  {t('imports.rows.row')}
                </th>
                <th scope="col">{t('imports.report.reasons')}</th>
              </tr>
            </thead>
            <tbody>
              {report.failed.map((f) => (
                <tr key={f.row}>
                  <th scope="row" className="numeric">
                    {n(f.row)}
                  </th>
                  <td>
                    <ul className="issues">
                      {f.reasons.map((reason, i) => (
                        <li key={i}>{about(reason)}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="form-actions">
        <a className="button primary" href={participantsHref}>
          {t('imports.report.seeParticipants')}
        </a>
        <button type="button" className="button" onClick={onAnother}>
          {t('imports.report.another')}
        </button>
      </div>
    </section>
  );
}
