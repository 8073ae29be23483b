import ExcelJS from 'exceljs';
import type { Progress } from '../jobs/worker-host';
import { countryName, fieldLabels } from './labels';
import type { ExportData } from './data';
import { fieldText, sessionHeading } from './columns';
import { neutraliseWorkbookText } from './neutralise';
import type { ExportField } from './schema';
import { summarise, type Count } from './summary';
import { localParts } from './time';

const dateFormat = 'yyyy-mm-dd hh:mm';

/**
 * The attendance workbook: Participants (one row per registration, the chosen fields), Attendance (registrations ×
 * sessions, check-in times as real dates in the event's time zone) and Summary (the donors' figures). Every sheet
 * has a frozen, filterable header and columns sized to their content; text cells are made inert (neutralise.ts).
 */
export async function renderXlsx(
  data: ExportData,
  fields: readonly ExportField[],
  progress: (p: Progress) => void,
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Muster';
  workbook.created = new Date(data.generatedAt);
  const total = data.people.length * 2;

  const participants = sheet(workbook, 'Participants', [...fields.map((f) => fieldLabels[f])]);
  data.people.forEach((person, i) => {
    participants.addRow(fields.map((f) => neutraliseWorkbookText(fieldText(person, f))));
    if (i % 2000 === 0) progress({ phase: 'rendering', done: i, total });
  });
  finish(participants);

  const attendance = sheet(workbook, 'Attendance', [
    fieldLabels.familyName,
    fieldLabels.givenNames,
    fieldLabels.organisation,
    fieldLabels.country,
    ...data.sessions.map(sessionHeading),
    'Sessions attended',
  ]);
  const firstSession = 5;
  data.sessions.forEach((_, s) => (attendance.getColumn(firstSession + s).numFmt = dateFormat));
  data.people.forEach((person, i) => {
    attendance.addRow([
      neutraliseWorkbookText(person.familyName),
      neutraliseWorkbookText(person.givenNames),
      neutraliseWorkbookText(person.organisation),
      neutraliseWorkbookText(countryName(person.country)),
      ...person.checkIns.map((at) => (at ? localParts(at, data.event.timeZone).utc : null)),
      person.checkIns.filter((at) => at !== null).length,
    ]);
    if (i % 2000 === 0) progress({ phase: 'rendering', done: data.people.length + i, total });
  });
  finish(attendance, { [firstSession]: 17 });

  writeSummary(workbook, data);
  progress({ phase: 'rendering', done: total, total });
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

export function sheet(workbook: ExcelJS.Workbook, name: string, headers: string[]): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = ws.addRow(headers.map(neutraliseWorkbookText));
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
  return ws;
}

/** A filter on the header and columns as wide as their widest value (within reason). */
export function finish(ws: ExcelJS.Worksheet, minimum: Record<number, number> = {}): void {
  const columns = ws.columnCount;
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns } };
  for (let c = 1; c <= columns; c++) {
    const column = ws.getColumn(c);
    let widest = 8;
    column.eachCell({ includeEmpty: false }, (cell) => {
      const value = cell.value;
      const length = value instanceof Date ? 16 : String(value ?? '').length;
      if (length > widest) widest = length;
    });
    column.width = Math.max(Math.min(widest + 2, 50), minimum[c] ?? 0);
  }
}

function writeSummary(workbook: ExcelJS.Workbook, data: ExportData): void {
  const summary = summarise(data);
  const ws = workbook.addWorksheet('Summary', { views: [{ state: 'frozen', ySplit: 1 }] });
  const title = ws.addRow([neutraliseWorkbookText(data.event.title)]);
  title.font = { bold: true, size: 14 };
  const { venue, city, country, startDate, endDate, timeZone } = data.event;
  const place = [venue, city, countryName(country)].filter(Boolean).join(', ');
  ws.addRow([neutraliseWorkbookText(`${place} · ${startDate} to ${endDate}`)]);
  // A spreadsheet's date has no time zone: the reader needs to be told whose clock the Attendance times are.
  ws.addRow([`Check-in times are local to the event (${timeZone}).`]);
  const section = (heading: string) => {
    ws.addRow([]);
    ws.addRow([heading, 'Registered', 'Attended']).font = { bold: true };
  };
  section('Totals');
  ws.addRow(['Participants', summary.registered, summary.attended]);
  ws.addRow(['Women', summary.womenRegistered, summary.womenAttended]);
  const percent = ws.addRow([
    'Women (% of gender stated)',
    share(summary.womenRegistered, summary.genderStatedRegistered),
    share(summary.womenAttended, summary.genderStatedAttended),
  ]);
  percent.getCell(2).numFmt = '0.0%';
  percent.getCell(3).numFmt = '0.0%';
  ws.addRow(['Countries represented', summary.countries, summary.countriesAttended]);
  const counts = (heading: string, list: readonly Count[]) => {
    section(heading);
    for (const count of list) ws.addRow([neutraliseWorkbookText(count.label), count.registered, count.attended]);
  };
  counts('By gender', summary.byGender);
  counts('By category', summary.byCategory);
  counts('By country', summary.byCountry);
  counts('By organisation type', summary.byOrganisationType);
  ws.addRow([]);
  ws.addRow(['Per session', 'Expected', 'Checked in', 'Women checked in']).font = { bold: true };
  for (const session of summary.sessions) {
    ws.addRow([
      neutraliseWorkbookText(`${session.name} (${session.date})`),
      session.expected,
      session.checkedIn,
      session.women,
    ]);
  }
  ws.getColumn(1).width = 40;
  for (const c of [2, 3, 4]) ws.getColumn(c).width = 16;
}

/** A fraction for a percentage cell; 0 when there is nothing to divide. */
function share(part: number, whole: number): number {
  return whole ? part / whole : 0;
}
