import { categories, genders, organisationTypes, type Category, type Gender } from '../participants/schema';

type OrganisationType = (typeof organisationTypes)[number];

/**
 * The categories a figure counts under: this version's, and "other" for one a newer replica introduced. Entry forms
 * keep offering `categories` only: "other" is a bucket for what this version cannot name, not a choice.
 */
export const reportCategories = [...categories, 'other'] as const;
export type ReportCategory = (typeof reportCategories)[number];

/**
 * A value a newer replica introduced (the database keeps no CHECK on the closed lists, so sync can bring one) still
 * counts in the figures, under the bucket it belongs to, rather than vanishing from a breakdown whose parts must add
 * up to the total beside it.
 */
export function asOrganisationType(value: string): OrganisationType {
  return (organisationTypes as readonly string[]).includes(value) ? (value as OrganisationType) : 'other';
}

/** A category this version does not know: counted, under "Other" (see `reportCategories`). */
export function asCategory(value: string): ReportCategory {
  return (categories as readonly string[]).includes(value) ? (value as Category) : 'other';
}

/** A gender this version does not know was still stated, and is neither female nor male: "another gender". */
export function asGender(value: string): Gender {
  return (genders as readonly string[]).includes(value) ? (value as Gender) : 'another';
}
