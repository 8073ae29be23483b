import { documentWords, type DocumentWords } from '../words';
import { drawText, type Doc, type TextOptions } from './text';

export interface Bar {
  label: string;
  value: number;
  /** A second, lighter bar behind the first: what was expected (registered) against what happened (attended). */
  of?: number;
}

// Wide enough for the longest names a document prints in any of its languages ("Посольство / дипломатическое
// представительство" at the smallest size below).
const labelWidth = 200;
const valueWidth = 70;
const barHeight = 11;
const gap = 6;

/** The height a chart of `count` bars takes, title included, so callers can start a new page first. */
export function chartHeight(count: number): number {
  return 24 + count * (barHeight + gap) + 8;
}

/**
 * A horizontal bar chart drawn with pdfkit's own rectangles: a title, then per item its label, a bar scaled to the
 * largest value, and the value with its share. Returns the y below it.
 */
export function barChart(
  doc: Doc,
  title: string,
  bars: readonly Bar[],
  x: number,
  y: number,
  width: number,
  /** The title's direction and alignment (an Arabic summary's right to left); the bars stay left to right. */
  paragraph: Pick<TextOptions, 'align' | 'direction'> = {},
  /** The document's numbers: "12 (40 %)" in French, "12 (40%)" in English. */
  words: Pick<DocumentWords, 'number' | 'percent'> = documentWords('en'),
): number {
  drawText(doc, title, x, y + 12, { size: 12, bold: true, width, minSize: 9, ...paragraph });
  let top = y + 24;
  const max = Math.max(1, ...bars.map((b) => Math.max(b.value, b.of ?? 0)));
  const total = bars.reduce((sum, b) => sum + b.value, 0);
  const span = width - labelWidth - valueWidth;
  for (const bar of bars) {
    drawText(doc, bar.label, x, top + barHeight - 2, { size: 9, width: labelWidth - 8, minSize: 6.5 });
    if (bar.of !== undefined) doc.rect(x + labelWidth, top, (span * bar.of) / max, barHeight).fill('#d5dde6');
    if (bar.value > 0) doc.rect(x + labelWidth, top, Math.max(1, (span * bar.value) / max), barHeight).fill('#2f6f9f');
    const share = words.percent(share100(bar.value, bar.of ?? total), 0);
    drawText(doc, `${words.number(bar.value)} (${share})`, x + width - valueWidth, top + barHeight - 2, {
      size: 9,
      width: valueWidth,
      align: 'right',
    });
    top += barHeight + gap;
  }
  return top + 8;
}

/** A part of a whole in percent, rounded to a whole number; 0 of nothing is 0. */
export function share100(part: number, whole: number): number {
  return whole ? Math.round((100 * part) / whole) : 0;
}
