import PDFDocument from 'pdfkit';
import { registerFonts, type Doc } from './text';

/**
 * A new PDF with Muster's fonts registered, margins at zero (every layout here places its own text, so pdfkit never
 * breaks a page behind our back) and pages kept in memory until the end, so footers can say "page 3 of 12".
 * A4 unless another page size (in points, width × height) is given: badges print on A6 and on label rolls.
 */
export function newDocument(
  fontsFolder: string,
  options: {
    layout: 'portrait' | 'landscape';
    title: string;
    subject: string;
    size?: [number, number];
    bufferPages?: boolean;
    /** The document's language (its /Lang: screen readers pick their voice by it). */
    lang?: string;
  },
): Doc {
  const doc = new PDFDocument({
    size: options.size ?? 'A4',
    layout: options.layout,
    margin: 0,
    bufferPages: options.bufferPages ?? true,
    autoFirstPage: false,
    info: { Title: options.title, Subject: options.subject, Creator: 'Muster', Producer: 'Muster' },
    lang: options.lang ?? 'en',
    displayTitle: true,
  });
  registerFonts(doc, fontsFolder);
  return doc;
}

/** Ends the document and collects its bytes. */
export function finishDocument(doc: Doc): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    doc.end();
  });
}
