import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/core/api/contract';
import { countryName } from '../i18n/countries';
import { useLanguage } from '../i18n/use-language';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Loading } from '../ui/Loading';
import { useDecideMatch, useMatches } from './queries';

type Match = Output<'report.matches'>['matches'][number];

/**
 * Person records across the programme's workshops that may be one person, for staff to decide: the same person
 * (merged: counted once), different people, or undo a decision. Nothing is merged without someone saying so.
 */
export function Matches({ programmeId }: { programmeId: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const matches = useMatches(programmeId);
  const decide = useDecideMatch();
  const person = (p: Match['a']) =>
    [`${p.givenNames} ${p.familyName}`.trim(), p.organisation, countryName(p.country, lang), p.email]
      .filter(Boolean)
      .join(' · ');
  return (
    <section aria-labelledby="report-matches">
      <h2 id="report-matches">{t('reports.matchList.title')}</h2>
      <p className="hint">{t('reports.matchList.hint')}</p>
      {matches.isPending && <Loading label={t('reports.loading')} />}
      {matches.isError && <ErrorNotice error={matches.error} onRetry={() => void matches.refetch()} />}
      {matches.data?.matches.length === 0 && <p>{t('reports.matchList.none')}</p>}
      {matches.data && matches.data.matches.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('reports.matchList.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.matchList.first')}</th>
                <th scope="col">{t('reports.matchList.second')}</th>
                <th scope="col">{t('reports.matchList.why')}</th>
                <th scope="col">{t('reports.matchList.decision')}</th>
                <th scope="col">{t('reports.matchList.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {matches.data.matches.map((m) => {
                const pair = { a: m.a.participantId, b: m.b.participantId };
                const name = `${m.a.givenNames} ${m.a.familyName}`.trim();
                return (
                  <tr key={m.id}>
                    <td>{person(m.a)}</td>
                    <td>{person(m.b)}</td>
                    <td>{m.reasons.map((r) => t(`reports.matchList.reasons.${r}`)).join(', ')}</td>
                    <td>
                      {t(`reports.matchList.decisions.${m.decision}`)}
                      {m.overridden && <span className="hint"> ({t('reports.matchList.overridden')})</span>}
                    </td>
                    <td className="match-actions">
                      {m.decision === 'pending' ? (
                        <>
                          <button
                            type="button"
                            className="button small"
                            aria-disabled={decide.isPending}
                            aria-label={t('reports.matchList.mergeLabel', { name })}
                            onClick={() => decide.isPending || decide.mutate({ method: 'person.merge', ...pair })}
                          >
                            {t('reports.matchList.merge')}
                          </button>{' '}
                          <button
                            type="button"
                            className="button small"
                            aria-disabled={decide.isPending}
                            aria-label={t('reports.matchList.rejectLabel', { name })}
                            onClick={() => decide.isPending || decide.mutate({ method: 'person.rejectMatch', ...pair })}
                          >
                            {t('reports.matchList.reject')}
                          </button>
                        </>
                      ) : (
                        <button
                          type="button"
                          className="button small"
                          aria-disabled={decide.isPending}
                          aria-label={t('reports.matchList.undoLabel', { name })}
                          onClick={() => decide.isPending || decide.mutate({ method: 'person.unmerge', ...pair })}
                        >
                          {t('reports.matchList.undo')}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {decide.isError && <ErrorNotice error={decide.error} />}
    </section>
  );
}
