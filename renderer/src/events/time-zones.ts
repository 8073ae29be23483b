import type { Language } from '../../../electron/core/events/schema';

export interface TimeZoneOption {
  zone: string;
  label: string;
}

const cache = new Map<Language, TimeZoneOption[]>();

/** This machine's zone: the sensible default, since the kiosk is usually set up where the event takes place. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/**
 * Every IANA zone the runtime knows, labelled "Africa/Nairobi (GMT+3)" with the offset in the interface language.
 * `keep` adds zones the list may lack: Chromium lists some zones by their old names (Asia/Calcutta, not
 * Asia/Kolkata), and an event saved elsewhere must never silently switch zone because its own is missing here.
 */
export function timeZoneOptions(lang: Language, keep: readonly string[] = []): TimeZoneOption[] {
  let all = cache.get(lang);
  if (!all) {
    const zones = new Set(Intl.supportedValuesOf('timeZone'));
    zones.add('UTC');
    all = [...zones].sort().map((zone) => option(zone, lang));
    cache.set(lang, all);
  }
  const missing = keep.filter((zone) => zone && !all.some((o) => o.zone === zone));
  return missing.length ? [...missing.map((zone) => option(zone, lang)), ...all] : all;
}

function option(zone: string, lang: Language): TimeZoneOption {
  return { zone, label: `${zone.replaceAll('_', ' ')} (${offset(zone, lang, new Date())})` };
}

function offset(zone: string, lang: Language, at: Date): string {
  try {
    const parts = new Intl.DateTimeFormat(lang, { timeZone: zone, timeZoneName: 'shortOffset' }).formatToParts(at);
    return parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
  } catch {
    return '?';
  }
}
