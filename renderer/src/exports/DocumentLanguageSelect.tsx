import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { languages, type Language } from '../../../electron/core/events/schema';
import { languageName } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';

/**
 * "Language of the document": the language a PDF is written in (export.run's and report.export's `language`), shared
 * by the export screen and the reports. The languages the reader most likely wants (the event's own, in its order)
 * come first; every other one follows.
 */
export function DocumentLanguageSelect({
  value,
  onChange,
  first,
  hint,
}: {
  value: Language;
  onChange: (language: Language) => void;
  first: readonly Language[];
  hint: string;
}) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const id = useId();
  const hintId = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{t('exports.documentLanguage')}</label>
      <select id={id} value={value} aria-describedby={hintId} onChange={(e) => onChange(e.target.value as Language)}>
        {[...first, ...languages.filter((l) => !first.includes(l))].map((l) => (
          <option key={l} value={l}>
            {languageName(l, lang)}
          </option>
        ))}
      </select>
      <p id={hintId} className="hint">
        {hint}
      </p>
    </div>
  );
}
