import isoCountries from 'i18n-iso-countries';
import ar from 'i18n-iso-countries/langs/ar.json';
import de from 'i18n-iso-countries/langs/de.json';
import en from 'i18n-iso-countries/langs/en.json';
import es from 'i18n-iso-countries/langs/es.json';
import fr from 'i18n-iso-countries/langs/fr.json';
import pt from 'i18n-iso-countries/langs/pt.json';
import ru from 'i18n-iso-countries/langs/ru.json';
import { headerKey } from './headers';
import { remembered } from './values';

type Names = { countries: Record<string, string | string[]> };

// Words that join parts of a country's name differently in each language ("Trinidad & Tobago", "Trinité-et-Tobago",
// "Trinidad y Tobago", "Тринидад и Тобаго"): dropped, so all of them compare equal.
const connectors = new Set([
  'and',
  'et',
  'y',
  'e',
  'и',
  'und',
  'the',
  'of',
  'de',
  'du',
  'del',
  'la',
  'le',
  'les',
  'el',
  'los',
]);

// "St Lucia", "St. Kitts & Nevis", "Ste-Lucie": the abbreviations the ISO names spell out.
const abbreviations = new Map([
  ['st', 'saint'],
  ['ste', 'sainte'],
]);

function countryWords(name: string): string[] {
  return headerKey(name.replace(/&/g, ' and '))
    .split(' ')
    .map((word) => abbreviations.get(word) ?? word)
    .filter((word) => !connectors.has(word));
}

function countryKey(name: string): string {
  return countryWords(name).join('');
}

// The form of state that official lists put around a name ("Republic of Kenya", "République du Kenya"), folded: tried
// without it when the whole name is unknown.
const formOfState = new Set(['republic', 'republique', 'republica', 'республика', 'federal', 'state', 'kingdom']);

function plainKey(name: string): string {
  return countryWords(name)
    .filter((word) => !formOfState.has(word))
    .join('');
}

// Names people write that the ISO lists do not carry.
const extra: Record<string, string> = {
  Bosnia: 'BA',
  'Bosnia-Herzegovina': 'BA',
  England: 'GB',
  Scotland: 'GB',
  Wales: 'GB',
  'Northern Ireland': 'GB',
  DRC: 'CD',
  'DR Congo': 'CD',
  UAE: 'AE',
  Emirates: 'AE',
  Holland: 'NL',
  Macedonia: 'MK',
  Swaziland: 'SZ',
  Burma: 'MM',
  'Cape Verde': 'CV',
  'East Timor': 'TL',
  Vatican: 'VA',
  'Holy See': 'VA',
  Palestine: 'PS',
  // ISO's English has only "Moldova, Republic of", "Syrian Arab Republic" and "Lao People's Democratic Republic".
  Moldova: 'MD',
  Syria: 'SY',
  'Lao PDR': 'LA',
  // The UN's and the countries' own names in Central Asia, where lists come in Russian, Kyrgyz, Kazakh or Uzbek.
  'Kyrgyz Republic': 'KG',
  Кыргызстан: 'KG',
  'Кыргызская Республика': 'KG',
  Қазақстан: 'KZ',
  Тоҷикистон: 'TJ',
  Ўзбекистон: 'UZ',
  "O'zbekiston": 'UZ',
  Oʻzbekiston: 'UZ',
  Uzbekiston: 'UZ',
  'Congo-Brazzaville': 'CG',
  'Congo-Kinshasa': 'CD',
  'T&T': 'TT',
};

/** Every name of every country in the languages organisers write in, folded; a name two countries share maps to null. */
const index = new Map<string, string | null>();
function add(name: string, code: string): void {
  const key = countryKey(name);
  if (!key) return;
  const known = index.get(key);
  index.set(key, known === undefined || known === code ? code : null);
}
for (const language of [en, fr, es, ru, ar, pt, de] as Names[]) {
  for (const [code, names] of Object.entries(language.countries)) {
    for (const name of Array.isArray(names) ? names : [names]) add(name, code);
  }
}
for (const [name, code] of Object.entries(extra)) add(name, code);

/**
 * The ISO 3166-1 alpha-2 code for a country as written in a file: a code (KE, KEN), or a name in English, French,
 * Spanish, Russian, Arabic, Portuguese or German, with or without accents, "&" or "and". Null when unknown or
 * ambiguous.
 */
export const countryCode = remembered((text: string): string | null => {
  const value = text.trim();
  if (/^[A-Za-z]{2}$/.test(value)) {
    const code = value.toUpperCase();
    // "UK" is what people write for GB, which has no alpha-2 code of its own in the list.
    if (code === 'UK') return 'GB';
    return isoCountries.isValid(code) ? code : null;
  }
  if (/^[A-Za-z]{3}$/.test(value)) {
    const code = isoCountries.alpha3ToAlpha2(value.toUpperCase());
    if (code) return code;
  }
  const found = index.get(countryKey(value));
  if (found !== undefined) return found;
  const plain = plainKey(value);
  return plain ? (index.get(plain) ?? null) : null;
});
