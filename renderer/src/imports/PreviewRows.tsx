import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { useApi } from '../api/context';
import { countryName } from '../i18n/countries';
import { formatNumber } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';
import { ErrorNotice } from '../ui/ErrorNotice';
import { useIssueText } from './labels';
import {
  defaultAction,
  importKeys,
  isHiddenRow,
  type Action,
  type Choice,
  type PreviewRow,
  type RowFilter,
} from './queries';

/** Rows per page: a screenful to read and decide on, and a small answer however large the file. */
export const rowsPageSize = 50;

const filters: readonly RowFilter[] = ['all', 'errors', 'warnings', 'duplicates'];

interface PreviewRowsProps {
  jobId: string;
  version: number;
  totals: { rows: number; errors: number; warnings: number; duplicates: number };
  onDuplicate: Action;
  choices: ReadonlyMap<number, Choice>;
  onChoose: (row: number, choice: Choice | null) => void;
}

/**
 * The rows as the import would take them, a page at a time (import.rows), each with its errors and warnings beside
 * it and, for a possible duplicate, the choice of what to do with it. A filter narrows the list to rows that need
 * a look.
 */
export function PreviewRows({ jobId, version, totals, onDuplicate, choices, onChoose }: PreviewRowsProps) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const api = useApi();
  const captionId = useId();
  const [filter, setFilter] = useState<RowFilter>('all');
  const [offset, setOffset] = useState(0);
  const query = useQuery({
    queryKey: importKeys.rows(jobId, version, filter, offset),
    queryFn: () => call(api, 'import.rows', { jobId, filter, offset, limit: rowsPageSize }),
    // The page on screen stays while the next one (another filter, the next rows) is on its way: no blank flash.
    placeholderData: keepPreviousData,
  });
  const total = query.data?.total ?? 0;
  const rows = query.data?.rows ?? [];
  const n = (value: number) => formatNumber(value, lang);
  const withDecisions = totals.duplicates > 0 || rows.some(isHiddenRow);
  const counts: Record<RowFilter, number> = {
    all: totals.rows,
    errors: totals.errors,
    warnings: totals.warnings,
    duplicates: totals.duplicates,
  };

  return (
    <>
      <fieldset className="segmented">
        <legend>{t('imports.rows.show')}</legend>
        {filters.map((f) => (
          <label key={f} className="checkbox">
            <input
              type="radio"
              name={`${captionId}-filter`}
              value={f}
              checked={filter === f}
              onChange={() => {
                setFilter(f);
                setOffset(0);
              }}
            />
            {t(`imports.rows.filter.${f}`, { n: n(counts[f]) })}
          </label>
        ))}
      </fieldset>

      <p className="roster-total" role="status">
        {query.isPending || query.isPlaceholderData
          ? t('imports.rows.loading')
          : total === 0
            ? t('imports.rows.none')
            : t('imports.rows.range', {
                from: n(offset + 1),
                to: n(Math.min(offset + rowsPageSize, total)),
                total: n(total),
              })}
      </p>
      {query.isError && <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />}

      {rows.length > 0 && (
        <div className="table-wrap">
          <table className="table preview-table" aria-labelledby={captionId} aria-busy={query.isPlaceholderData}>
            <caption id={captionId} className="visually-hidden">
              {t('imports.rows.caption')}
            </caption>
            <thead>
              <tr>
                <th scope="col" className="numeric">
                  {t('imports.rows.row')}
                </th>
                <th scope="col">{t('imports.rows.name')}</th>
                <th scope="col">{t('fields.email')}</th>
                <th scope="col">{t('fields.country')}</th>
                <th scope="col">{t('fields.organisation')}</th>
                <th scope="col">{t('imports.rows.problems')}</th>
                <th scope="col">{t('imports.rows.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <RowLine
                  key={row.row}
                  row={row}
                  onDuplicate={onDuplicate}
                  choice={choices.get(row.row)}
                  onChoose={withDecisions ? onChoose : undefined}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}

      {total > rowsPageSize && (
        <nav className="pager" aria-label={t('imports.rows.pages')}>
          <button
            type="button"
            className="button small"
            aria-disabled={offset === 0}
            onClick={() => offset > 0 && setOffset(Math.max(0, offset - rowsPageSize))}
          >
            {t('imports.rows.previous')}
          </button>
          <button
            type="button"
            className="button small"
            aria-disabled={offset + rowsPageSize >= total}
            onClick={() => offset + rowsPageSize < total && setOffset(offset + rowsPageSize)}
          >
            {t('imports.rows.next')}
          </button>
        </nav>
      )}
    </>
  );
}

interface RowLineProps {
  row: PreviewRow;
  onDuplicate: Action;
  choice: Choice | undefined;
  onChoose: ((row: number, choice: Choice | null) => void) | undefined;
}

function RowLine({ row, onDuplicate, choice, onChoose }: RowLineProps) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const about = useIssueText();
  const name = [row.values.honorific, row.values.givenNames, row.values.familyName].filter(Boolean).join(' ');
  const problem = row.errors.length > 0;
  return (
    <tr className={problem ? 'row-error' : row.warnings.length ? 'row-warning' : undefined}>
      <td className="numeric">{formatNumber(row.row, lang)}</td>
      <th scope="row" dir="auto">
        {name || <span className="muted">{t('imports.rows.noName')}</span>}
      </th>
      <td dir="auto">{row.values.email}</td>
      <td>{row.values.country ? countryName(row.values.country, lang) : ''}</td>
      <td dir="auto">{row.values.organisation}</td>
      <td>
        {(row.errors.length > 0 || row.warnings.length > 0) && (
          <ul className="issues">
            {row.errors.map((issue, i) => (
              <li key={`e${i}`} className="issue issue-error">
                <span className="issue-kind">{t('imports.rows.error')}</span> {about(issue)}
              </li>
            ))}
            {row.warnings.map((issue, i) => (
              <li key={`w${i}`} className="issue issue-warning">
                <span className="issue-kind">{t('imports.rows.warning')}</span> {about(issue)}
              </li>
            ))}
          </ul>
        )}
      </td>
      <td>
        {problem ? (
          <span className="outcome-fail">{t('imports.rows.willFail')}</span>
        ) : row.duplicate && onChoose ? (
          <DuplicateChoice row={row} onDuplicate={onDuplicate} choice={choice} onChoose={onChoose} />
        ) : isHiddenRow(row) && onChoose ? (
          <HiddenChoice row={row.row} choice={choice} onChoose={onChoose} />
        ) : (
          t('imports.rows.willAdd')
        )}
      </td>
    </tr>
  );
}

interface DuplicateChoiceProps {
  row: PreviewRow;
  onDuplicate: Action;
  choice: Choice | undefined;
  onChoose: (row: number, choice: Choice | null) => void;
}

/** Who the row may be, and a select for what to do: as for every duplicate, skip, update one of them, or add. */
function DuplicateChoice({ row, onDuplicate, choice, onChoose }: DuplicateChoiceProps) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const duplicate = row.duplicate;
  if (!duplicate) return null;
  const matches = duplicate.of === 'roster' ? duplicate.matches : [];
  // A hidden row is a declined nominee: skipped whatever the default for duplicates is.
  const hidden = isHiddenRow(row);
  const fallback = hidden ? 'skip' : defaultAction(duplicate.of, onDuplicate);
  const value = !choice ? '' : choice.action === 'update' ? `update:${choice.participantId ?? ''}` : choice.action;

  return (
    <div className="duplicate-choice">
      {duplicate.of === 'file' ? (
        <p>{t('imports.duplicate.ofRow', { row: formatNumber(duplicate.row, lang) })}</p>
      ) : (
        <ul className="matches">
          {matches.map((m) => (
            <li key={m.participantId}>
              <bdi>{m.name}</bdi> ({countryName(m.country, lang)}
              {m.email ? (
                <>
                  , <bdi>{m.email}</bdi>
                </>
              ) : null}
              ) – {m.reasons.map((r) => t(`imports.duplicate.reason.${r}`)).join(', ')}
              {m.registered ? ` – ${t('imports.duplicate.registered')}` : ''}
            </li>
          ))}
        </ul>
      )}
      <select
        aria-label={t('imports.duplicate.choiceFor', { row: formatNumber(row.row, lang) })}
        value={value}
        onChange={(e) => {
          const next = e.target.value;
          if (next === '') onChoose(row.row, null);
          else if (next === 'skip' || next === 'add') onChoose(row.row, { action: next });
          else onChoose(row.row, { action: 'update', participantId: next.slice('update:'.length) });
        }}
      >
        <option value="">
          {hidden
            ? t('imports.hidden.asDefault')
            : t('imports.duplicate.asDefault', { action: t(`imports.action.${fallback}`) })}
        </option>
        <option value="skip">{t('imports.action.skip')}</option>
        {matches.map((m) => (
          <option key={m.participantId} value={`update:${m.participantId}`}>
            {t('imports.duplicate.update', { name: m.name })}
          </option>
        ))}
        <option value="add">{t('imports.action.add')}</option>
      </select>
    </div>
  );
}

interface HiddenChoiceProps {
  row: number;
  choice: Choice | undefined;
  onChoose: (row: number, choice: Choice | null) => void;
}

/** A row hidden in the spreadsheet is skipped unless the person says to add it: the hidden row may be a mistake. */
function HiddenChoice({ row, choice, onChoose }: HiddenChoiceProps) {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <select
      aria-label={t('imports.duplicate.choiceFor', { row: formatNumber(row, lang) })}
      value={choice?.action === 'add' ? 'add' : ''}
      onChange={(e) => onChoose(row, e.target.value === 'add' ? { action: 'add' } : null)}
    >
      <option value="">{t('imports.hidden.asDefault')}</option>
      <option value="add">{t('imports.action.add')}</option>
    </select>
  );
}
