import type { Progress } from '../../jobs/worker-host';
import type { ExportData, ExportPerson } from '../data';
import { displayName } from '../columns';
import type { DocumentLanguages } from '../render';
import { localParts } from '../time';
import { bilingual, documentWords, type DocumentWords } from '../words';
import { finishDocument, newDocument } from './document';
import { drawText, type Doc, type TextOptions } from './text';

// A4 landscape, in points.
const page = { width: 841.89, height: 595.28, margin: 36 };
const tableTop = 118;
const headerHeight = 20;
const rowHeight = 28;
const footerTop = page.height - page.margin - 14;
const rowsPerPage = Math.floor((footerTop - 10 - tableTop - headerHeight) / rowHeight);

const columns = [
  { title: 'signin.number', width: 34 },
  { title: 'signin.name', width: 214 },
  { title: 'signin.organisation', width: 224 },
  { title: 'signin.country', width: 110 },
  { title: 'signin.signature', width: page.width - 2 * page.margin - 34 - 214 - 224 - 110 },
] as const;

const grey = '#5b6470';
const rule = '#9aa3ad';

/** What every page of one document shares: its words, worked out once, not per row. */
interface Sheet {
  data: ExportData;
  words: DocumentWords;
  /** The column headings, in one or two languages. */
  titles: string[];
  /** Paragraphs of an Arabic sheet read and align right to left; the table keeps its columns left to right. */
  paragraph: Pick<TextOptions, 'align' | 'direction'>;
  /** "Checked in 09:45" by time: at most one lookup per minute of the day, whatever the roster's size. */
  marks: Map<string, string>;
}

/**
 * Sign-in sheets, one per session, each starting on a new page: the event, venue, date and session at the top;
 * numbered rows with name, organisation, country and the signature captured at check-in (or an empty box to sign on
 * paper, marked with the check-in time for someone checked in without signing); the session's totals after its last
 * row; "page n of m" on every page. Every word is in the document's language, the column headings in the event's
 * other language too. Cancelled registrations are left out: they are not expected. People whose personal data was
 * erased have no line, but count in the totals, which say so: the summary counts them, and both must agree.
 */
export async function renderSigninSheets(
  data: ExportData,
  fontsFolder: string,
  languages: DocumentLanguages,
  progress: (p: Progress) => void,
): Promise<{ bytes: Uint8Array; pages: number }> {
  const words = documentWords(languages.language);
  const second = languages.second ? documentWords(languages.second) : null;
  const sheet: Sheet = {
    data,
    words,
    // The number column is too narrow for two languages, and its digits speak for themselves.
    titles: columns.map((c, i) => (i === 0 ? words.text(c.title) : bilingual(c.title, words, second))),
    paragraph: words.rtl ? { align: 'right', direction: 'rtl' } : {},
    marks: new Map(),
  };
  const doc = newDocument(fontsFolder, {
    layout: 'landscape',
    title: words.text('signin.title', { title: data.event.title }),
    subject: words.text('signin.subject'),
    lang: languages.language,
  });
  const people = data.people.filter((p) => p.status !== 'cancelled');
  const erased = data.erased.filter((p) => p.status !== 'cancelled');
  const total = people.length * data.sessions.length;
  // The sentence about erased people takes a second line under the totals: on a full last page it needs a page.
  const pages = Math.max(1, Math.ceil((people.length + (erased.length ? 1 : 0)) / rowsPerPage));
  let done = 0;
  data.sessions.forEach((session, s) => {
    for (let p = 0; p < pages; p++) {
      doc.addPage();
      heading(doc, sheet, session);
      tableHeader(doc, sheet);
      const slice = people.slice(p * rowsPerPage, (p + 1) * rowsPerPage);
      slice.forEach((person, r) =>
        row(doc, sheet, person, p * rowsPerPage + r + 1, tableTop + headerHeight + r * rowHeight, s),
      );
      if (p === pages - 1)
        totals(doc, sheet, people, erased, s, tableTop + headerHeight + slice.length * rowHeight + 16);
      done += slice.length;
      progress({ phase: 'rendering', done, total });
    }
  });
  if (data.sessions.length === 0) {
    doc.addPage();
    drawText(doc, words.text('signin.noSessions', { title: data.event.title }), page.margin, 80, {
      size: 14,
      width: page.width - 2 * page.margin,
      ...sheet.paragraph,
    });
  }
  const { count } = doc.bufferedPageRange();
  for (let i = 0; i < count; i++) {
    doc.switchToPage(i);
    footer(doc, sheet, i + 1, count);
  }
  return { bytes: await finishDocument(doc), pages: count };
}

function heading(doc: Doc, { data, words, paragraph }: Sheet, session: ExportData['sessions'][number]): void {
  const width = page.width - 2 * page.margin;
  drawText(doc, data.event.title, page.margin, page.margin + 16, {
    size: 16,
    bold: true,
    width,
    minSize: 11,
    ...paragraph,
  });
  const place = [data.event.venue, data.event.city, words.country(data.event.country)].filter(Boolean).join(', ');
  drawText(doc, place, page.margin, page.margin + 36, { size: 10.5, width, color: grey, minSize: 8, ...paragraph });
  drawText(
    doc,
    `${session.name} · ${words.longDate(session.date)} · ${session.startTime}–${session.endTime}`,
    page.margin,
    page.margin + 60,
    { size: 12, bold: true, width, minSize: 9, ...paragraph },
  );
}

function tableHeader(doc: Doc, { titles }: Sheet): void {
  doc.rect(page.margin, tableTop, page.width - 2 * page.margin, headerHeight).fill('#e8eef4');
  let x = page.margin;
  columns.forEach((column, i) => {
    drawText(doc, titles[i] ?? '', x + 5, tableTop + 14, { size: 9, minSize: 6, bold: true, width: column.width - 10 });
    x += column.width;
  });
}

function row(doc: Doc, sheet: Sheet, person: ExportPerson, number: number, top: number, session: number): void {
  const baseline = top + rowHeight / 2 + 3.5;
  const cells = [String(number), displayName(person), person.organisation, sheet.words.country(person.country)];
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
      drawText(
        doc,
        checkedInMark(sheet, localParts(at, sheet.data.event.timeZone).time),
        box.x + 3,
        box.y + box.height - 3,
        {
          size: 7,
          width: box.width - 6,
          align: 'right',
          color: grey,
        },
      );
    }
  }
  doc
    .lineWidth(0.5)
    .moveTo(page.margin, top + rowHeight)
    .lineTo(page.width - page.margin, top + rowHeight)
    .stroke(rule);
}

function checkedInMark({ marks, words }: Sheet, time: string): string {
  let mark = marks.get(time);
  if (mark === undefined) marks.set(time, (mark = words.text('signin.checkedIn', { time })));
  return mark;
}

function totals(
  doc: Doc,
  { words, paragraph }: Sheet,
  listed: readonly ExportPerson[],
  erased: readonly ExportPerson[],
  session: number,
  top: number,
): void {
  const expected = listed.length + erased.length;
  const present = [...listed, ...erased].filter((p) => p.checkIns[session] !== null);
  const women = present.filter((p) => p.gender === 'female').length;
  const width = page.width - 2 * page.margin;
  drawText(
    doc,
    words.text('signin.totals', {
      expected: words.count('signin.expected', expected),
      checkedIn: words.count('signin.checkedInCount', present.length),
      women: words.count('signin.women', women),
      absent: words.count('signin.absent', expected - present.length),
    }),
    page.margin,
    top,
    { size: 10, bold: true, width, minSize: 8, ...paragraph },
  );
  if (erased.length) {
    drawText(doc, words.count('signin.erased', erased.length), page.margin, top + 14, {
      size: 9,
      width,
      minSize: 7,
      color: grey,
      ...paragraph,
    });
  }
}

function footer(doc: Doc, { data, words, paragraph }: Sheet, number: number, count: number): void {
  const full = page.width - 2 * page.margin;
  // The page number needs little room; the event's line gets the rest, so a long title still leaves the printing date.
  const numberWidth = 110;
  const width = full - numberWidth;
  const rtl = paragraph.direction === 'rtl';
  // Right to left, the page number moves to the left corner and the event's line to the right one.
  drawText(
    doc,
    words.text('signin.footer', { title: data.event.title, date: words.day(data.generatedAt) }),
    rtl ? page.margin + numberWidth : page.margin,
    footerTop + 10,
    { size: 8, width, color: grey, minSize: 6, ...paragraph },
  );
  drawText(
    doc,
    words.text('page', { page: number, pages: count }),
    rtl ? page.margin : page.margin + width,
    footerTop + 10,
    {
      size: 8,
      width: numberWidth,
      align: rtl ? 'left' : 'right',
      color: grey,
      direction: paragraph.direction,
    },
  );
}
