import { barChart, chartHeight, type Bar } from '../exports/pdf/charts';
import { drawFeedback } from '../feedback/outputs';
import { finishDocument, newDocument } from '../exports/pdf/document';
import { drawText, wrapText, type Doc, type TextOptions } from '../exports/pdf/text';
import { documentWords } from '../exports/words';
import type { Language } from '../events/schema';
import type { Progress } from '../jobs/worker-host';
import { genders, organisationTypes } from '../participants/schema';
import { reportCategories } from './closed-lists';
import { definitions } from './figures';
import { dates, place, totalRows } from './rows';
import type { Report } from './schema';

// A4 portrait, in points, as the attendance summary.
const page = { width: 595.28, height: 841.89, margin: 48 };
const width = page.width - 2 * page.margin;
const grey = '#5b6470';
const topCountries = 15;

/**
 * The report for donors, in `language`: the definitions it counts by, one block per workshop, the programme's
 * totals (each figure as "label: value", so pdftotext and screen readers read them whole), then bar charts drawn
 * with the attendance summary's chart code: category, gender, organisation type, countries and attendance rate per
 * session. Names people typed (workshops, sessions, programmes, feedback) print as typed.
 */
export async function renderReportPdf(
  report: Report,
  fontsFolder: string,
  language: Language,
  progress: (p: Progress) => void,
): Promise<{ bytes: Uint8Array; pages: number }> {
  const words = documentWords(language);
  // Arabic paragraphs read and align right to left; the charts' bars keep their left-to-right layout.
  const paragraph: Pick<TextOptions, 'align' | 'direction'> = words.rtl ? { align: 'right', direction: 'rtl' } : {};
  const heading =
    report.scope === 'programme'
      ? words.text('report.programmeTitle', { name: report.programme?.name ?? '' })
      : words.text('report.eventTitle');
  const doc = newDocument(fontsFolder, {
    layout: 'portrait',
    title: heading,
    subject: words.text('report.subject'),
    lang: language,
  });
  doc.addPage();
  let y = page.margin;
  const room = (height: number) => {
    if (y + height > page.height - page.margin - 24) {
      doc.addPage();
      y = page.margin;
    }
  };
  // A paragraph wraps onto as many lines as it needs: shrinking a long workshop title or a category list in Russian
  // to fit one line made it unreadable, and cutting it lost the last figures.
  const line = (text: string, options: { size?: number; bold?: boolean; color?: string; gap?: number } = {}) => {
    const size = options.size ?? 9.5;
    const bold = options.bold ?? false;
    const parts = wrapText(doc, text, { size, width, bold });
    parts.forEach((part, i) => {
      room(size + 6);
      drawText(doc, part, page.margin, y + size, {
        size,
        width,
        minSize: Math.min(size, 7),
        bold,
        ...(options.color ? { color: options.color } : {}),
        ...paragraph,
      });
      y += size + (i === parts.length - 1 ? (options.gap ?? 5) : 3);
    });
  };
  const figure = (label: string, value: number | string) =>
    words.text('report.figure', { label, value: typeof value === 'number' ? words.number(value) : value });

  line(heading, { size: 18, bold: true, gap: 8 });
  const single = report.workshops[0];
  if (report.scope === 'event' && single) line(single.title, { size: 13, bold: true });
  const generated = words.text('report.generated', {
    date: words.day(report.generatedAt),
    time: report.generatedAt.slice(11, 16),
  });
  line(generated, { size: 9, color: grey, gap: 10 });

  line(words.text('report.howCounted'), { size: 12, bold: true });
  for (const key of Object.keys(definitions) as (keyof typeof definitions)[]) {
    line(words.text(`report.definitions.${key}`), { size: 8, color: grey, gap: 3 });
  }
  y += 8;
  progress({ phase: 'rendering', done: 1, total: 4 });

  line(words.text('report.totals'), { size: 12, bold: true });
  for (const [label, , value] of totalRows(report, words)) line(figure(label, value));
  y += 8;

  line(words.text('report.perWorkshop'), { size: 12, bold: true });
  for (const w of report.workshops) {
    room(70);
    line(w.title, { bold: true, size: 10.5 });
    const sessions = words.count('summary.sessions', w.sessions);
    line(words.text('report.workshopFacts', { place: place(w, words), dates: dates(w, words), sessions }), {
      color: grey,
    });
    line(
      words.text('report.workshopFigures', {
        registered: w.registered,
        attended: w.attended,
        noShows: w.noShows,
        attendedAllSessions: w.attendedAllSessions,
        countries: w.countries,
      }),
    );
    line(
      words.text('report.workshopWomen', {
        women: w.women,
        stated: w.genderStated,
        percent: words.percent(w.womenPercent, 1),
        notStated: w.genderNotStated,
      }),
    );
    const present = reportCategories.filter((c) => w.byCategory[c] > 0);
    const categories = present.map((c) => `${words.category(c)} ${words.number(w.byCategory[c])}`).join(' · ');
    line(categories || words.text('report.noAttendees'), { color: grey, gap: 9 });
  }
  progress({ phase: 'rendering', done: 2, total: 4 });

  const t = report.totals;
  // The country's name in the document's language; the name the report carries when the code is not a country.
  const countries: Bar[] = t.byCountry.map((c) => ({
    label: words.country(c.country) || c.name,
    value: c.attended,
  }));
  const rest = countries.slice(topCountries);
  const charts: [string, Bar[]][] = [
    [
      words.text('report.byCategory'),
      reportCategories.map((c) => ({ label: words.category(c), value: t.byCategory[c] })),
    ],
    [words.text('report.byGender'), genders.map((g) => ({ label: words.gender(g), value: t.byGender[g] }))],
    [
      words.text('report.byOrganisationType'),
      organisationTypes.map((o) => ({ label: words.organisationType(o), value: t.byOrganisationType[o] })),
    ],
    [
      words.text('report.byCountry', { count: t.countries }),
      rest.length
        ? [
            ...countries.slice(0, topCountries),
            {
              label: words.count('summary.otherCountries', rest.length),
              value: rest.reduce((s, b) => s + b.value, 0),
            },
          ]
        : countries,
    ],
    [
      words.text('report.perSession'),
      t.attendance.map((s) => ({
        label: `${workshopCity(report, s.eventId)} ${s.name} (${words.day(s.date)})`,
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
    y = barChart(doc as Doc, title, bars, page.margin, y, width, paragraph, words);
  };
  for (const [title, bars] of charts) chart(title, bars);
  y += 8;
  drawFeedback(
    report.feedback,
    {
      line,
      chart,
      wrap: (text) => wrapText(doc, text, { size: 9, width }),
      gap: (points) => (y += points),
    },
    words,
  );
  progress({ phase: 'rendering', done: 3, total: 4 });

  const { count } = doc.bufferedPageRange();
  for (let i = 0; i < count; i++) {
    doc.switchToPage(i);
    // Right to left, the page number moves to the left corner, as on the summary.
    drawText(doc, words.text('page', { page: i + 1, pages: count }), page.margin, page.height - 30, {
      size: 8,
      width,
      align: words.rtl ? 'left' : 'right',
      color: grey,
      ...(words.rtl ? { direction: 'rtl' as const } : {}),
    });
  }
  progress({ phase: 'rendering', done: 4, total: 4 });
  return { bytes: await finishDocument(doc), pages: count };
}

function workshopCity(report: Report, eventId: string): string {
  return report.workshops.find((w) => w.eventId === eventId)?.city ?? '';
}
