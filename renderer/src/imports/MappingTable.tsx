import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { importFields, type ImportField } from '../../../electron/core/imports/fields';
import { useFieldLabel } from './labels';
import type { Preview } from './queries';

interface MappingTableProps {
  columns: Preview['columns'];
  /** The field each column fills, as shown (the choice just made, while its preview runs). */
  mapping: readonly (ImportField | null)[];
  source: Preview['mappingSource'];
  /** A preview is running: choices wait for it (the selects keep the focus, they just do not change). */
  busy: boolean;
  onChange: (columns: (ImportField | null)[]) => void;
}

/**
 * Which Muster field each column of the file fills, one select per column. The core matched them from the headers
 * (or remembered them for this event); any change runs the preview again with the new mapping. A field can come
 * from one column only, so choosing it for a column takes it from the column that had it.
 */
export function MappingTable({ columns, mapping, source, busy, onChange }: MappingTableProps) {
  const { t } = useTranslation();
  const fieldLabel = useFieldLabel();
  const captionId = useId();
  const hintId = useId();

  const choose = (index: number, value: string) => {
    if (busy) return;
    const field = importFields.find((f) => f === value) ?? null;
    const next = mapping.map((current, i) => (i === index ? field : current === field ? null : current));
    onChange(next);
  };

  return (
    <>
      <p id={hintId} className="hint">
        {t(`imports.mapping.source.${source}`)} {t('imports.mapping.oneColumnEach')}
      </p>
      <div className="table-wrap">
        <table className="table mapping-table" aria-describedby={hintId}>
          <caption id={captionId} className="visually-hidden">
            {t('imports.mapping.caption')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('imports.mapping.column')}</th>
              <th scope="col">{t('imports.mapping.samples')}</th>
              <th scope="col">{t('imports.mapping.field')}</th>
            </tr>
          </thead>
          <tbody>
            {columns.map((column) => {
              const field = mapping[column.index] ?? null;
              return (
                <tr key={column.index} className={field === null ? 'unmapped' : undefined}>
                  <th scope="row" dir="auto">
                    {column.header}
                  </th>
                  <td className="samples" dir="auto">
                    {column.samples.filter(Boolean).join(' · ') || (
                      <span className="muted">{t('imports.mapping.empty')}</span>
                    )}
                  </td>
                  <td>
                    <select
                      aria-label={t('imports.mapping.fieldFor', { column: column.header })}
                      value={field ?? ''}
                      aria-disabled={busy}
                      onChange={(e) => choose(column.index, e.target.value)}
                    >
                      <option value="">{t('imports.mapping.leaveOut')}</option>
                      {importFields.map((f) => (
                        <option key={f} value={f}>
                          {fieldLabel(f)}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
