import type { Progress } from '../../jobs/worker-host';
import type { ExportData, ExportPerson } from '../data';
import { displayName } from '../columns';
import { countryName } from '../labels';
import { localParts, longDate } from '../time';
import { finishDocument, newDocument } from './document';
import { drawText, type Doc } from './text';

// A4 landscape, in points.
const page = { width: 841.89, height: 595.28, margin: 36 };
const tableTop = 118;
const headerHeight = 20;
const rowHeight = 28;
const footerTop = page.height - page.margin - 14;
const rowsPerPage = Math.floor((footerTop - 10 - tableTop - headerHeight) / rowHeight);

const columns = [
  { key: 'number', title: 'No.', width: 34 },
  { key: 'name', title: 'Name', width: 214 },
  { key: 'organisation', title: 'Organisation', width: 224 },
  { key: 'country', title: 'Country', width: 110 },
  { key: 'signature', title: 'Signature', width: page.width - 2 * page.margin - 34 - 214 - 224 - 110 },
] as const;

const grey = '#5b6470';
const rule = '#9aa3ad';

/**
 * Sign-in sheets, one per session, each starting on a new page: the event, venue, date and session at the top;
 * numbered rows with name, organisation, country and the signature captured at check-in (or an empty box to sign on
 * paper, marked with the check-in time for someone checked in without signing); the session's totals after its last
 * row; "page n of m" on every page. Cancelled registrations are left out: they are not expected.
 */
export async function renderSigninSheets(
  data: ExportData,
  fontsFolder: string,
  progress: (p: Progress) => void,
): Promise<{ bytes: Uint8Array; pages: number }> {
  const doc = newDocument(fontsFolder, {
    layout: 'landscape',
    title: `Sign-in sheets: ${data.event.title}`,
    subject: 'Attendance sign-in sheets',
  });
  const people = data.people.filter((p) => p.status !== 'cancelled');
  const total = people.length * data.sessions.length;
  let done = 0;
  data.sessions.forEach((session, s) => {
    const pages = Math.max(1, Math.ceil(people.length / rowsPerPage));
    for (let p = 0; p < pages; p++) {
      doc.addPage();
      heading(doc, data, session);
      tableHeader(doc);
      const slice = people.slice(p * rowsPerPage, (p + 1) * rowsPerPage);
      slice.forEach((person, r) =>
        row(doc, person, p * rowsPerPage + r + 1, tableTop + headerHeight + r * rowHeight, s, data.event.timeZone),
      );
      if (p === pages - 1) totals(doc, people, s, tableTop + headerHeight + slice.length * rowHeight + 16);
      done += slice.length;
      progress({ phase: 'rendering', done, total });
    }
  });
  if (data.sessions.length === 0) {
    doc.addPage();
    drawText(doc, `${data.event.title}: this event has no sessions.`, page.margin, 80, { size: 14, width: 700 });
  }
  const { count } = doc.bufferedPageRange();
  for (let i = 0; i < count; i++) {
    doc.switchToPage(i);
    footer(doc, data, i + 1, count);
  }
  return { bytes: await finishDocument(doc), pages: count };
}

function heading(doc: Doc, data: ExportData, session: ExportData['sessions'][number]): void {
  const width = page.width - 2 * page.margin;
  drawText(doc, data.event.title, page.margin, page.margin + 16, { size: 16, bold: true, width, minSize: 11 });
  const place = [data.event.venue, data.event.city, countryName(data.event.country)].filter(Boolean).join(', ');
  drawText(doc, place, page.margin, page.margin + 36, { size: 10.5, width, color: grey, minSize: 8 });
  drawText(
    doc,
    `${session.name} · ${longDate(session.date)} · ${session.startTime}–${session.endTime}`,
    page.margin,
    page.margin + 60,
    { size: 12, bold: true, width, minSize: 9 },
  );
}

function tableHeader(doc: Doc): void {
  doc.rect(page.margin, tableTop, page.width - 2 * page.margin, headerHeight).fill('#e8eef4');
  let x = page.margin;
  for (const column of columns) {
    drawText(doc, column.title, x + 5, tableTop + 14, { size: 9, bold: true, width: column.width - 10 });
    x += column.width;
  }
}

function row(doc: Doc, person: ExportPerson, number: number, top: number, session: number, timeZone: string): void {
  const baseline = top + rowHeight / 2 + 3.5;
  const cells = [String(number), displayName(person), person.organisation, countryName(person.country)];
  let x = page.margin;
  cells.forEach((text, i) => {
    const column = columns[i] ?? columns[0];
    drawText(doc, text, x + 5, baseline, {
      size: 10,
      minSize: 7,
      width: column.width - 10,
      align: i === 0 ? 'right' : 'auto',
      bold: i === 1,
    });
    x += column.width;
  });
  const box = { x: x + 6, y: top + 3, width: columns[4].width - 12, height: rowHeight - 6 };
  const signature = person.signatures[session];
  if (signature) {
    doc.image(Buffer.from(signature), box.x, box.y, {
      fit: [box.width, box.height],
      align: 'center',
      valign: 'center',
    });
  } else {
    doc.lineWidth(0.5).rect(box.x, box.y, box.width, box.height).stroke('#c5ccd3');
    // Checked in at the desk or by a scan, without a signature: the sheet still shows who was there, and when,
    // in a corner that leaves the box free to sign on paper.
    const at = person.checkIns[session];
    if (at) {
      drawText(doc, `Checked in ${localParts(at, timeZone).time}`, box.x + 3, box.y + box.height - 3, {
        size: 7,
        width: box.width - 6,
        align: 'right',
        color: grey,
      });
    }
  }
  doc
    .lineWidth(0.5)
    .moveTo(page.margin, top + rowHeight)
    .lineTo(page.width - page.margin, top + rowHeight)
    .stroke(rule);
}

function totals(doc: Doc, people: readonly ExportPerson[], session: number, top: number): void {
  const present = people.filter((p) => p.checkIns[session] !== null);
  const women = present.filter((p) => p.gender === 'female').length;
  drawText(
    doc,
    `Total: ${people.length} expected · ${present.length} checked in (${women} women) · ${people.length - present.length} not checked in`,
    page.margin,
    top,
    { size: 10, bold: true, width: page.width - 2 * page.margin },
  );
}

function footer(doc: Doc, data: ExportData, number: number, count: number): void {
  const width = (page.width - 2 * page.margin) / 2;
  drawText(
    doc,
    `Muster · ${data.event.title} · printed ${data.generatedAt.slice(0, 10)}`,
    page.margin,
    footerTop + 10,
    {
      size: 8,
      width,
      color: grey,
      minSize: 6,
    },
  );
  drawText(doc, `Page ${number} of ${count}`, page.margin + width, footerTop + 10, {
    size: 8,
    width,
    align: 'right',
    color: grey,
  });
}
