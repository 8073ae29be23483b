import { z } from 'zod';
import { validationMessages } from '../../../electron/core/api/errors';
import { maxEventDays } from '../../../electron/core/events/schema';
import type en from './locales/en.json';
import { i18n } from './i18n';

type ValidationKey = keyof typeof en.validation;

// The only number a validation message counts is the event's longest span; passing it as the count lets a plural
// key (eventTooLong_one/_other…) be found and read right, and leaves the other keys as they are.
const plural = { count: maxEventDays, max: maxEventDays };

function isValidationKey(key: unknown): key is ValidationKey {
  return typeof key === 'string' && i18n.exists(`validation.${key}`, { lng: 'en', count: plural.count });
}

function translate(key: ValidationKey): string {
  return i18n.t(`validation.${key}`, plural);
}

/**
 * The text for a validation key the schemas or the core use: translated when the catalogues know it, else the core's
 * own English (a key added to the core before its translation still reads as a sentence, not as "Invalid input").
 */
export function validationMessage(key: unknown): string | undefined {
  if (isValidationKey(key)) return translate(key);
  return typeof key === 'string' && Object.hasOwn(validationMessages, key) ? validationMessages[key] : undefined;
}

/**
 * Messages for the issues the schemas raise, in the interface language. The shared schemas carry a `params.key` and
 * no text on their own checks; a few of zod's generic issues read badly next to a form field ("Too small: expected
 * string to have >=2 characters" for an empty country), so those get the field's own words. Anything else falls
 * through to zod's locale messages (z.locales.*, set by language.ts).
 */
const customError: z.core.$ZodErrorMap = (issue) => {
  const key = issue.code === 'custom' ? (issue.params as { key?: unknown } | undefined)?.key : undefined;
  const keyed = validationMessage(key);
  if (keyed) return keyed;
  const field = issue.path?.at(-1);
  const empty = issue.input === '' || issue.input === undefined;
  if (field === 'languages' && issue.code === 'too_small') return translate('chooseLanguage');
  if (empty && issue.code !== 'unrecognized_keys') return translate('blank');
  if (field === 'country') return translate('unknownCountry');
  if (field === 'timeZone') return translate('unknownTimeZone');
  if (issue.code === 'invalid_format' && issue.format === 'date') return translate('invalidDate');
  return undefined;
};

export function configureZodMessages(): void {
  // jitless: zod would otherwise probe `new Function`, which our CSP (no eval) reports as a violation.
  z.config({ jitless: true, customError });
}
