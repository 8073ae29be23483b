import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPercent } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';

interface JobProgressProps {
  /** What is running, e.g. "Reading delegates.csv". */
  label: string;
  /** The current step in the user's words, e.g. "Comparing with the roster"; absent before the first poll answers. */
  phase: string | undefined;
  done: number;
  total: number;
  /** Absent for work that cannot be stopped half way. */
  onCancel?: () => void;
  /** Cancel was pressed and the task has not stopped yet. */
  cancelling?: boolean;
}

/** Shares announced to screen readers: a quarter at a time, so a long task is not read out after every poll. */
const announceStep = 0.25;

/**
 * A long task on its way: a labelled <progress> (indeterminate until the task knows its size), the step it is at,
 * and a Cancel button. The bar itself is not a live region; a polite status line says the step and the share done
 * in quarters, so a screen reader hears a handful of updates, not one every 300 ms.
 */
export function JobProgress({ label, phase, done, total, onCancel, cancelling = false }: JobProgressProps) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const labelId = useId();
  const share = total > 0 ? Math.min(1, done / total) : null;
  const shown = share === null ? phase : t('jobs.phaseShare', { phase, share: formatPercent(share, lang) });
  const announced =
    phase === undefined
      ? ''
      : share === null
        ? phase
        : t('jobs.phaseShare', { phase, share: formatPercent(Math.floor(share / announceStep) * announceStep, lang) });

  return (
    <div className="job-progress">
      <p id={labelId} className="job-progress-label">
        {label}
      </p>
      {/* Without value the bar is indeterminate: the task has not said how big it is yet. */}
      <progress
        aria-labelledby={labelId}
        {...(share === null ? {} : { value: done, max: total })}
        aria-valuetext={shown ?? undefined}
      />
      <p className="hint" aria-hidden="true">
        {shown ?? t('jobs.starting')}
      </p>
      <p role="status" className="visually-hidden">
        {announced}
      </p>
      {/* aria-disabled rather than disabled: a disabled button drops the keyboard focus to the page. */}
      {onCancel && (
        <button type="button" className="button" aria-disabled={cancelling} onClick={() => cancelling || onCancel()}>
          {cancelling ? t('jobs.cancelling') : t('common.cancel')}
        </button>
      )}
    </div>
  );
}
