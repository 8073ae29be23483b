import type { Language } from '../../../electron/core/events/schema';

// Event dates are calendar days (YYYY-MM-DD), not instants: format them at UTC midnight so no zone shifts the day.
const toDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

const formats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(lang: Language, style: 'medium' | 'full'): Intl.DateTimeFormat {
  const key = `${lang}:${style}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, { dateStyle: style, timeZone: 'UTC' });
    formats.set(key, format);
  }
  return format;
}

export function formatDate(iso: string, lang: Language, style: 'medium' | 'full' = 'medium'): string {
  return dateFormat(lang, style).format(toDate(iso));
}

/** "12–14 Mar 2026" in English, "12–14 mars 2026" in French: the shared parts written once. */
export function formatDateRange(start: string, end: string, lang: Language): string {
  return dateFormat(lang, 'medium').formatRange(toDate(start), toDate(end));
}

/** A moment as a date and a clock time in the interface language, in this machine's time zone ("28 Nov 2026, 09:15"). */
export function formatDateTime(iso: string, lang: Language): string {
  const key = `${lang}:datetime`;
  let format = times.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
    times.set(key, format);
  }
  return format.format(new Date(iso));
}

/** A language's name in the interface language ("French", "français", "الفرنسية"). */
export function languageName(code: Language, lang: Language): string {
  return new Intl.DisplayNames(lang, { type: 'language' }).of(code) ?? code;
}

const times = new Map<string, Intl.DateTimeFormat>();

/**
 * A moment's clock time ("09:14", "٠٩:١٤") in the event's time zone, not the machine's: a kiosk set up in another
 * zone, or a report read later elsewhere, still shows the time people saw on the wall.
 */
export function formatTime(iso: string, lang: Language, timeZone: string): string {
  const key = `${lang}:${timeZone}`;
  let format = times.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, { timeStyle: 'short', timeZone });
    times.set(key, format);
  }
  return format.format(new Date(iso));
}

export function formatNumber(n: number, lang: Language): string {
  return n.toLocaleString(lang);
}

export function formatPercent(share: number, lang: Language): string {
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/**
 * A file's size in the unit that reads best: "820 kB", "12.4 MB". Counted in 1,024s, as Windows shows sizes and as
 * the core states its limits ("up to 64 MB"), so a file the screen calls 64 MB is one the core accepts.
 */
export function formatBytes(bytes: number, lang: Language): string {
  const mb = 1024 * 1024;
  const [unit, size] =
    bytes >= mb
      ? (['megabyte', bytes / mb] as const)
      : bytes >= 1024
        ? (['kilobyte', bytes / 1024] as const)
        : (['byte', bytes] as const);
  return new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(
    size,
  );
}
