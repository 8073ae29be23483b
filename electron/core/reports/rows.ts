import { categoryLabels, countryName, genderLabels, organisationTypeLabels } from '../exports/labels';
import { genders, organisationTypes } from '../participants/schema';
import { reportCategories } from './closed-lists';
import type { Report } from './schema';

/**
 * The report's headline figures as rows of (label, stable JSON key, value), in print order: the XLSX Totals sheet
 * and the PDF print exactly these, so every figure in a file can be traced to its `--json` key.
 */
export function totalRows(report: Report): [label: string, key: string, value: number | string][] {
  const t = report.totals;
  const percent = (v: number | null) => (v === null ? '–' : `${v.toFixed(1)}%`);
  return [
    ['Workshops', 'workshops.length', report.workshops.length],
    ['Registered (people, each once)', 'totals.registered', t.registered],
    ['Unique participants (attended)', 'totals.uniqueParticipants', t.uniqueParticipants],
    ['Workshop attendances', 'totals.attendances', t.attendances],
    ['Attended all sessions', 'totals.attendedAllSessions', t.attendedAllSessions],
    ['Partner states represented', 'totals.partnerStates', t.partnerStates],
    ['Countries represented', 'totals.countries', t.countries],
    ['Women', 'totals.women', t.women],
    ['Gender stated', 'totals.genderStated', t.genderStated],
    ['Gender not stated', 'totals.genderNotStated', t.genderNotStated],
    ['Women (% of gender stated)', 'totals.womenPercent', percent(t.womenPercent)],
    ['Other participants (not delegates or staff)', 'totals.otherParticipants', t.otherParticipants],
    ['Matches confirmed', 'matches.confirmed', report.matches.confirmed],
    ['Matches pending', 'matches.pending', report.matches.pending],
    ['Matches rejected', 'matches.rejected', report.matches.rejected],
  ];
}

export const categoryRows = (report: Report) =>
  reportCategories.map((c) => [categoryLabels[c], `totals.byCategory.${c}`, report.totals.byCategory[c]] as const);
export const genderRows = (report: Report) =>
  genders.map((g) => [genderLabels[g], `totals.byGender.${g}`, report.totals.byGender[g]] as const);
export const organisationTypeRows = (report: Report) =>
  organisationTypes.map(
    (o) => [organisationTypeLabels[o], `totals.byOrganisationType.${o}`, report.totals.byOrganisationType[o]] as const,
  );

export function place(workshop: Report['workshops'][number]): string {
  return `${workshop.city}, ${countryName(workshop.country)}`;
}

export function dates(workshop: Report['workshops'][number]): string {
  return workshop.startDate === workshop.endDate ? workshop.startDate : `${workshop.startDate} – ${workshop.endDate}`;
}
