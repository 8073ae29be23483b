import { useId, useState, type FormEvent } from 'react';
import { importLimits } from '../../../electron/core/imports/limits';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';
import type { Preview } from './queries';

const delimiterNames = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'bar' } as const;

interface PreviewSummaryProps {
  preview: Preview;
  /** The sheet shown as chosen (the one just chosen, while it is read). */
  sheet: string | null;
  busy: boolean;
  onSheet: (sheet: string) => void;
  /** Reads the file again with its column names on this row (the rows above it are left out). */
  onHeaderRow: (row: number) => void;
}

/**
 * How the core read the file: its name, CSV or Excel, the encoding and separator it detected (a wrong guess shows
 * here before it shows as mojibake in the rows), the header row, and for a workbook with several sheets the choice.
 */
export function PreviewSummary({ preview, sheet, busy, onSheet, onHeaderRow }: PreviewSummaryProps) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const sheetId = useId();
  const headerId = useId();
  const headerHintId = useId();
  const [headerRow, setHeaderRow] = useState(String(preview.headerRow));
  const wanted = Number(headerRow);
  // 0: the file has no column names, and its first row is a person.
  const valid = headerRow.trim() !== '' && Number.isInteger(wanted) && wanted >= 0 && wanted <= importLimits.headerRow;
  const useHeaderRow = (e: FormEvent) => {
    e.preventDefault();
    if (!busy && valid && wanted !== preview.headerRow) onHeaderRow(wanted);
  };
  return (
    <div className="file-summary">
      <dl className="facts">
        <div>
          <dt>{t('imports.summary.file')}</dt>
          <dd dir="auto">{preview.fileName}</dd>
        </div>
        <div>
          <dt>{t('imports.summary.format')}</dt>
          <dd>
            {preview.format === 'xlsx'
              ? t('imports.summary.xlsx')
              : [
                  t('imports.summary.csv'),
                  preview.encoding && t(`imports.encoding.${preview.encoding}`),
                  preview.delimiter && t(`imports.delimiter.${delimiterNames[preview.delimiter]}`),
                ]
                  .filter(Boolean)
                  .join(' · ')}
          </dd>
        </div>
        <div>
          <dt>{t('imports.summary.headerRow')}</dt>
          <dd>{preview.headerRow === 0 ? t('imports.summary.noHeaderRow') : formatNumber(preview.headerRow, lang)}</dd>
        </div>
      </dl>
      <form className="header-row" onSubmit={useHeaderRow} noValidate>
        <label htmlFor={headerId}>{t('imports.summary.chooseHeaderRow')}</label>
        <input
          id={headerId}
          type="number"
          inputMode="numeric"
          min={0}
          max={importLimits.headerRow}
          value={headerRow}
          aria-invalid={!valid}
          aria-describedby={headerHintId}
          onChange={(e) => setHeaderRow(e.target.value)}
        />
        <button type="submit" className="button" aria-disabled={busy || !valid}>
          {t('imports.summary.useHeaderRow')}
        </button>
        <p id={headerHintId} className="hint">
          {t('imports.summary.noHeaderRowHint')}
        </p>
      </form>
      {preview.sheets.length > 1 && (
        <div className="field sheet-choice">
          <label htmlFor={sheetId}>{t('imports.summary.sheet')}</label>
          <select
            id={sheetId}
            value={sheet ?? ''}
            aria-disabled={busy}
            onChange={(e) => {
              if (!busy && e.target.value !== sheet) onSheet(e.target.value);
            }}
          >
            {preview.sheets.map((s) => (
              <option key={s.name} value={s.name}>
                {t('imports.summary.sheetRows', { sheet: s.name, count: s.rows, rows: formatNumber(s.rows, lang) })}
              </option>
            ))}
          </select>
        </div>
      )}
    </div>
  );
}
