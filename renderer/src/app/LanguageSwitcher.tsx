import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage, languages, setLanguage, type Language } from '../i18n/language';
import { useLanguage } from '../i18n/use-language';

// Each language in its own name, so a user who cannot read the current one still finds theirs.
const endonyms: Record<Language, string> = {
  en: 'English',
  fr: 'Français',
  es: 'Español',
  ru: 'Русский',
  ar: 'العربية',
};

export function LanguageSwitcher() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const id = useId();
  const [switching, setSwitching] = useState(false);
  return (
    <div className="language-switcher">
      <label htmlFor={id}>{t('app.language')}</label>
      <select
        id={id}
        value={lang}
        aria-busy={switching}
        onChange={(e) => {
          const next = e.target.value;
          if (!isLanguage(next)) return;
          setSwitching(true);
          void setLanguage(next).finally(() => setSwitching(false));
        }}
      >
        {languages.map((code) => (
          <option key={code} value={code} lang={code}>
            {endonyms[code]}
          </option>
        ))}
      </select>
    </div>
  );
}
