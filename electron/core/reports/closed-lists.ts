import { genders, organisationTypes, type Gender } from '../participants/schema';

type OrganisationType = (typeof organisationTypes)[number];

/**
 * A value a newer replica introduced (the database keeps no CHECK on the closed lists, so sync can bring one) still
 * counts in the figures, under the bucket it belongs to, rather than vanishing from a breakdown whose parts must add
 * up to the total beside it.
 */
export function asOrganisationType(value: string): OrganisationType {
  return (organisationTypes as readonly string[]).includes(value) ? (value as OrganisationType) : 'other';
}

/** A gender this version does not know was still stated, and is neither female nor male: "another gender". */
export function asGender(value: string): Gender {
  return (genders as readonly string[]).includes(value) ? (value as Gender) : 'another';
}
