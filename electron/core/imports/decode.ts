import { fileError } from './file-error';
import type { Encoding } from './table';

/**
 * Turns a CSV's bytes into text, detecting the encoding so no one ever sees mojibake: a byte-order mark says it
 * outright; UTF-16 without one shows as zero bytes in every other position; otherwise text that is valid UTF-8 is
 * UTF-8 (valid UTF-8 by chance in another encoding is vanishingly rare), and anything else is what Excel on Windows
 * writes: Windows-1252 (a superset of Latin-1 for the characters people type), or Windows-1251 for Cyrillic.
 */
export function decode(bytes: Uint8Array): { text: string; encoding: Encoding } {
  let encoding: Encoding;
  let body = bytes;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    encoding = 'utf-8-bom';
    body = bytes.subarray(3);
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
    body = bytes.subarray(2);
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
    body = bytes.subarray(2);
  } else {
    encoding = utf16WithoutMark(bytes) ?? (isUtf8(bytes) ? 'utf-8' : singleByte(bytes));
  }
  const text =
    encoding === 'windows-1252'
      ? windows1252(body)
      : new TextDecoder(encoding === 'utf-8-bom' ? 'utf-8' : encoding, { ignoreBOM: true }).decode(body);
  if (looksBinary(text)) throw fileError('notATable');
  return { text, encoding };
}

// Windows-1252 is Latin-1 but for 0x80–0x9F, where it has curly quotes, dashes, € and a few letters (Node's
// TextDecoder reads that range as Latin-1's control characters, so it is mapped here).
const high = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function windows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\x80-\x9f]/g, (c) => high[c.charCodeAt(0) - 0x80] ?? c);
}

/**
 * Windows-1251, what Excel on a Russian-language Windows saves (Central Asia, the Caucasus), or Windows-1252. Both
 * put letters in the bytes above 0xC0, but Cyrillic words are whole runs of them, while in Western European text an
 * accented letter sits among ASCII ones ("Müller", "Pérez"; at most two together, as in "ção").
 */
function singleByte(bytes: Uint8Array): 'windows-1251' | 'windows-1252' {
  let high = 0;
  let inWords = 0;
  let run = 0;
  // The whole file, not a sample: a list in Latin letters may turn Cyrillic thousands of rows down. One step past
  // the end, so a run that ends the file is counted too.
  for (let i = 0; i <= bytes.length; i++) {
    const b = bytes[i] ?? 0;
    if (b >= 0x80) high++;
    if (cyrillic1251(b)) {
      run++;
      continue;
    }
    if (run >= 3) inWords += run;
    run = 0;
  }
  return inWords > high / 2 ? 'windows-1251' : 'windows-1252';
}

/** А–я, Ё, ё, Ў, ў, І, і in Windows-1251. */
const cyrillic1251 = (b: number) =>
  b >= 0xc0 || b === 0xa8 || b === 0xb8 || b === 0xa1 || b === 0xa2 || b === 0xb2 || b === 0xb3;

function utf16WithoutMark(bytes: Uint8Array): Encoding | null {
  const sample = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (sample < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = sample / 2;
  // Text in UTF-8 or Windows-1252 has no zero bytes at all, and UTF-16 has them on one side of a code unit only: the
  // high byte of every delimiter, line break and digit. A list written wholly in Cyrillic or Arabic has few of
  // those (Cyrillic letters' high byte is 04), so a small share of zeros, all on one side, is enough.
  if (oddZeros > pairs * 0.05 && evenZeros < pairs * 0.005) return 'utf-16le';
  if (evenZeros > pairs * 0.05 && oddZeros < pairs * 0.005) return 'utf-16be';
  return null;
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Binary junk decoded as text: NUL bytes (text files never have them) or many control characters. Only the start
 * is looked at: a file that begins as text and turns into junk later fails on its rows instead.
 */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 65_536);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) control++;
  }
  return control > Math.max(8, sample.length * 0.01);
}
