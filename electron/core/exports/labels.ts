import type { Gender, Status } from '../participants/schema';
import type { organisationTypes } from '../participants/schema';
import type { ReportCategory } from '../reports/closed-lists';
import type { ExportField } from './schema';
import { countryIn } from './words';
import words from './words/en.json';

// CSV and XLSX stay in English whatever the event's language: their column headers and sheet names (Participants,
// Attendance, Summary) are read by other tools and scripts, which must find the same names at every workshop. The
// PDFs people read and sign are drawn in the workshop's language (words/); the English names of genders, categories
// and organisation types are those of the English documents (words/en.json), so the workbook's Summary sheet and an
// English summary PDF of one event name every row alike.

export const fieldLabels: Record<ExportField, string> = {
  honorific: 'Title',
  givenNames: 'Given names',
  familyName: 'Family name',
  badgeName: 'Badge name',
  gender: 'Gender',
  country: 'Country',
  nationality: 'Nationality',
  organisation: 'Organisation',
  organisationType: 'Organisation type',
  jobTitle: 'Job title',
  email: 'Email',
  phone: 'Phone',
  category: 'Category',
  status: 'Status',
  code: 'Check-in code',
  preferredLanguage: 'Language',
  dietary: 'Dietary requirements',
  accessibility: 'Accessibility',
};

export const genderLabels: Record<Gender, string> = words.labels.gender;

/** With "Other": where figures count a category a newer replica introduced (`reports/closed-lists.ts`). */
export const categoryLabels: Record<ReportCategory, string> = words.labels.category;

export const organisationTypeLabels: Record<(typeof organisationTypes)[number], string> = words.labels.organisationType;

export const statusLabels: Record<Status, string> = {
  invited: 'Invited',
  confirmed: 'Confirmed',
  cancelled: 'Cancelled',
  walk_in: 'Walk-in',
};

/** A country's English name from its ISO code ("KE" → "Kenya"); the code itself if unknown. */
export function countryName(code: string | null): string {
  return countryIn('en', code);
}
