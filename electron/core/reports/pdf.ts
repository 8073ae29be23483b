import { categoryLabels, countryName, genderLabels, organisationTypeLabels } from '../exports/labels';
import { barChart, chartHeight, type Bar } from '../exports/pdf/charts';
import { drawFeedback } from '../feedback/outputs';
import { finishDocument, newDocument } from '../exports/pdf/document';
import { drawText, type Doc } from '../exports/pdf/text';
import type { Progress } from '../jobs/worker-host';
import { genders, organisationTypes } from '../participants/schema';
import { reportCategories } from './closed-lists';
import { dates, place, totalRows } from './rows';
import type { Report } from './schema';

// A4 portrait, in points, as the attendance summary.
const page = { width: 595.28, height: 841.89, margin: 48 };
const width = page.width - 2 * page.margin;
const grey = '#5b6470';
const topCountries = 15;
/** Characters per wrapped line of small print: drawText fits one line, so long definitions are cut into words. */
const lineChars = 110;

/**
 * The report for donors: the definitions it counts by, one block per workshop, the programme's totals (each figure
 * as "label: value", so pdftotext and screen readers read them whole), then bar charts drawn with the attendance
 * summary's chart code: category, gender, organisation type, countries and attendance rate per session.
 */
export async function renderReportPdf(
  report: Report,
  fontsFolder: string,
  progress: (p: Progress) => void,
): Promise<{ bytes: Uint8Array; pages: number }> {
  const heading = report.scope === 'programme' ? `Programme report: ${report.programme?.name ?? ''}` : 'Event report';
  const doc = newDocument(fontsFolder, { layout: 'portrait', title: heading, subject: 'Programme report' });
  doc.addPage();
  let y = page.margin;
  const room = (height: number) => {
    if (y + height > page.height - page.margin - 24) {
      doc.addPage();
      y = page.margin;
    }
  };
  const line = (text: string, options: { size?: number; bold?: boolean; color?: string; gap?: number } = {}) => {
    const size = options.size ?? 9.5;
    room(size + 6);
    drawText(doc, text, page.margin, y + size, {
      size,
      width,
      minSize: Math.min(size, 7),
      ...(options.bold ? { bold: true } : {}),
      ...(options.color ? { color: options.color } : {}),
    });
    y += size + (options.gap ?? 5);
  };

  line(heading, { size: 18, bold: true, gap: 8 });
  const single = report.workshops[0];
  if (report.scope === 'event' && single) line(single.title, { size: 13, bold: true });
  line(`Generated ${report.generatedAt.slice(0, 16).replace('T', ' ')} UTC`, { size: 9, color: grey, gap: 10 });

  line('How the figures are counted', { size: 12, bold: true });
  for (const text of Object.values(report.definitions)) {
    for (const part of wrap(text, lineChars)) line(part, { size: 8, color: grey, gap: 3 });
  }
  y += 8;
  progress({ phase: 'rendering', done: 1, total: 4 });

  line('Totals', { size: 12, bold: true });
  for (const [label, , value] of totalRows(report)) line(`${label}: ${value}`);
  y += 8;

  line('Per workshop', { size: 12, bold: true });
  for (const w of report.workshops) {
    room(70);
    line(w.title, { bold: true, size: 10.5 });
    line(`${place(w)} · ${dates(w)} · ${w.sessions} sessions`, { color: grey });
    line(
      `Registered ${w.registered} · Attended ${w.attended} · No-shows ${w.noShows} · Attended all sessions ${w.attendedAllSessions} · Countries ${w.countries}`,
    );
    const women = w.womenPercent === null ? '–' : `${w.womenPercent.toFixed(1)}%`;
    line(`Women ${w.women} of ${w.genderStated} stating a gender (${women}); gender not stated ${w.genderNotStated}`);
    const present = reportCategories.filter((c) => w.byCategory[c] > 0);
    line(present.map((c) => `${categoryLabels[c]} ${w.byCategory[c]}`).join(' · ') || 'No attendees yet', {
      color: grey,
      gap: 9,
    });
  }
  progress({ phase: 'rendering', done: 2, total: 4 });

  const t = report.totals;
  const countries: Bar[] = t.byCountry.map((c) => ({ label: c.name || countryName(c.country), value: c.attended }));
  const rest = countries.slice(topCountries);
  const charts: [string, Bar[]][] = [
    ['Attendees by category', reportCategories.map((c) => ({ label: categoryLabels[c], value: t.byCategory[c] }))],
    ['Attendees by gender', genders.map((g) => ({ label: genderLabels[g], value: t.byGender[g] }))],
    [
      'Attendees by organisation type',
      organisationTypes.map((o) => ({ label: organisationTypeLabels[o], value: t.byOrganisationType[o] })),
    ],
    [
      `Attendees by country (${t.countries})`,
      rest.length
        ? [
            ...countries.slice(0, topCountries),
            { label: `${rest.length} other countries`, value: rest.reduce((s, b) => s + b.value, 0) },
          ]
        : countries,
    ],
    [
      'Attendance per session (attended of registered)',
      t.attendance.map((s) => ({
        label: `${workshopCity(report, s.eventId)} ${s.name} (${s.date})`,
        value: s.attended,
        of: s.registered,
      })),
    ],
  ];
  const chart = (title: string, bars: Bar[]) => {
    if (y + chartHeight(bars.length) > page.height - page.margin - 24) {
      doc.addPage();
      y = page.margin;
    }
    y = barChart(doc as Doc, title, bars, page.margin, y, width);
  };
  for (const [title, bars] of charts) chart(title, bars);
  y += 8;
  drawFeedback(report.feedback, {
    line,
    chart,
    wrap: (text) => wrap(text, lineChars),
    gap: (points) => (y += points),
  });
  progress({ phase: 'rendering', done: 3, total: 4 });

  const { count } = doc.bufferedPageRange();
  for (let i = 0; i < count; i++) {
    doc.switchToPage(i);
    drawText(doc, `Page ${i + 1} of ${count}`, page.margin, page.height - 30, {
      size: 8,
      width,
      align: 'right',
      color: grey,
    });
  }
  progress({ phase: 'rendering', done: 4, total: 4 });
  return { bytes: await finishDocument(doc), pages: count };
}

function workshopCity(report: Report, eventId: string): string {
  return report.workshops.find((w) => w.eventId === eventId)?.city ?? '';
}

/** Cuts text at spaces into lines of at most `max` characters. */
function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/)) {
    if (current && current.length + 1 + word.length > max) {
      lines.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) lines.push(current);
  return lines;
}
