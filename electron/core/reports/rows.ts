import { categoryLabels, genderLabels, organisationTypeLabels } from '../exports/labels';
import { documentWords, type DocumentWords } from '../exports/words';
import type englishWords from '../exports/words/en.json';
import { genders, organisationTypes } from '../participants/schema';
import { reportCategories } from './closed-lists';
import type { Report } from './schema';

/**
 * The report's headline figures as rows of (label, stable JSON key, value), in print order: the XLSX Totals sheet
 * and the PDF print exactly these, so every figure in a file can be traced to its `--json` key.
 */
export function totalRows(
  report: Report,
  words: DocumentWords = documentWords('en'),
): [label: string, key: string, value: number | string][] {
  const t = report.totals;
  const rows: [label: TotalRow, key: string, value: number | string][] = [
    ['workshops', 'workshops.length', report.workshops.length],
    ['registered', 'totals.registered', t.registered],
    ['uniqueParticipants', 'totals.uniqueParticipants', t.uniqueParticipants],
    ['attendances', 'totals.attendances', t.attendances],
    ['attendedAllSessions', 'totals.attendedAllSessions', t.attendedAllSessions],
    ['partnerStates', 'totals.partnerStates', t.partnerStates],
    ['countries', 'totals.countries', t.countries],
    ['women', 'totals.women', t.women],
    ['genderStated', 'totals.genderStated', t.genderStated],
    ['genderNotStated', 'totals.genderNotStated', t.genderNotStated],
    ['womenPercent', 'totals.womenPercent', words.percent(t.womenPercent, 1)],
    ['otherParticipants', 'totals.otherParticipants', t.otherParticipants],
    ['matchesConfirmed', 'matches.confirmed', report.matches.confirmed],
    ['matchesPending', 'matches.pending', report.matches.pending],
    ['matchesRejected', 'matches.rejected', report.matches.rejected],
  ];
  return rows.map(([name, key, value]) => [words.text(`report.totalRows.${name}`), key, value]);
}

type TotalRow = keyof (typeof englishWords)['report']['totalRows'];

export const categoryRows = (report: Report) =>
  reportCategories.map((c) => [categoryLabels[c], `totals.byCategory.${c}`, report.totals.byCategory[c]] as const);
export const genderRows = (report: Report) =>
  genders.map((g) => [genderLabels[g], `totals.byGender.${g}`, report.totals.byGender[g]] as const);
export const organisationTypeRows = (report: Report) =>
  organisationTypes.map(
    (o) => [organisationTypeLabels[o], `totals.byOrganisationType.${o}`, report.totals.byOrganisationType[o]] as const,
  );

export function place(workshop: Report['workshops'][number], words: DocumentWords = documentWords('en')): string {
  return `${workshop.city}, ${words.country(workshop.country)}`;
}

/** A workshop's days in the document's language ("12 septembre 2023 – 14 septembre 2023"). */
export function dates(workshop: Report['workshops'][number], words: DocumentWords): string {
  const start = words.day(workshop.startDate);
  return workshop.startDate === workshop.endDate ? start : `${start} – ${words.day(workshop.endDate)}`;
}
