import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/core/api/contract';
import { formatNumber } from '../i18n/format';
import { languageName } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';
import { BarFigure } from '../reports/BarFigure';

type Feedback = Output<'report.get'>['feedback'];

/**
 * The report's feedback: per event its responses, per question how many answered, the mean of a rating, a chart of
 * the ratings or choices (with its table, which screen readers read), and the free text listed.
 */
export function FeedbackReport({ feedback }: { feedback: Feedback }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const n = (v: number) => formatNumber(v, lang);
  if (feedback.events.length === 0) return null;
  return (
    <section aria-labelledby="report-feedback" className="report-feedback">
      <h2 id="report-feedback">{t('feedback.report.title')}</h2>
      {feedback.events.length > 1 && <p>{t('feedback.report.total', { n: n(feedback.responses) })}</p>}
      {feedback.events.map((event) => (
        <section key={event.eventId} aria-labelledby={`feedback-${event.eventId}`}>
          <h3 id={`feedback-${event.eventId}`}>{event.title}</h3>
          <p>
            {t('feedback.responses', { n: n(event.responses) })} ·{' '}
            {event.anonymous ? t('feedback.report.anonymous') : t('feedback.report.named')}
          </p>
          {event.questions.map((q, i) => (
            <div key={q.questionId} className="feedback-result">
              <h4>
                {i + 1}. {q.prompt}
              </h4>
              <p>
                {t('feedback.report.answered', { n: n(q.answered) })}
                {q.mean !== null &&
                  ` · ${t('feedback.report.mean', { mean: q.mean.toLocaleString(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) })}`}
              </p>
              {q.kind !== 'text' && (
                <BarFigure
                  title={
                    q.kind === 'rating'
                      ? t('feedback.report.ratings', { question: q.prompt })
                      : t('feedback.report.choices', { question: q.prompt })
                  }
                  valueLabel={t('feedback.report.count')}
                  data={q.distribution.map((b) => ({ label: b.label, value: b.count }))}
                />
              )}
              {q.kind === 'text' &&
                (q.texts.length === 0 ? (
                  <p className="hint">{t('feedback.report.noText')}</p>
                ) : (
                  <ul className="feedback-texts">
                    {q.texts.map((text, j) => (
                      <li key={j} lang={text.language}>
                        {text.text}
                        <span className="hint">
                          {' '}
                          ({languageName(text.language, lang)}
                          {text.respondent ? ` · ${text.respondent}` : ''})
                        </span>
                      </li>
                    ))}
                  </ul>
                ))}
            </div>
          ))}
        </section>
      ))}
    </section>
  );
}
