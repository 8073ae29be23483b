import ExcelJS from 'exceljs';
import { categoryLabels, countryName } from '../exports/labels';
import { neutralise } from '../exports/neutralise';
import { finish, sheet } from '../exports/xlsx';
import { addFeedbackSheet } from '../feedback/outputs';
import { reportCategories } from './closed-lists';
import { categoryRows, genderRows, organisationTypeRows, totalRows } from './rows';
import type { Report } from './schema';

/**
 * The report as a workbook: Workshops (one row each), Totals (every headline figure with its `--json` key), By
 * category / gender / organisation type / country, Sessions (attendance rate per session), Feedback and Definitions.
 * Built with the attendance export's sheet helpers, so both workbooks look and filter alike.
 */
export async function renderReportXlsx(report: Report): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Muster';
  workbook.created = new Date(report.generatedAt);

  const workshops = sheet(workbook, 'Workshops', [
    'Workshop',
    'City',
    'Country',
    'Start',
    'End',
    'Sessions',
    'Registered',
    'Attended',
    'No-shows',
    'Attended all sessions',
    'Countries',
    'Women',
    'Gender stated',
    'Gender not stated',
    'Women (%)',
    ...reportCategories.map((c) => categoryLabels[c]),
  ]);
  for (const w of report.workshops) {
    workshops.addRow([
      neutralise(w.title),
      neutralise(w.city),
      countryName(w.country),
      w.startDate,
      w.endDate,
      w.sessions,
      w.registered,
      w.attended,
      w.noShows,
      w.attendedAllSessions,
      w.countries,
      w.women,
      w.genderStated,
      w.genderNotStated,
      w.womenPercent === null ? '' : w.womenPercent,
      ...reportCategories.map((c) => w.byCategory[c]),
    ]);
  }
  finish(workshops);

  const keyed = (name: string, rows: readonly (readonly [string, string, number | string])[]) => {
    const ws = sheet(workbook, name, ['Figure', 'Key', 'Value']);
    for (const [label, key, value] of rows) ws.addRow([label, key, value]);
    finish(ws);
  };
  keyed('Totals', totalRows(report));
  keyed('By category', categoryRows(report));
  keyed('By gender', genderRows(report));
  keyed('By organisation type', organisationTypeRows(report));

  const countries = sheet(workbook, 'By country', ['Country', 'Code', 'Attended']);
  for (const c of report.totals.byCountry) countries.addRow([c.name, c.country, c.attended]);
  finish(countries);

  const sessions = sheet(workbook, 'Sessions', ['Workshop', 'Session', 'Date', 'Registered', 'Attended', 'Rate (%)']);
  const titles = new Map(report.workshops.map((w) => [w.eventId, w.title]));
  for (const s of report.totals.attendance) {
    sessions.addRow([
      neutralise(titles.get(s.eventId) ?? ''),
      neutralise(s.name),
      s.date,
      s.registered,
      s.attended,
      s.ratePercent === null ? '' : s.ratePercent,
    ]);
  }
  finish(sessions);

  addFeedbackSheet(workbook, report.feedback);

  const definitions = sheet(workbook, 'Definitions', ['Term', 'Definition']);
  for (const [key, text] of Object.entries(report.definitions)) definitions.addRow([key, text]);
  definitions.getColumn(2).width = 120;

  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
