import type { SqlValue } from '../changes/write';
import type { ParticipantColumn } from '../participants/store';

/**
 * What an erased person's personal fields become. Everything that names, reaches or describes the person as an
 * individual goes: names, badge name, honorific, nationality, organisation name, job title, email, phone, language,
 * accessibility and dietary notes, consent record, photo consent, notes.
 *
 * What stays is exactly what the reports count, each a coarse category shared with many others: gender, country
 * represented and organisation type (with the registrations' category and status and the check-ins' sessions and
 * times, which hold no personal field). The organisation's name goes although reports never print it: with country
 * and gender it singles out one official in a small delegation.
 *
 * Required text columns become '' rather than NULL, so a scrubbed creation change still inserts on a replica that
 * never saw the person (rows keep their NOT NULL shape).
 */
export const erasedValues = {
  honorific: '',
  given_names: '',
  family_name: '',
  badge_name: '',
  nationality: null,
  organisation: '',
  job_title: '',
  email: null,
  phone: null,
  preferred_language: null,
  accessibility: '',
  dietary: '',
  consent_at: null,
  consent_notice: null,
  photo_consent: 0,
  notes: '',
} as const satisfies Partial<Record<ParticipantColumn, SqlValue>>;

const personal = new Set<string>(Object.keys(erasedValues));

/** The same change with every personal field it sets replaced by its erased value; other fields untouched. */
export function scrubFields(fields: Record<string, SqlValue>): Record<string, SqlValue> {
  return Object.fromEntries(
    Object.entries(fields).map(([name, value]) => [
      name,
      personal.has(name) ? erasedValues[name as keyof typeof erasedValues] : value,
    ]),
  );
}

/** A signature's PNG once its signer is erased: the row stays (its id keeps re-sent copies out), the drawing goes. */
export const erasedSignature = { png: '' } as const;
