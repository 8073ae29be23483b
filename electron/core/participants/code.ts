import { randomBytes } from '../api/ids';
import { asUsKeys } from '../text/keyboard';

/**
 * Check-in codes: 8 symbols of Crockford's base 32 (no I, L, O or U), printed on badges and in QR codes as
 * XXXX-XXXX. 32^8 ≈ 10^12 codes, so two kiosks registering walk-ins offline practically never pick the same one,
 * and a code read aloud or typed survives the usual confusions (O for 0, I or L for 1, lower case, a dash), and a
 * scanner typing through a Russian keyboard layout (text/keyboard.ts).
 */
export const codeAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const codeLength = 8;

const aliases: Record<string, string> = { O: '0', I: '1', L: '1' };

/** The canonical form of a typed or scanned code, or null if it cannot be one. */
export function normaliseCode(text: string): string | null {
  const code = asUsKeys(text)
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[OIL]/g, (c) => aliases[c] ?? c);
  return code.length === codeLength && [...code].every((c) => codeAlphabet.includes(c)) ? code : null;
}

/** A random code. Web Crypto, so this module also runs in the renderer; 256 is a multiple of 32, so `& 31` is fair. */
export function newCode(): string {
  const bytes = randomBytes(codeLength);
  let code = '';
  for (const b of bytes) code += codeAlphabet[b & 31];
  return code;
}

export function formatCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}
