import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiCallError, call } from '../api/client';
import { useApi } from '../api/context';
import { formatNumber } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';
import { ErrorNotice } from '../ui/ErrorNotice';
import { rowRanges } from './labels';
import { decisionList, importKeys, type Action, type Choice, type Report } from './queries';

interface CommitBarProps {
  jobId: string;
  version: number;
  onDuplicate: Action;
  choices: ReadonlyMap<number, Choice>;
  onCommitted: (report: Report) => void;
  /** The roster changed since the preview: read the file again against it. */
  onPreviewAgain: () => void;
}

/**
 * The Import button, saying exactly what it will do. The numbers come from the core itself: import.commit with
 * dryRun runs the whole import inside a savepoint and rolls it back, so "add 812, update 14, skip 9" is what the
 * real commit does with these choices, not the screen's guess at the core's rules. Asked again after each choice.
 */
export function CommitBar({ jobId, version, onDuplicate, choices, onCommitted, onPreviewAgain }: CommitBarProps) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const api = useApi();
  const decisions = decisionList(choices);
  const input = { jobId, onDuplicate, decisions };
  const plan = useQuery({
    queryKey: importKeys.plan(jobId, version, onDuplicate, decisions),
    queryFn: () => call(api, 'import.commit', { ...input, dryRun: true }),
    // The plan holds until a choice changes (a new key) or the roster changes (then the commit says so).
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  const commit = useMutation({
    mutationFn: () => call(api, 'import.commit', input),
    onSuccess: onCommitted,
  });
  const n = (value: number) => formatNumber(value, lang);
  const counts = plan.data?.counts;
  const nothing = counts !== undefined && counts.added + counts.updated === 0;
  const stale = commit.error instanceof ApiCallError && commit.error.code === 'conflict';
  const planText = counts
    ? t('imports.commit.button', { added: n(counts.added), updated: n(counts.updated), skipped: n(counts.skipped) })
    : undefined;

  return (
    <div className="commit-bar">
      {plan.isError && <ErrorNotice error={plan.error} onRetry={() => void plan.refetch()} />}
      {plan.data && plan.data.counts.failed > 0 && (
        <p className="notice notice-warning">
          {t('imports.commit.failing', {
            failed: n(plan.data.counts.failed),
            rows: rowRanges(
              plan.data.failed.map((f) => f.row),
              n,
            ),
          })}
        </p>
      )}
      {nothing && <p className="notice">{t('imports.commit.nothing')}</p>}
      <button
        type="button"
        className="button primary"
        disabled={!counts || nothing || commit.isPending}
        onClick={() => commit.mutate()}
      >
        {commit.isPending ? t('imports.commit.running') : (planText ?? t('imports.commit.planning'))}
      </button>
      {/* After each choice the button's words change; this says the new plan to a screen reader too. */}
      <p role="status" className="visually-hidden">
        {planText}
      </p>
      {commit.isError && (
        <>
          <ErrorNotice error={commit.error} />
          {stale && (
            <button type="button" className="button" onClick={onPreviewAgain}>
              {t('imports.commit.previewAgain')}
            </button>
          )}
        </>
      )}
    </div>
  );
}
