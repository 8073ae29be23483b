import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiCallError, call } from '../api/client';
import { useApi } from '../api/context';
import { formatNumber } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';
import { useCancelJob, useJobStatus, working } from '../jobs/use-job';
import { ErrorNotice } from '../ui/ErrorNotice';
import { JobProgress } from '../ui/JobProgress';
import {
  decisionList,
  importKeys,
  planOf,
  type Action,
  type Choice,
  type DuplicateRow,
  type Preview,
  type Report,
} from './queries';

/** The largest page import.rows gives: the duplicates are read in as few calls as it allows. */
const duplicatesPage = 500;

interface CommitBarProps {
  jobId: string;
  version: number;
  totals: Preview['totals'];
  hiddenRows: Preview['hiddenRows'];
  onDuplicate: Action;
  choices: ReadonlyMap<number, Choice>;
  onCommitted: (report: Report) => void;
  /** The roster changed since the preview: read the file again against it. */
  onPreviewAgain: () => void;
}

/**
 * The Import button, saying exactly what it will do: "add 812, update 14, skip 9". Every row that is neither ready
 * nor failing is a possible duplicate, so the numbers need only which duplicates are of someone on the roster and
 * which repeat the file (read once per preview), and the choices; they change the moment a choice does.
 */
export function CommitBar({
  jobId,
  version,
  totals,
  hiddenRows,
  onDuplicate,
  choices,
  onCommitted,
  onPreviewAgain,
}: CommitBarProps) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const api = useApi();
  const duplicates = useQuery({
    queryKey: importKeys.duplicates(jobId, version),
    queryFn: async () => {
      const found: DuplicateRow[] = [];
      for (let offset = 0; offset < totals.duplicates; offset += duplicatesPage) {
        const page = await call(api, 'import.rows', {
          jobId,
          filter: 'duplicates',
          offset,
          limit: duplicatesPage,
        });
        for (const row of page.rows) if (row.duplicate) found.push({ row: row.row, of: row.duplicate.of });
        if (page.rows.length < duplicatesPage) break;
      }
      return found;
    },
    // A preview's rows never change: only a new preview (a new version) has other duplicates.
    staleTime: Infinity,
    enabled: totals.duplicates > 0,
  });
  const commit = useMutation({
    mutationFn: () => call(api, 'import.commit', { jobId, onDuplicate, decisions: decisionList(choices) }),
    onSuccess: onCommitted,
  });
  // A large import takes seconds to save (on a worker, imports/save.ts): its progress, and a way to stop it.
  const status = useJobStatus('import', commit.isPending ? jobId : null);
  const cancelJob = useCancelJob('import');
  const saving = working(status.data, ['saving'] as const);
  // The Import button is disabled while it saves: the focus goes to the progress's Cancel (in view), and back to the
  // button when the save stopped or failed, so a keyboard user is never left on the page itself.
  const progressBox = useRef<HTMLDivElement>(null);
  const importButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (commit.isPending) {
      progressBox.current?.scrollIntoView?.({ block: 'nearest' });
      progressBox.current?.querySelector('button')?.focus();
    } else if (commit.isError) importButton.current?.focus();
  }, [commit.isPending, commit.isError]);
  const n = (value: number) => formatNumber(value, lang);
  const known = totals.duplicates === 0 ? [] : duplicates.data;
  const plan = known && planOf(totals, known, onDuplicate, choices, hiddenRows);
  const nothing = plan !== undefined && plan.added + plan.updated === 0;
  const stale = commit.error instanceof ApiCallError && commit.error.code === 'conflict';
  const planText =
    plan && t('imports.commit.button', { added: n(plan.added), updated: n(plan.updated), skipped: n(plan.skipped) });

  return (
    <div className="commit-bar">
      {duplicates.isError && <ErrorNotice error={duplicates.error} onRetry={() => void duplicates.refetch()} />}
      {totals.errors > 0 && (
        <p className="notice notice-warning">
          {t('imports.commit.failing', { count: totals.errors, failed: n(totals.errors) })}
        </p>
      )}
      {nothing && <p className="notice">{t('imports.commit.nothing')}</p>}
      <button
        ref={importButton}
        type="button"
        className="button primary"
        disabled={!plan || nothing || commit.isPending}
        onClick={() => commit.mutate()}
      >
        {commit.isPending ? t('imports.commit.running') : (planText ?? t('imports.commit.planning'))}
      </button>
      {commit.isPending && (
        <div ref={progressBox}>
          <JobProgress
            label={t('imports.commit.saving')}
            phase={saving ? t('imports.phase.saving') : undefined}
            done={saving?.done ?? 0}
            total={saving?.total ?? 0}
            cancelling={cancelJob.isPending}
            onCancel={() => cancelJob.mutate(jobId)}
          />
        </div>
      )}
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
