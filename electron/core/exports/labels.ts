import en from 'i18n-iso-countries/langs/en.json';
import type { Gender, Status } from '../participants/schema';
import type { organisationTypes } from '../participants/schema';
import type { ReportCategory } from '../reports/closed-lists';
import type { ExportField } from './schema';

// Attendance files go to donors and partners in English, the programme's working language.

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

export const genderLabels: Record<Gender, string> = {
  female: 'Female',
  male: 'Male',
  another: 'Another gender',
  not_stated: 'Not stated',
};

/** With "Other": where figures count a category a newer replica introduced (`reports/closed-lists.ts`). */
export const categoryLabels: Record<ReportCategory, string> = {
  partner_state_delegate: 'Partner-state delegate',
  embassy: 'Embassy',
  private_sector: 'Private sector',
  international_organisation: 'International organisation',
  un: 'United Nations',
  civil_society_academia: 'Civil society and academia',
  speaker_expert: 'Speaker or expert',
  organiser_staff: 'Organiser or staff',
  observer: 'Observer',
  other: 'Other',
};

export const organisationTypeLabels: Record<(typeof organisationTypes)[number], string> = {
  government: 'Government',
  law_enforcement: 'Law enforcement',
  prosecution_judiciary: 'Prosecution or judiciary',
  security_agency: 'Security agency',
  diplomatic_mission: 'Diplomatic mission',
  international_organisation: 'International organisation',
  un_entity: 'UN entity',
  private_sector: 'Private sector',
  civil_society_academia: 'Civil society or academia',
  other: 'Other',
};

export const statusLabels: Record<Status, string> = {
  invited: 'Invited',
  confirmed: 'Confirmed',
  cancelled: 'Cancelled',
  walk_in: 'Walk-in',
};

const countryNames = en.countries as Record<string, string | string[]>;

/** A country's English name from its ISO code ("KE" → "Kenya"); the code itself if unknown. */
export function countryName(code: string | null): string {
  if (!code) return '';
  const name = countryNames[code];
  return (Array.isArray(name) ? name[0] : name) ?? code;
}
