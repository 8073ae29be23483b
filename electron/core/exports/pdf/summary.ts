import type { Progress } from '../../jobs/worker-host';
import type { ExportData } from '../data';
import { countryName } from '../labels';
import { summarise, type Count } from '../summary';
import { longDate } from '../time';
import { barChart, chartHeight, percent, type Bar } from './charts';
import { finishDocument, newDocument } from './document';
import { drawText } from './text';

// A4 portrait, in points.
const page = { width: 595.28, height: 841.89, margin: 48 };
const width = page.width - 2 * page.margin;
const grey = '#5b6470';
const topCountries = 15;

/**
 * The summary for donors: event facts, the headline figures (registered, attended, % women, countries), then bar
 * charts of gender, category, organisation type, countries and attendance per session.
 */
export async function renderSummary(
  data: ExportData,
  fontsFolder: string,
  progress: (p: Progress) => void,
): Promise<{ bytes: Uint8Array; pages: number }> {
  const doc = newDocument(fontsFolder, {
    layout: 'portrait',
    title: `Attendance summary: ${data.event.title}`,
    subject: 'Attendance summary',
  });
  const summary = summarise(data);
  doc.addPage();
  let y = page.margin;
  drawText(doc, 'Attendance summary', page.margin, y + 12, { size: 11, width, color: grey });
  drawText(doc, data.event.title, page.margin, y + 34, { size: 18, bold: true, width, minSize: 12 });
  const place = [data.event.venue, data.event.city, countryName(data.event.country)].filter(Boolean).join(', ');
  drawText(doc, place, page.margin, y + 54, { size: 10.5, width, color: grey, minSize: 8 });
  const dates =
    data.event.startDate === data.event.endDate
      ? longDate(data.event.startDate)
      : `${longDate(data.event.startDate)} – ${longDate(data.event.endDate)}`;
  drawText(doc, `${dates} · ${data.sessions.length} sessions · ${data.event.timeZone}`, page.margin, y + 70, {
    size: 10.5,
    width,
    color: grey,
  });
  y += 92;

  // Countries of attendees (the report's "countries represented"), or of registrants before anyone checked in: one
  // number for the headline and the chart's title alike.
  const countriesRepresented = summary.attended ? summary.countriesAttended : summary.countries;
  const figures: [string, string][] = [
    ['Registered', String(summary.registered)],
    ['Attended', String(summary.attended)],
    ['Women', summary.womenPercent === null ? '–' : `${summary.womenPercent.toFixed(0)}%`],
    ['Countries', String(countriesRepresented)],
  ];
  const boxWidth = width / figures.length;
  figures.forEach(([label, value], i) => {
    const x = page.margin + i * boxWidth;
    doc.rect(x + 2, y, boxWidth - 4, 54).fill('#eef3f7');
    drawText(doc, value, x + 10, y + 28, { size: 20, bold: true, width: boxWidth - 20 });
    drawText(doc, label, x + 10, y + 45, { size: 9, width: boxWidth - 20, color: grey });
  });
  y += 70;
  drawText(
    doc,
    summary.attended
      ? `${summary.womenAttended} of the ${summary.attended} people who attended are women; ${summary.womenRegistered} of the ${summary.registered} registered.`
      : `No one has checked in yet; ${summary.womenRegistered} of the ${summary.registered} registered are women.`,
    page.margin,
    y + 8,
    { size: 9.5, width, minSize: 7 },
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
          label: `${rest.length} other countries`,
          value: rest.reduce((s, b) => s + b.value, 0),
          of: rest.reduce((s, b) => s + (b.of ?? 0), 0),
        },
      ]
    : countries;
  const charts: [string, Bar[]][] = [
    ['Gender (attended of registered)', bars(summary.byGender)],
    ['Category', bars(summary.byCategory)],
    ['Organisation type', bars(summary.byOrganisationType)],
    [`Countries represented (${countriesRepresented})`, countryBars],
    [
      'Attendance per session',
      summary.sessions.map((s) => ({ label: `${s.name} (${s.date})`, value: s.checkedIn, of: s.expected })),
    ],
  ];
  charts.forEach(([title, list], i) => {
    if (y + chartHeight(list.length) > page.height - page.margin - 20) {
      doc.addPage();
      y = page.margin;
    }
    y = barChart(doc, title, list, page.margin, y, width);
    progress({ phase: 'rendering', done: i + 2, total: 6 });
  });
  drawText(
    doc,
    `Bars: dark, attended; light, registered. Women: ${percent(summary.womenAttended, summary.genderStatedAttended)} of attendees who stated a gender.`,
    page.margin,
    Math.min(y + 6, page.height - page.margin - 24),
    { size: 8, width, color: grey },
  );

  const { count } = doc.bufferedPageRange();
  for (let i = 0; i < count; i++) {
    doc.switchToPage(i);
    drawText(doc, `Muster · printed ${data.generatedAt.slice(0, 10)}`, page.margin, page.height - 30, {
      size: 8,
      width: width / 2,
      color: grey,
    });
    drawText(doc, `Page ${i + 1} of ${count}`, page.margin + width / 2, page.height - 30, {
      size: 8,
      width: width / 2,
      align: 'right',
      color: grey,
    });
  }
  return { bytes: await finishDocument(doc), pages: count };
}
