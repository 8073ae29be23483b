import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/**
 * A phone number as typed, in E.164 (+254712345678), or null if it is not a number that exists. A number without
 * its +country code is read as a number of the first region given (the event's country, then the person's), as
 * staff at a desk in Nairobi type local numbers the local way. Uses the full metadata so "exists" means a real
 * range of that country, not just a plausible length.
 */
export function toE164(text: string, regions: readonly string[]): string | null {
  const candidates = text.trim().startsWith('+') ? [undefined] : regions;
  for (const region of candidates) {
    const parsed = parsePhoneNumberFromString(text, region as CountryCode | undefined);
    if (parsed?.isValid()) return parsed.number;
  }
  return null;
}
