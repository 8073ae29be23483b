import QRCode from 'qrcode';
import type { Language } from '../events/schema';
import { finishDocument, newDocument } from '../exports/pdf/document';
import { documentWords } from '../exports/words';
import { drawText, wrapText, type Doc } from '../exports/pdf/text';
import type { Progress } from '../jobs/worker-host';
import type { BadgeContent, BadgeLayout } from './schema';

const mm = 72 / 25.4;
const inch = 72;

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

interface Sheet {
  /** Page size in points, portrait. */
  page: [number, number];
  /** Where each badge of a page goes. */
  boxes: Box[];
  /** Crop marks around each badge (a sheet to cut); single badges print on their own label or card. */
  cutMarks: boolean;
}

/**
 * a4-8: A4 portrait, 2 × 4 badges of 92.5 × 64.5 mm with 5 mm gutters and crop marks, for pre-printing on a
 * plain printer and cutting; a6: one badge filling an A6 card; 4x3: one badge on a 4 × 3 in label (landscape).
 */
function sheetOf(layout: BadgeLayout): Sheet {
  switch (layout) {
    case 'a4-8': {
      const [side, top, gutter] = [10 * mm, 12 * mm, 5 * mm];
      const w = (210 * mm - 2 * side - gutter) / 2;
      const h = (297 * mm - 2 * top - 3 * gutter) / 4;
      const boxes: Box[] = [];
      for (let row = 0; row < 4; row++) {
        for (let col = 0; col < 2; col++)
          boxes.push({ x: side + col * (w + gutter), y: top + row * (h + gutter), w, h });
      }
      return { page: [210 * mm, 297 * mm], boxes, cutMarks: true };
    }
    case 'a6':
      return { page: [105 * mm, 148 * mm], boxes: [{ x: 0, y: 0, w: 105 * mm, h: 148 * mm }], cutMarks: false };
    case '4x3':
      return { page: [4 * inch, 3 * inch], boxes: [{ x: 0, y: 0, w: 4 * inch, h: 3 * inch }], cutMarks: false };
  }
}

/**
 * The QR code as vector squares (one rectangle per run of dark modules in a row), so it stays sharp at any printer
 * resolution and costs a few hundred path operations instead of an image. Error correction M: a badge gets folded
 * and scratched, and M still fits the 134-character token in a 49-module symbol. The quiet zone (4 modules) is
 * left blank around it, inside `size`.
 */
export function drawQr(doc: Doc, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const count = modules.size;
  const cell = size / (count + 8);
  const left = x + 4 * cell;
  const top = y + 4 * cell;
  doc.save();
  for (let row = 0; row < count; row++) {
    let start = -1;
    for (let col = 0; col <= count; col++) {
      const dark = col < count && modules.get(row, col) === 1;
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        // A hair wider and taller, so neighbouring squares overlap instead of leaving anti-aliased seams.
        doc.rect(left + start * cell, top + row * cell, (col - start) * cell + 0.01, cell + 0.01);
        start = -1;
      }
    }
  }
  doc.fillColor('#000000').fill();
  doc.restore();
}

function cropMarks(doc: Doc, box: Box): void {
  const gap = 1.5 * mm;
  const len = 3 * mm;
  doc.save().lineWidth(0.3).strokeColor('#7a7a7a');
  for (const x of [box.x, box.x + box.w]) {
    for (const y of [box.y, box.y + box.h]) {
      const dx = x === box.x ? -1 : 1;
      const dy = y === box.y ? -1 : 1;
      doc
        .moveTo(x + dx * gap, y)
        .lineTo(x + dx * (gap + len), y)
        .moveTo(x, y + dy * gap)
        .lineTo(x, y + dy * (gap + len));
    }
  }
  doc.stroke().restore();
}

/**
 * One badge in its box: the event at the top, the name large, organisation and country, the QR with the short code
 * under it, and a band in the category's colour with the category written on it (colour is never the only sign).
 * Wide boxes put the QR on the right of the words; tall ones (A6) under them.
 */
function drawBadge(doc: Doc, badge: BadgeContent, box: Box): void {
  const pad = Math.min(box.w, box.h) * 0.06;
  const band = box.h * (box.h > box.w ? 0.1 : 0.15);
  const inner = { x: box.x + pad, w: box.w - 2 * pad };
  const tall = box.h > box.w * 1.2;
  const qr = tall ? Math.min(inner.w * 0.62, box.h * 0.36) : Math.min(box.h - band - 2 * pad - 14, inner.w * 0.4);
  const textWidth = tall ? inner.w : inner.w - qr - pad * 0.5;
  const unit = tall ? box.w / 12 : box.h / 9;

  let y = box.y + pad + unit * 0.45;
  // A workshop's full name in Russian or French takes two lines, a little smaller, rather than shrinking to nothing
  // on one and losing its end; what does not fit on two even at the smallest size is cut on the second.
  let titleSize = unit * 0.38;
  let title = wrapText(doc, badge.eventTitle, { size: titleSize, width: textWidth });
  while (title.length > 2 && titleSize - 0.5 >= 5) {
    titleSize -= 0.5;
    title = wrapText(doc, badge.eventTitle, { size: titleSize, width: textWidth });
  }
  if (title.length > 2) title = [title[0] ?? '', title.slice(1).join(' ')];
  title.forEach((text, i) => {
    const top = title.length > 1 ? y - unit * 0.1 + i * titleSize * 1.15 : y;
    drawText(doc, text, inner.x, top, { size: titleSize, minSize: 5, width: textWidth, color: '#4a4f57' });
  });
  y += unit * 1.45;
  drawText(doc, badge.name, inner.x, y, { size: unit * 1.05, minSize: unit * 0.5, width: textWidth, bold: true });
  y += unit * 0.9;
  drawText(doc, badge.organisation, inner.x, y, { size: unit * 0.5, minSize: unit * 0.32, width: textWidth });
  y += unit * 0.75;
  drawText(doc, badge.country, inner.x, y, { size: unit * 0.5, minSize: unit * 0.32, width: textWidth, bold: true });

  const qrX = tall ? box.x + (box.w - qr) / 2 : box.x + box.w - pad * 0.5 - qr;
  const qrY = tall ? y + unit * 0.4 : box.y + pad * 0.5;
  drawQr(doc, badge.token, qrX, qrY, qr);
  drawText(doc, badge.code, qrX, qrY + qr + unit * 0.25, {
    size: Math.max(7, unit * 0.42),
    minSize: 6,
    width: qr,
    align: 'center',
    bold: true,
  });

  doc
    .save()
    .rect(box.x, box.y + box.h - band, box.w, band)
    .fillColor(badge.colour)
    .fill()
    .restore();
  drawText(doc, badge.categoryLabel, inner.x, box.y + box.h - band * 0.32, {
    size: band * 0.45,
    minSize: 6,
    width: inner.w,
    align: 'center',
    bold: true,
    color: badge.ink,
  });
}

/**
 * Badges in the chosen layout, one PDF; progress after each badge, so a screen can follow 1,000 of them. The
 * country and category come worded in `language` from the main thread; only the file's title is worded here.
 */
export async function renderBadges(
  badges: readonly BadgeContent[],
  layout: BadgeLayout,
  fontsFolder: string,
  progress: (p: Progress) => void,
  language: Language = 'en',
): Promise<{ bytes: Uint8Array; pages: number }> {
  const words = documentWords(language);
  const sheet = sheetOf(layout);
  const landscape = layout === '4x3';
  const doc = newDocument(fontsFolder, {
    layout: landscape ? 'landscape' : 'portrait',
    // pdfkit swaps the sides for landscape: give it the portrait size.
    size: landscape ? [sheet.page[1], sheet.page[0]] : sheet.page,
    title: words.text('badges.title', { title: badges[0]?.eventTitle ?? '' }),
    subject: words.text('badges.subject', { layout }),
    lang: language,
    // Each page is done once drawn: let pdfkit write it out instead of holding 1,000 badges in memory.
    bufferPages: false,
  });
  let pages = 0;
  const perPage = sheet.boxes.length;
  for (let i = 0; i < Math.max(1, badges.length); i += perPage) {
    doc.addPage();
    pages++;
    sheet.boxes.forEach((box, b) => {
      const badge = badges[i + b];
      if (!badge) return;
      if (sheet.cutMarks) cropMarks(doc, box);
      drawBadge(doc, badge, box);
    });
    progress({ phase: 'rendering', done: Math.min(badges.length, i + perPage), total: badges.length });
  }
  return { bytes: await finishDocument(doc), pages };
}
