import { useTranslation } from 'react-i18next';
import type { CheckInRecord } from '../../../electron/core/checkin/schema';
import type {
  Category,
  Gender,
  organisationTypes,
  RosterRow,
  Status,
} from '../../../electron/core/participants/schema';

export type OrganisationType = (typeof organisationTypes)[number];
export type Method = NonNullable<CheckInRecord['method']>;

/**
 * The words for the contract's closed lists, in the interface language. One place, so a select, a table cell and a
 * filter never name the same value differently.
 */
export function useLabels() {
  const { t } = useTranslation();
  return {
    gender: (value: Gender) => t(`labels.gender.${value}`),
    category: (value: Category) => t(`labels.category.${value}`),
    organisationType: (value: OrganisationType) => t(`labels.organisationType.${value}`),
    status: (value: Status) => t(`labels.status.${value}`),
    method: (value: Method) => t(`labels.method.${value}`),
    /** The display name, or "Erased participant" for a person whose names were erased (never blank in a list). */
    name: (person: Pick<RosterRow, 'badgeName' | 'givenNames' | 'familyName'>) =>
      displayName(person) || t('person.erased'),
  };
}

/**
 * The name staff know a person by: the badge name when there is one, else given and family names. Empty only for an
 * erased person (every way of registering someone requires a family name): show `useLabels().name` in lists.
 */
export function displayName(person: Pick<RosterRow, 'badgeName' | 'givenNames' | 'familyName'>): string {
  return person.badgeName.trim() || `${person.givenNames} ${person.familyName}`.trim();
}
