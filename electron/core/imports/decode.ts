import { isAscii, isUtf8 } from 'node:buffer';
import { fileError } from './file-error';
import type { Encoding } from './table';

/**
 * Turns a CSV's bytes into text, detecting the encoding so no one ever sees mojibake: a byte-order mark says it
 * outright; UTF-16 without one shows as zero bytes in every other position; otherwise text that is valid UTF-8 is
 * UTF-8 (valid UTF-8 by chance in another encoding is vanishingly rare), and anything else is what Excel on Windows
 * writes: Windows-1252 (a superset of Latin-1 for the characters people type), or Windows-1251 for Cyrillic, with
 * any lines that are UTF-8 read as UTF-8.
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
    const found = utf16WithoutMark(bytes) ?? (isUtf8(bytes) ? 'utf-8' : null);
    if (!found) return checked(lineByLine(bytes));
    encoding = found;
  }
  const text = new TextDecoder(encoding === 'utf-8-bom' ? 'utf-8' : encoding, { ignoreBOM: true }).decode(body);
  return checked({ text, encoding });
}

function checked(decoded: { text: string; encoding: Encoding }): { text: string; encoding: Encoding } {
  if (looksBinary(decoded.text)) throw fileError('notATable');
  return decoded;
}

/**
 * A file that is not UTF-8 as a whole, read a line at a time: lines that are valid UTF-8 as UTF-8, the others in
 * the single-byte code page their bytes point to. A list kept in UTF-8 and then added to in an old editor (or
 * pasted together from two sources) mixes both, and reading it all as Windows-1252 turned every "José" into "JosÃ©".
 */
function lineByLine(bytes: Uint8Array): { text: string; encoding: Encoding } {
  if (!hasUtf8Sequence(bytes)) {
    const encoding = singleByte([bytes]);
    return { text: singleByteText(bytes, encoding), encoding };
  }
  // Runs of lines of one kind, decoded a run at a time (ASCII lines join whichever run they follow): a file that is
  // all Windows-1252 is one run, and costs what decoding it whole did.
  const runs: { from: number; to: number; utf8: boolean }[] = [];
  const singleByteLines: Uint8Array[] = [];
  for (let from = 0; from < bytes.length;) {
    const end = bytes.indexOf(lf, from);
    const to = end === -1 ? bytes.length : end + 1;
    const line = bytes.subarray(from, to);
    const run = runs.at(-1);
    const utf8 = isAscii(line) ? (run?.utf8 ?? true) : isUtf8(line);
    if (!utf8) singleByteLines.push(line);
    if (run && run.utf8 === utf8) run.to = to;
    else runs.push({ from, to, utf8 });
    from = to;
  }
  const encoding = singleByte(singleByteLines);
  const text = runs
    .map(({ from, to, utf8 }) => {
      const part = bytes.subarray(from, to);
      if (utf8) return Buffer.from(part.buffer, part.byteOffset, part.byteLength).toString('utf8');
      return singleByteText(part, encoding);
    })
    .join('');
  return { text, encoding };
}

const lf = 0x0a;

/** A lead byte followed by a continuation byte: where a UTF-8 line may hide among single-byte ones. */
function hasUtf8Sequence(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length - 1; i++) {
    const b = bytes[i] ?? 0;
    if (b >= 0xc2 && b <= 0xf4 && ((bytes[i + 1] ?? 0) & 0xc0) === 0x80) return true;
  }
  return false;
}

// Windows-1252 is Latin-1 but for 0x80–0x9F, where it has curly quotes, dashes, € and a few letters (Node's
// TextDecoder reads that range as Latin-1's control characters, so it is mapped here).
const high = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function windows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\x80-\x9f]/g, (c) => high[c.charCodeAt(0) - 0x80] ?? c);
}

function singleByteText(bytes: Uint8Array, encoding: 'windows-1251' | 'windows-1252'): string {
  return encoding === 'windows-1252' ? windows1252(bytes) : new TextDecoder(encoding).decode(bytes);
}

/**
 * Windows-1251, what Excel on a Russian-language Windows saves (Central Asia, the Caucasus), or Windows-1252. Both
 * put letters in the bytes above 0xC0, but Cyrillic words are whole runs of them, while in Western European text an
 * accented letter sits among ASCII ones ("Müller", "Pérez"; at most two together, as in "ção").
 */
function singleByte(lines: readonly Uint8Array[]): 'windows-1251' | 'windows-1252' {
  let high = 0;
  let inWords = 0;
  // Every line, not a sample: a list in Latin letters may turn Cyrillic thousands of rows down.
  for (const bytes of lines) {
    let run = 0;
    // One step past the end, so a run that ends the line is counted too.
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
