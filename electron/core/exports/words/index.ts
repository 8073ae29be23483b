import arCountries from 'i18n-iso-countries/langs/ar.json';
import enCountries from 'i18n-iso-countries/langs/en.json';
import esCountries from 'i18n-iso-countries/langs/es.json';
import frCountries from 'i18n-iso-countries/langs/fr.json';
import ruCountries from 'i18n-iso-countries/langs/ru.json';
import type { Language } from '../../events/schema';
import type { Gender, organisationTypes } from '../../participants/schema';
import type { ReportCategory } from '../../reports/closed-lists';
import ar from './ar.json';
import en from './en.json';
import es from './es.json';
import fr from './fr.json';
import ru from './ru.json';

/*
 * The words of the PDFs (sign-in sheets, summary, badges) in the five languages an event can have. The files follow
 * the screens' conventions (`{{name}}` placeholders, i18next's `_one`/`_few`/… plural suffixes chosen with
 * Intl.PluralRules), so one catalogue check serves both; the lookup is this small module rather than i18next because
 * the renderer's typed-key augmentation of i18next covers the whole program, and documents need no more than
 * placeholders and plural forms. English is the reference: every language must have its keys (the type below).
 */

type Catalogue = typeof en;

export const documentCatalogues: Record<Language, Catalogue> = { en, fr, es, ru, ar };

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

type Key = Exclude<Leaves<Omit<Catalogue, 'labels'>>, `${string}_${'one' | 'other'}`>;
/** Messages said with a number: their plain key, without the plural suffix. */
type Counted =
  Leaves<Omit<Catalogue, 'labels'>> extends infer K ? (K extends `${infer Base}_other` ? Base : never) : never;

type Values = Record<string, string | number>;

const countryLists: Record<Language, Record<string, string | string[]>> = {
  en: enCountries.countries,
  fr: frCountries.countries,
  es: esCountries.countries,
  ru: ruCountries.countries,
  ar: arCountries.countries,
};

/** A country's name in a language ("KE" → "Kenya", "Кения"), English when that language lacks it, else the code. */
export function countryIn(language: Language, code: string | null): string {
  if (!code) return '';
  const name = countryLists[language][code] ?? countryLists.en[code];
  // The first of several names is the official one (the screens' `select: 'official'`).
  return (Array.isArray(name) ? name[0] : name) ?? code;
}

/** Everything a document says in one language, built once per language and worker, then reused. */
export interface DocumentWords {
  language: Language;
  rtl: boolean;
  text(key: Key, values?: Values): string;
  count(key: Counted, count: number, values?: Values): string;
  number(n: number): string;
  /** A number with exactly `digits` decimals in the language's notation ("3,60"): a mean, a rate. */
  fixed(n: number, digits: number): string;
  /** A share given in percent (33.3 → "33.3%", "33,3 %"), with `digits` decimals; "–" when there is none. */
  percent(value: number | null, digits: number): string;
  gender(key: Gender): string;
  category(key: ReportCategory): string;
  organisationType(key: (typeof organisationTypes)[number]): string;
  country(code: string | null): string;
  /** "Tuesday 12 September 2023", "mardi 12 septembre 2023" for a YYYY-MM-DD calendar day. */
  longDate(date: string): string;
  /** The day a moment fell on, UTC, without the weekday: a footer's "printed on". */
  day(iso: string): string;
}

function lookup(catalogue: object, key: string): string | undefined {
  let node: unknown = catalogue;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

// English dates keep the British order the documents always had ("Tuesday 12 September 2023").
const dateLocales: Record<Language, string> = { en: 'en-GB', fr: 'fr', es: 'es', ru: 'ru', ar: 'ar' };

function build(language: Language): DocumentWords {
  const catalogue = documentCatalogues[language];
  const plural = new Intl.PluralRules(language);
  const numbers = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
  const long = new Intl.DateTimeFormat(dateLocales[language], {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const short = new Intl.DateTimeFormat(dateLocales[language], { dateStyle: 'long', timeZone: 'UTC' });
  const countries = new Map<string, string>();
  // One format per style and number of decimals, made on first use: a report says a share per row, and making an
  // Intl.NumberFormat costs far more than formatting with one.
  const formats = new Map<string, Intl.NumberFormat>();
  const withDigits = (style: 'decimal' | 'percent', digits: number) => {
    const key = `${style} ${digits}`;
    let format = formats.get(key);
    if (!format) {
      format = new Intl.NumberFormat(language, { style, minimumFractionDigits: digits, maximumFractionDigits: digits });
      formats.set(key, format);
    }
    return format;
  };
  const fill = (template: string, values: Values) =>
    template.replace(/{{\s*(\w+)\s*}}/g, (whole, name: string) => {
      const value = values[name];
      return value === undefined ? whole : typeof value === 'number' ? numbers.format(value) : value;
    });
  const message = (key: string) => lookup(catalogue, key) ?? lookup(en, key) ?? key;
  const label = (list: keyof Catalogue['labels'], key: string) =>
    (catalogue.labels[list] as Record<string, string>)[key] ?? (en.labels[list] as Record<string, string>)[key] ?? key;
  return {
    language,
    rtl: language === 'ar',
    text: (key, values = {}) => fill(message(key), values),
    count: (key, count, values = {}) => {
      const form = lookup(catalogue, `${key}_${plural.select(count)}`) ?? message(`${key}_other`);
      return fill(form, { ...values, count });
    },
    number: (n) => numbers.format(n),
    fixed: (n, digits) => withDigits('decimal', digits).format(n),
    percent: (value, digits) =>
      value === null
        ? '–'
        : withDigits('percent', digits)
            .format(value / 100)
            // Arabic wraps the sign in direction marks; drawText orders the line itself, and the fonts have no glyph.
            .replace(/[\u200e\u200f\u061c]/gu, ''),
    gender: (key) => label('gender', key),
    category: (key) => label('category', key),
    organisationType: (key) => label('organisationType', key),
    country: (code) => {
      if (!code) return '';
      let name = countries.get(code);
      if (name === undefined) countries.set(code, (name = countryIn(language, code)));
      return name;
    },
    longDate: (date) => long.format(new Date(`${date}T00:00:00Z`)),
    day: (iso) => short.format(new Date(iso)),
  };
}

const built = new Map<Language, DocumentWords>();

export function documentWords(language: Language): DocumentWords {
  let words = built.get(language);
  if (!words) built.set(language, (words = build(language)));
  return words;
}

/**
 * A heading in the document's language and, for a bilingual room, in the event's other language too
 * ("Signature / Подпись"); once when both say the same ("Organisation").
 */
export function bilingual(key: Key, words: DocumentWords, second: DocumentWords | null): string {
  const first = words.text(key);
  const other = second?.text(key);
  return other && other !== first ? `${first} / ${other}` : first;
}
