import { PNG } from 'pngjs';
import { maxSignatureBytes, signatureCanvas } from './schema';

/**
 * A signature arrives as base64 PNG, from the kiosk screen or from a peer's sync bundle, and ends up on the sign-in
 * sheet handed to donors as proof that the person signed. So the core reads it, whoever sent it: the file must be a
 * PNG (structure first, without inflating anything), no larger than a signature box, decode completely, and carry
 * ink — a blank box, a dot or a stray tap would print as if the person had signed.
 */
export type SignatureProblem = 'notPng' | 'undecodable' | 'tooLarge' | 'blank';

const magic = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * The kiosk sends its box at one canvas pixel per CSS pixel (600 × 200, or half that for a very busy drawing). Twice
 * each side leaves room for a screen that draws at a high-density display's device pixels, and bounds what a crafted
 * image makes a check-in decode, inside its write transaction, to 480,000 pixels (about 2 MB, tens of milliseconds).
 */
export const maxSignatureWidth = signatureCanvas.width * 2;
export const maxSignatureHeight = signatureCanvas.height * 2;

/**
 * The least ink a signature has, as a share of the image's area (so the rule holds at half or double scale: strokes
 * grow in length and in width). signature_pad draws a tap as a disc of radius 1.75 px (about 10 px of ink) and
 * strokes 2–5 px wide, so on the 600 × 200 box 1/1000 of the area is 120 px: one stroke of 24–60 px, at most a tenth
 * of the box's width. A dot, a tap or a short slip of the finger stays under it; two strokes of a real signature,
 * each across a good part of the box, leave several hundred pixels of ink.
 */
export const minInkShare = 1 / 1000;

/**
 * How far from the background a pixel must be to count as ink: a quarter of the grey scale, so a stroke's faint
 * anti-aliased fringe does not count while its body does, whatever the pen's colour.
 */
const inkContrast = 64;

interface Header {
  width: number;
  height: number;
}

/** The PNG's dimensions if its chunks are well formed (IHDR first, every length inside the file, IEND last). */
function readHeader(bytes: Uint8Array): Header | null {
  if (bytes.length < 8 + 25 + 12) return null;
  if (!magic.every((b, i) => bytes[i] === b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunkType = (at: number) => String.fromCharCode(...bytes.subarray(at + 4, at + 8));
  if (view.getUint32(8) !== 13 || chunkType(8) !== 'IHDR') return null;
  const header = { width: view.getUint32(16), height: view.getUint32(20) };
  let at = 8;
  while (at + 12 <= bytes.length) {
    const next = at + 12 + view.getUint32(at);
    if (next > bytes.length) return null;
    if (chunkType(at) === 'IEND') return next === bytes.length ? header : null;
    at = next;
  }
  return null;
}

/**
 * Ink pixels: those that differ clearly from the background as the sign-in sheet shows them (each pixel composited
 * over the white page, so a transparent canvas and a white one read alike). The background is the commonest shade,
 * which also makes a canvas filled with one colour read as blank rather than as solid ink.
 */
export function inkPixels(rgba: Uint8Array): number {
  const histogram: number[] = new Array<number>(256).fill(0);
  for (let i = 0; i + 3 < rgba.length; i += 4) {
    const luminance = 0.299 * (rgba[i] ?? 0) + 0.587 * (rgba[i + 1] ?? 0) + 0.114 * (rgba[i + 2] ?? 0);
    const alpha = (rgba[i + 3] ?? 0) / 255;
    const shade = Math.round(luminance * alpha + 255 * (1 - alpha));
    histogram[shade] = (histogram[shade] ?? 0) + 1;
  }
  const background = histogram.reduce((best, count, shade) => (count > (histogram[best] ?? 0) ? shade : best), 255);
  return histogram.reduce((ink, count, shade) => (Math.abs(shade - background) >= inkContrast ? ink + count : ink), 0);
}

/** What is wrong with a signature's PNG bytes, or null when it is a real signature. */
export function signatureProblem(bytes: Uint8Array): SignatureProblem | null {
  const header = readHeader(bytes);
  if (!header) return 'notPng';
  // The contract bounds what the kiosk sends; a peer's bundle is bounded only per field, so the same limit here.
  if (bytes.length > maxSignatureBytes) return 'tooLarge';
  const { width, height } = header;
  if (width === 0 || height === 0) return 'undecodable';
  if (width > maxSignatureWidth || height > maxSignatureHeight) return 'tooLarge';
  let image: PNG;
  try {
    image = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch {
    // A bad checksum, a compressed stream that ends early or inflates past the image's size, an unknown filter.
    return 'undecodable';
  }
  return inkPixels(image.data) < Math.ceil(width * height * minInkShare) ? 'blank' : null;
}
