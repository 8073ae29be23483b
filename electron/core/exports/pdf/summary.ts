import type { Progress } from '../../jobs/worker-host';
import type { Language } from '../../events/schema';
import type { ExportData } from '../data';
import { summarise, type Count } from '../summary';
import { documentWords } from '../words';
import { barChart, chartHeight, share100, type Bar } from './charts';
import { finishDocument, newDocument } from './document';
import { drawText, wrapText, type TextOptions } from './text';

// A4 portrait, in points.
const page = { width: 595.28, height: 841.89, margin: 48 };
const width = page.width - 2 * page.margin;
const grey = '#5b6470';
const topCountries = 15;

/**
 * The summary for donors: event facts, the headline figures (registered, attended, % women, countries), then bar
 * charts of gender, category, organisation type, countries and attendance per session, all in `language`.
 */
export async function renderSummary(
  data: ExportData,
  fontsFolder: string,
  language: Language,
  progress: (p: Progress) => void,
): Promise<{ bytes: Uint8Array; pages: number }> {
  const words = documentWords(language);
  // Arabic paragraphs read and align right to left; the boxes and charts keep their left-to-right layout.
  const paragraph: Pick<TextOptions, 'align' | 'direction'> = words.rtl ? { align: 'right', direction: 'rtl' } : {};
  const doc = newDocument(fontsFolder, {
    layout: 'portrait',
    title: words.text('summary.title', { title: data.event.title }),
    subject: words.text('summary.heading'),
    lang: language,
  });
  const summary = summarise(data, words);
  doc.addPage();
  let y = page.margin;
  drawText(doc, words.text('summary.heading'), page.margin, y + 12, { size: 11, width, color: grey, ...paragraph });
  // A long title (a Russian or French workshop's full name) takes more lines rather than losing its end; past three,
  // what is left shrinks onto the third, so the figures stay on the first page.
  const titleLines = wrapText(doc, data.event.title, { size: 18, bold: true, width });
  const title = titleLines.length > 3 ? [...titleLines.slice(0, 2), titleLines.slice(2).join(' ')] : titleLines;
  title.forEach((text, i) => {
    drawText(doc, text, page.margin, y + 34 + i * 22, { size: 18, bold: true, width, minSize: 12, ...paragraph });
  });
  y += (title.length - 1) * 22;
  const place = [data.event.venue, data.event.city, words.country(data.event.country)].filter(Boolean).join(', ');
  drawText(doc, place, page.margin, y + 54, { size: 10.5, width, color: grey, minSize: 8, ...paragraph });
  const dates =
    data.event.startDate === data.event.endDate
      ? words.longDate(data.event.startDate)
      : `${words.longDate(data.event.startDate)} – ${words.longDate(data.event.endDate)}`;
  const sessions = words.count('summary.sessions', data.sessions.length);
  drawText(doc, words.text('summary.dates', { dates, sessions, timeZone: data.event.timeZone }), page.margin, y + 70, {
    size: 10.5,
    width,
    color: grey,
    minSize: 8,
    ...paragraph,
  });
  y += 92;

  // Countries of attendees (the report's "countries represented"), or of registrants before anyone checked in: one
  // number for the headline and the chart's title alike.
  const countriesRepresented = summary.attended ? summary.countriesAttended : summary.countries;
  const figures: [string, string][] = [
    [words.text('summary.registered'), words.number(summary.registered)],
    [words.text('summary.attended'), words.number(summary.attended)],
    [words.text('summary.women'), words.percent(summary.womenPercent, 0)],
    [words.text('summary.countries'), words.number(countriesRepresented)],
  ];
  const boxWidth = width / figures.length;
  figures.forEach(([label, value], i) => {
    const x = page.margin + i * boxWidth;
    doc.rect(x + 2, y, boxWidth - 4, 54).fill('#eef3f7');
    drawText(doc, value, x + 10, y + 28, { size: 20, bold: true, width: boxWidth - 20, ...paragraph });
    drawText(doc, label, x + 10, y + 45, { size: 9, minSize: 7, width: boxWidth - 20, color: grey, ...paragraph });
  });
  y += 70;
  drawText(
    doc,
    summary.attended
      ? words.count('summary.womenAttended', summary.attended, {
          women: summary.womenAttended,
          womenRegistered: summary.womenRegistered,
          registered: summary.registered,
        })
      : words.count('summary.nobodyYet', summary.registered, { women: summary.womenRegistered }),
    page.margin,
    y + 8,
    { size: 9.5, width, minSize: 7, ...paragraph },
  );
  y += 22;
  progress({ phase: 'rendering', done: 1, total: 6 });

  const bars = (counts: readonly Count[]): Bar[] =>
    counts.filter((c) => c.registered > 0).map((c) => ({ label: c.label, value: c.attended, of: c.registered }));
  const countries = bars(summary.byCountry);
  const rest = countries.slice(topCountries);
  const countryBars = rest.length
    ? [
        ...countries.slice(0, topCountries),
        {
          label: words.count('summary.otherCountries', rest.length),
          value: rest.reduce((s, b) => s + b.value, 0),
          of: rest.reduce((s, b) => s + (b.of ?? 0), 0),
        },
      ]
    : countries;
  const charts: [string, Bar[]][] = [
    [words.text('summary.byGender'), bars(summary.byGender)],
    [words.text('summary.byCategory'), bars(summary.byCategory)],
    [words.text('summary.byOrganisationType'), bars(summary.byOrganisationType)],
    [words.text('summary.byCountry', { count: countriesRepresented }), countryBars],
    [
      words.text('summary.perSession'),
      summary.sessions.map((s) => ({ label: `${s.name} (${s.date})`, value: s.checkedIn, of: s.expected })),
    ],
  ];
  charts.forEach(([title, list], i) => {
    if (y + chartHeight(list.length) > page.height - page.margin - 20) {
      doc.addPage();
      y = page.margin;
    }
    y = barChart(doc, title, list, page.margin, y, width, paragraph, words);
    progress({ phase: 'rendering', done: i + 2, total: 6 });
  });
  drawText(
    doc,
    words.text('summary.legend', {
      percent: words.percent(share100(summary.womenAttended, summary.genderStatedAttended), 0),
    }),
    page.margin,
    Math.min(y + 6, page.height - page.margin - 24),
    { size: 8, minSize: 6.5, width, color: grey, ...paragraph },
  );

  const { count } = doc.bufferedPageRange();
  for (let i = 0; i < count; i++) {
    doc.switchToPage(i);
    // Right to left, the page number moves to the left corner and the printing date to the right one.
    const rtl = paragraph.direction === 'rtl';
    drawText(
      doc,
      words.text('summary.footer', { date: words.day(data.generatedAt) }),
      rtl ? page.margin + width / 2 : page.margin,
      page.height - 30,
      { size: 8, width: width / 2, color: grey, ...paragraph },
    );
    drawText(
      doc,
      words.text('page', { page: i + 1, pages: count }),
      rtl ? page.margin : page.margin + width / 2,
      page.height - 30,
      { size: 8, width: width / 2, align: rtl ? 'left' : 'right', color: grey, direction: paragraph.direction },
    );
  }
  return { bytes: await finishDocument(doc), pages: count };
}
