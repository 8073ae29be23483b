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
  // "00 254 …" is how most of the world writes +254, but a region reads it as international only where 00 is its
  // own exit code (Kenya's is 000, Trinidad's 011): as a last resort the 00 is taken for the +.
  const international = /^\s*00\s*(?=[1-9])/.exec(text);
  if (international) {
    const parsed = parsePhoneNumberFromString(`+${text.slice(international[0].length)}`);
    if (parsed?.isValid()) return parsed.number;
  }
  return null;
}
