import { z } from 'zod';
import zodEn from 'zod/v4/locales/en.js';
import { languages, type Language } from '../../../electron/core/events/schema';
import type { LanguageBundle } from './bundle';
import { registerCountryNames } from './countries';
import { i18n } from './i18n';
import { configureZodMessages } from './zod-messages';

export { languages, type Language };

export const storageKey = 'muster.language';

// Each language is its own chunk: a kiosk in Nairobi never parses the Russian country list.
const loaders: Record<Exclude<Language, 'en'>, () => Promise<{ default: LanguageBundle }>> = {
  fr: () => import('./bundles/fr'),
  es: () => import('./bundles/es'),
  ru: () => import('./bundles/ru'),
  ar: () => import('./bundles/ar'),
};

const zodLocales: Partial<Record<Language, LanguageBundle['zodLocale']>> = { en: zodEn };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** The saved choice, else the system's language if Muster speaks it, else English. */
export function initialLanguage(): Language {
  const saved = safeStorage()?.getItem(storageKey);
  if (isLanguage(saved)) return saved;
  const system = navigator.language.slice(0, 2);
  return isLanguage(system) ? system : 'en';
}

/** Switches every visible text, zod's messages, <html lang/dir>, and remembers the choice. */
export async function setLanguage(lang: Language): Promise<void> {
  if (lang !== 'en' && !i18n.hasResourceBundle(lang, 'translation')) {
    const { default: loaded } = await loaders[lang]();
    i18n.addResourceBundle(lang, 'translation', loaded.catalogue);
    registerCountryNames(loaded.countries);
    zodLocales[lang] = loaded.zodLocale;
  }
  z.config(zodLocales[lang]?.() ?? zodEn());
  configureZodMessages();
  await i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
  document.documentElement.dir = i18n.dir(lang);
  safeStorage()?.setItem(storageKey, lang);
}

// Storage can be unavailable (privacy settings, some test runners); the choice then lasts for the session only.
function safeStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
