import { z } from 'zod';

/**
 * What a column of an import file can fill: the participant's fields, their registration's category, status and
 * code, a full name for lists that keep the name in one column, and middle names (a patronymic, "Middle name") for
 * lists that keep those apart: they follow the given names, as the person writes them.
 */
export const importFields = [
  'honorific',
  'givenNames',
  'middleNames',
  'familyName',
  'fullName',
  'badgeName',
  'gender',
  'country',
  'nationality',
  'organisation',
  'organisationType',
  'jobTitle',
  'email',
  'phone',
  'preferredLanguage',
  'accessibility',
  'dietary',
  'notes',
  'category',
  'status',
  'code',
] as const;
export const importField = z.enum(importFields);
export type ImportField = z.infer<typeof importField>;
