import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json';
import type { Language } from '../../../electron/core/events/schema';

// English is always there (fallback); other languages register their names when chosen (see language.ts).
countries.registerLocale(en);

export const registerCountryNames = (data: Parameters<typeof countries.registerLocale>[0]) =>
  countries.registerLocale(data);

export interface CountryOption {
  code: string;
  name: string;
}

const cache = new Map<string, CountryOption[]>();

/** Every ISO 3166-1 country, named and sorted in the given language. */
export function countryOptions(lang: Language): CountryOption[] {
  let options = cache.get(lang);
  if (!options) {
    const names = countries.getNames(lang, { select: 'official' });
    const collator = new Intl.Collator(lang);
    options = Object.entries(names)
      .map(([code, name]) => ({ code, name }))
      .sort((a, b) => collator.compare(a.name, b.name));
    cache.set(lang, options);
  }
  return options;
}

export function countryName(code: string, lang: Language): string {
  return countries.getName(code, lang, { select: 'official' }) ?? countries.getName(code, 'en') ?? code;
}

/** The code for what the user typed: a name in the current language (any case), or a code itself. */
export function countryCode(text: string, lang: Language): string | undefined {
  const wanted = text.trim().toLocaleLowerCase(lang);
  if (!wanted) return undefined;
  const found = countryOptions(lang).find((c) => c.name.toLocaleLowerCase(lang) === wanted);
  if (found) return found.code;
  const upper = wanted.toUpperCase();
  return countries.isValid(upper) && upper.length === 2 ? upper : undefined;
}
