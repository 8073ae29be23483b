import { fold } from '../text/fold';

/**
 * What the duplicate rule compares: the email, the folded name both ways round (given and family names are often
 * swapped on forms), and the country. Pure, so an import's worker thread can key a whole file without a database.
 */
export interface DuplicateKeys {
  email: string | null;
  /** Null when there is no name or no country to compare. */
  names: [familyFirst: string, givenFirst: string] | null;
  country: string | null;
}

export function duplicateKeys(person: {
  givenNames?: string | undefined;
  familyName?: string | undefined;
  country?: string | null | undefined;
  email?: string | null | undefined;
}): DuplicateKeys {
  const given = person.givenNames ?? '';
  const family = person.familyName ?? '';
  const country = person.country || null;
  return {
    email: person.email || null,
    names: country && (given || family) ? [fold(`${family} ${given}`), fold(`${given} ${family}`)] : null,
    country,
  };
}
