import { formatCode } from '../participants/code';
import { asCategory, asGender, asOrganisationType } from '../reports/closed-lists';
import type { ExportData, ExportPerson } from './data';
import { categoryLabels, countryName, fieldLabels, genderLabels, organisationTypeLabels, statusLabels } from './labels';
import type { ExportField } from './schema';
import { localDateTime } from './time';

const languageNames: Record<string, string> = {
  en: 'English',
  fr: 'French',
  es: 'Spanish',
  ru: 'Russian',
  ar: 'Arabic',
};

/**
 * A field of a registration as a person reads it in a file: labels for codes, country names for ISO codes. A value a
 * newer Muster wrote reads as the bucket the summary counts it in ("Other", "Another gender"), never a blank cell.
 */
export function fieldText(person: ExportPerson, field: ExportField): string {
  switch (field) {
    case 'gender':
      return genderLabels[asGender(person.gender)];
    case 'country':
      return countryName(person.country);
    case 'nationality':
      return countryName(person.nationality);
    case 'organisationType':
      return organisationTypeLabels[asOrganisationType(person.organisationType)];
    case 'category':
      return categoryLabels[asCategory(person.category)];
    case 'status':
      return statusLabels[person.status];
    case 'code':
      return formatCode(person.code);
    case 'preferredLanguage':
      return person.preferredLanguage ? (languageNames[person.preferredLanguage] ?? person.preferredLanguage) : '';
    default:
      return person[field] ?? '';
  }
}

/** A session's column heading: its name and date, so two "Day 1" sessions of different events never blur. */
export function sessionHeading(session: ExportData['sessions'][number]): string {
  return `${session.name} (${session.date})`;
}

/** The roster as a table of text: chosen fields, then one column per session with the local check-in time. */
export function rosterTable(data: ExportData, fields: readonly ExportField[]): { header: string[]; rows: string[][] } {
  return {
    header: [...fields.map((f) => fieldLabels[f]), ...data.sessions.map(sessionHeading)],
    rows: data.people.map((person) => [
      ...fields.map((f) => fieldText(person, f)),
      ...person.checkIns.map((at) => (at ? localDateTime(at, data.event.timeZone) : '')),
    ]),
  };
}

/** How people's names are written on sheets: given then family, or family first without a space in Chinese. */
export function displayName(person: Pick<ExportPerson, 'givenNames' | 'familyName'>): string {
  const unspaced = /^[\p{Script=Han}\p{Script=Hangul}]+$/u;
  if (unspaced.test(person.familyName) && unspaced.test(person.givenNames || person.familyName)) {
    return `${person.familyName}${person.givenNames}`;
  }
  return `${person.givenNames} ${person.familyName}`.trim();
}
