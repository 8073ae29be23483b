import { genders, organisationTypes } from '../participants/schema';
import { asCategory, asGender, asOrganisationType, reportCategories } from '../reports/closed-lists';
import type { ExportData, ExportPerson } from './data';
import { documentWords, type DocumentWords } from './words';

/** How many of a group registered (not cancelled) and attended (checked in to at least one session). */
export interface Count {
  key: string;
  label: string;
  registered: number;
  attended: number;
}

export interface SessionCount {
  name: string;
  date: string;
  expected: number;
  checkedIn: number;
  women: number;
}

/** The figures donors ask for, computed once for the XLSX Summary sheet and the summary PDF alike. */
export interface Summary {
  registered: number;
  attended: number;
  womenRegistered: number;
  womenAttended: number;
  /** Those who stated a gender (female, male or another): what % women is out of, as in the report. */
  genderStatedRegistered: number;
  genderStatedAttended: number;
  /**
   * Women among those who attended and stated a gender, or among those registered before anyone checked in; 0–100.
   * The report's definition (`reports/figures.ts`), so the summary and the report of one event give one figure: none
   * when nobody stated a gender, rather than a 0% that says there were no women.
   */
  womenPercent: number | null;
  countries: number;
  countriesAttended: number;
  byGender: Count[];
  byCategory: Count[];
  byCountry: Count[];
  byOrganisationType: Count[];
  sessions: SessionCount[];
}

function tally(
  people: readonly ExportPerson[],
  keyOf: (p: ExportPerson) => string,
  labelOf: (key: string) => string,
  order?: readonly string[],
): Count[] {
  const counts = new Map<string, Count>();
  for (const key of order ?? []) counts.set(key, { key, label: labelOf(key), registered: 0, attended: 0 });
  for (const person of people) {
    const key = keyOf(person);
    const count = counts.get(key) ?? { key, label: labelOf(key), registered: 0, attended: 0 };
    count.registered++;
    if (attended(person)) count.attended++;
    counts.set(key, count);
  }
  const list = [...counts.values()];
  // Fixed lists keep their order (and their empty rows, which say something too); countries go by size, then name.
  return order ? list : list.sort((a, b) => b.registered - a.registered || a.label.localeCompare(b.label));
}

const attended = (person: ExportPerson) => person.checkIns.some((at) => at !== null);

/** The rows are named in `words`' language: English (the workbook's) unless a PDF in another language asks. */
export function summarise(data: ExportData, words: DocumentWords = documentWords('en')): Summary {
  const people = [...data.people, ...data.erased].filter((p) => p.status !== 'cancelled');
  const present = people.filter(attended);
  const women = (list: readonly ExportPerson[]) => list.filter((p) => p.gender === 'female').length;
  const stated = (list: readonly ExportPerson[]) => list.filter((p) => p.gender !== 'not_stated').length;
  const base = present.length ? present : people;
  return {
    registered: people.length,
    attended: present.length,
    womenRegistered: women(people),
    womenAttended: women(present),
    genderStatedRegistered: stated(people),
    genderStatedAttended: stated(present),
    womenPercent: stated(base) ? (100 * women(base)) / stated(base) : null,
    countries: new Set(people.map((p) => p.country)).size,
    countriesAttended: new Set(present.map((p) => p.country)).size,
    // A value a newer replica wrote counts under the bucket the report and the dashboard give it, so each
    // breakdown adds up to the totals above it, and every row has a label.
    byGender: tally(
      people,
      (p) => asGender(p.gender),
      (k) => words.gender(asGender(k)),
      genders,
    ),
    byCategory: tally(
      people,
      (p) => asCategory(p.category),
      (k) => words.category(asCategory(k)),
      reportCategories,
    ),
    byCountry: tally(people, (p) => p.country, words.country),
    byOrganisationType: tally(
      people,
      (p) => asOrganisationType(p.organisationType),
      (k) => words.organisationType(asOrganisationType(k)),
      organisationTypes,
    ),
    sessions: data.sessions.map((session, i) => {
      const present = people.filter((p) => p.checkIns[i] !== null);
      return {
        name: session.name,
        date: session.date,
        expected: people.length,
        checkedIn: present.length,
        women: women(present),
      };
    }),
  };
}
