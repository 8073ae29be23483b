import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The typefaces a PDF draws with; each covers some scripts (build/fonts/README.md). */
export type Face = 'latin' | 'arabic' | 'thai' | 'cjk';

export const fontFiles: Record<Face, { regular: string; bold: string }> = {
  latin: { regular: 'NotoSans-Regular.ttf', bold: 'NotoSans-Bold.ttf' },
  arabic: { regular: 'NotoSansArabic-Regular.ttf', bold: 'NotoSansArabic-Bold.ttf' },
  thai: { regular: 'NotoSansThai-Regular.ttf', bold: 'NotoSansThai-Bold.ttf' },
  // Droid Sans Fallback has one weight: bold CJK is drawn regular.
  cjk: { regular: 'DroidSansFallbackFull.ttf', bold: 'DroidSansFallbackFull.ttf' },
};

const arabic = /[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}]/u;
const thai = /\p{Script=Thai}/u;
const cjk =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}\u3000-\u303f\uff00-\uffef]/u;
const neutral = /[\p{Script=Common}\p{Script=Inherited}]/u;

/**
 * The face for one character, or null for characters every face has (spaces, digits, punctuation, combining
 * marks): those follow their neighbours. pdfkit does not fall back glyph by glyph, so this choice is the fallback.
 */
export function faceOf(char: string): Face | null {
  if (arabic.test(char)) return 'arabic';
  if (thai.test(char)) return 'thai';
  if (cjk.test(char)) return 'cjk';
  if (neutral.test(char)) return null;
  return 'latin';
}

/**
 * The neutral characters each non-Latin face has glyphs for (read from the font files with fontkit): Noto Sans Arabic
 * has digits and a little punctuation, Noto Sans Thai and Droid Sans Fallback hardly any. A neutral character among
 * letters of those scripts is drawn in them only if listed here, else in Noto Sans: the "/" of "Name / الاسم", the
 * "·" and "–" of a session line, the "%" of a share would otherwise print as empty boxes.
 */
const drawnByFace: Record<Exclude<Face, 'latin'>, RegExp> = {
  arabic: /^[ 0-9!,.:\-«»\u060C\u061B\u061F\u0660-\u066D\u06D4\u06F0-\u06F9\u200C-\u200F]$/u,
  thai: /^[ ]$/u,
  cjk: /^[ ]$/u,
};

/** Whether a neutral character takes the face of the letters around it, or is drawn in Noto Sans. */
export function faceDraws(face: Face, char: string): boolean {
  // Combining marks (Arabic vowel signs, the shadda) always stay with their letter, which shapes them.
  return face === 'latin' || /^\p{M}$/u.test(char) || drawnByFace[face].test(char);
}

/**
 * Where the fonts are: in the packaged app, Electron's resources folder (package.json build.extraResources); when
 * running from the repository (tests, the command line, an unpacked build), build/fonts. Resolved on the main
 * thread and handed to the worker that draws.
 */
export function fontsFolder(): string {
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  // CommonJS (the bundle, vitest) has __dirname; ES modules under tsx have import.meta.url.
  const here = typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
  const candidates = [
    () => (resources ? path.join(resources, 'fonts') : null),
    // dist/electron/main.cjs, run unpackaged.
    () => path.resolve(here, '..', '..', 'build', 'fonts'),
    // This file, from source.
    () => path.resolve(here, '..', '..', '..', '..', 'build', 'fonts'),
  ];
  const tried: string[] = [];
  for (const candidate of candidates) {
    const dir = candidate();
    if (dir === null) continue;
    if (existsSync(path.join(dir, fontFiles.latin.regular))) return dir;
    tried.push(dir);
  }
  throw new Error(`The PDF fonts are missing (looked in ${tried.join(', ')}).`);
}
