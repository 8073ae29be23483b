import { readFileSync } from 'node:fs';
import path from 'node:path';
import bidiFactory from 'bidi-js';
import { faceDraws, faceOf, fontFiles, type Face } from './fonts';

const bidi = bidiFactory();

export type Doc = PDFKit.PDFDocument;

const fontCache = new Map<string, Buffer>();

/** Registers every face, regular and bold, on a document; the files are read once per worker. */
export function registerFonts(doc: Doc, folder: string): void {
  for (const [face, files] of Object.entries(fontFiles) as [Face, { regular: string; bold: string }][]) {
    for (const weight of ['regular', 'bold'] as const) {
      const file = path.join(folder, files[weight]);
      let data = fontCache.get(file);
      if (!data) fontCache.set(file, (data = readFileSync(file)));
      doc.registerFont(fontName(face, weight === 'bold'), data);
    }
  }
}

function fontName(face: Face, bold: boolean): string {
  return bold ? `${face}-bold` : face;
}

interface Run {
  /** The characters handed to pdfkit: visual order, except Arabic, which fontkit shapes and reverses itself. */
  text: string;
  font: string;
  space: boolean;
}

/**
 * Cuts a line of text into runs drawn left to right: the Unicode bidirectional algorithm (bidi-js) decides the
 * visual order, so an Arabic name reads right to left and a Latin organisation inside it keeps its own order;
 * each run gets the face for its script (fonts.ts), neutral characters following their neighbours. Spaces are runs
 * of their own: fontkit misplaces a space inside a right-to-left run, and gaps are what text extractors (pdftotext,
 * screen readers) read as word breaks.
 */
export function visualRuns(text: string, bold: boolean, direction?: 'ltr' | 'rtl'): { runs: Run[]; rtl: boolean } {
  const levels = bidi.getEmbeddingLevels(text, direction);
  const rtl = (levels.paragraphs[0]?.level ?? 0) % 2 === 1;
  // bidi-js indexes UTF-16 code units, like split('').
  const chars = text.split('');
  const mirrored = bidi.getMirroredCharactersMap(text, levels.levels);
  for (const [index, char] of mirrored) chars[index] = char;
  const order = chars.map((_, i) => i);
  for (const [start = 0, end = -1] of bidi.getReorderSegments(text, levels)) {
    order.splice(start, end - start + 1, ...order.slice(start, end + 1).reverse());
  }
  const faces = resolveFaces(chars);
  const runs: Run[] = [];
  let current: { indices: number[]; key: string; odd: boolean } | null = null;
  const flush = () => {
    if (!current) return;
    const visual = current.indices.map((i) => chars[i]).join('');
    const face = faces[current.indices[0] ?? 0] ?? 'latin';
    const space = current.key === 'space';
    // fontkit lays out an Arabic run right to left by itself: give it the characters in logical order.
    const logical = current.odd && /\p{Script=Arabic}/u.test(visual);
    runs.push({ text: logical ? [...visual].reverse().join('') : visual, font: fontName(face, bold), space });
    current = null;
  };
  let previous = -2;
  for (const index of order) {
    const odd = (levels.levels[index] ?? 0) % 2 === 1;
    const key = /\s/u.test(chars[index] ?? '') ? 'space' : `${faces[index]}:${odd}`;
    const adjacent = index === previous + (odd ? -1 : 1);
    if (!current || current.key !== key || !adjacent) {
      flush();
      current = { indices: [], key, odd };
    }
    current.indices.push(index);
    previous = index;
  }
  flush();
  return { runs, rtl };
}

/**
 * Each character's face, neutral ones taking the face before them (or after, at the start; Latin if none) when that
 * face has a glyph for them, Latin otherwise.
 */
function resolveFaces(chars: readonly string[]): Face[] {
  const own = chars.map(faceOf);
  const faces: Face[] = [];
  let last: Face | null = own.find((f) => f !== null) ?? 'latin';
  own.forEach((face, i) => {
    if (face !== null) last = face;
    const inherited = face ?? last ?? 'latin';
    faces.push(face === null && !faceDraws(inherited, chars[i] ?? '') ? 'latin' : inherited);
  });
  return faces;
}

export interface TextOptions {
  size: number;
  bold?: boolean;
  /** The box: text that does not fit shrinks down to minSize, then is cut with an ellipsis. */
  width: number;
  minSize?: number;
  /** 'auto' aligns right-to-left text right and everything else left. */
  align?: 'left' | 'right' | 'center' | 'auto';
  color?: string;
  /**
   * The paragraph's direction, when the document's language decides it rather than the text's first letter: an
   * Arabic sheet's session line that starts with a Latin session name ("Day 1 · الثلاثاء…") still reads right to left.
   */
  direction?: 'ltr' | 'rtl';
}

function measure(doc: Doc, runs: readonly Run[], size: number): number {
  let width = 0;
  for (const run of runs) width += doc.font(run.font).fontSize(size).widthOfString(run.text);
  return width;
}

/**
 * Draws one line of text of any script with its baseline at y, fitted into `width`. Returns the width drawn.
 */
export function drawText(doc: Doc, text: string, x: number, y: number, options: TextOptions): number {
  const value = text.replace(/\s+/gu, ' ').trim();
  if (!value) return 0;
  const bold = options.bold ?? false;
  let laid = visualRuns(value, bold, options.direction);
  let size = options.size;
  let width = measure(doc, laid.runs, size);
  const minSize = options.minSize ?? options.size;
  while (width > options.width && size - 0.5 >= minSize) {
    size -= 0.5;
    width = measure(doc, laid.runs, size);
  }
  if (width > options.width) {
    // Cut the text (in logical order, so the end of the words goes) until it fits with its ellipsis.
    const letters = [...value];
    let low = 0;
    let high = letters.length;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      const candidate = visualRuns(`${letters.slice(0, mid).join('').trimEnd()}…`, bold, options.direction);
      if (measure(doc, candidate.runs, size) <= options.width) low = mid;
      else high = mid - 1;
    }
    laid = visualRuns(`${letters.slice(0, low).join('').trimEnd()}…`, bold, options.direction);
    width = measure(doc, laid.runs, size);
  }
  const align = options.align === 'auto' || options.align === undefined ? (laid.rtl ? 'right' : 'left') : options.align;
  let cursor = align === 'right' ? x + options.width - width : align === 'center' ? x + (options.width - width) / 2 : x;
  doc.fillColor(options.color ?? '#000000');
  for (const run of laid.runs) {
    doc.font(run.font).fontSize(size);
    const advance = doc.widthOfString(run.text);
    if (!run.space) doc.text(run.text, cursor, y, { lineBreak: false, baseline: 'alphabetic' });
    cursor += advance;
  }
  return width;
}

/**
 * Cuts a paragraph at spaces into lines that each fit `width` at `size`, measured with the faces drawText will use:
 * a count of characters does not do, since a Cyrillic or French line of the same length runs wider than English.
 * A single word wider than the box is a line of its own (drawText then shrinks it).
 */
export function wrapText(doc: Doc, text: string, options: Pick<TextOptions, 'size' | 'width' | 'bold'>): string[] {
  const fits = (line: string) =>
    measure(doc, visualRuns(line, options.bold ?? false).runs, options.size) <= options.width;
  const lines: string[] = [];
  let current = '';
  // No-break spaces (French "67 %", "Page 1 sur 2") hold their words together.
  for (const word of text.split(/[^\S\u00a0\u202f]+/u).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (current && !fits(candidate)) {
      lines.push(current);
      current = word;
    } else current = candidate;
  }
  if (current) lines.push(current);
  return lines;
}
