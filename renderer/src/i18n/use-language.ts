import { useTranslation } from 'react-i18next';
import { isLanguage, type Language } from './language';

/** The interface language, for Intl formatting and country names; re-renders when it changes. */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  return isLanguage(lang) ? lang : 'en';
}
