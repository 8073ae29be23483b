import { fireEvent } from '@testing-library/react';

/**
 * What keyboard layouts type for a key position (`KeyboardEvent.code`), unshifted and with Shift, for the keys a
 * badge's code or token needs: the key presses a US-programmed USB scanner sends, as a machine on that layout sees
 * them. Taken from the layouts' charts (Windows "German", "French", "Thai Kedmanee").
 */
export type Layout = Record<string, readonly [string, string]>;

const letters = (map: Record<string, string> = {}): Layout =>
  Object.fromEntries(
    [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((c) => {
      const typed = map[c] ?? c.toLowerCase();
      return [`Key${c}`, [typed, typed.toUpperCase()]] as const;
    }),
  );
const digits = (unshifted: string, shifted: string): Layout =>
  Object.fromEntries([...'1234567890'].map((d, i) => [`Digit${d}`, [unshifted.charAt(i), shifted.charAt(i)]] as const));

export const us: Layout = {
  ...letters(),
  ...digits('1234567890', '!@#$%^&*()'),
  Minus: ['-', '_'],
  Period: ['.', '>'],
  BracketLeft: ['[', '{'],
};

export const qwertz: Layout = {
  ...letters({ Y: 'z', Z: 'y' }),
  ...digits('1234567890', '!"§$%&/()='),
  Minus: ['ß', '?'],
  Period: ['.', ':'],
  BracketLeft: ['ü', 'Ü'],
};

export const azerty: Layout = {
  ...letters({ Q: 'a', A: 'q', W: 'z', Z: 'w' }),
  KeyM: [',', '?'],
  ...digits('&é"\'(-è_çà', '1234567890'),
  Minus: [')', '°'],
  Period: [':', '/'],
  Semicolon: ['m', 'M'],
};

const thaiKeys: Record<string, readonly [string, string]> = {
  KeyQ: ['ๆ', '๐'],
  KeyW: ['ไ', '"'],
  KeyE: ['ำ', 'ฎ'],
  KeyR: ['พ', 'ฑ'],
  KeyT: ['ะ', 'ธ'],
  KeyY: ['ั', 'ํ'],
  KeyU: ['ี', '๊'],
  KeyI: ['ร', 'ณ'],
  KeyO: ['น', 'ฯ'],
  KeyP: ['ย', 'ญ'],
  KeyA: ['ฟ', 'ฤ'],
  KeyS: ['ห', 'ฆ'],
  KeyD: ['ก', 'ฏ'],
  KeyF: ['ด', 'โ'],
  KeyG: ['เ', 'ฌ'],
  KeyH: ['้', '็'],
  KeyJ: ['่', '๋'],
  KeyK: ['า', 'ษ'],
  KeyL: ['ส', 'ศ'],
  KeyZ: ['ผ', '('],
  KeyX: ['ป', ')'],
  KeyC: ['แ', 'ฉ'],
  KeyV: ['อ', 'ฮ'],
  KeyB: ['ิ', 'ฺ'],
  KeyN: ['ื', '์'],
  KeyM: ['ท', '?'],
  Minus: ['ข', '๘'],
  Period: ['ใ', 'ฬ'],
};
export const thai: Layout = { ...thaiKeys, ...digits('ๅ/-ภถุึคตจ', '+๑๒๓๔ู฿๕๖๗') };

/**
 * A badge token as `signToken` (electron/core/badges/token.ts) signs one, fixed so the test always has the symbols
 * layouts move (y, z, -, _).
 */
export const badgeToken =
  'M1.C3xvHoo3So6dai9PHB8KAT8cK5ptHkw7in9eLRwLmogAAan8sLZV24kpzj5uGSsnQ-8uUR5R51hYUTtOYnJROTtkR52_vBqYrRrQlaZ7SVzM75XyNHW7xhvBSnzSvPdvyg8';

export interface Press {
  code: string;
  key: string;
  shift: boolean;
}

/** The key a US-programmed scanner presses for each character of `text` (letters, digits, `-`, `_`, `.`). */
function usPress(char: string): { code: string; shift: boolean } {
  for (const [code, [plain, shifted]] of Object.entries(us)) {
    if (plain === char) return { code, shift: false };
    if (shifted === char) return { code, shift: true };
  }
  throw new Error(`No US key types ${char}`);
}

/** The key presses a scanner sends for `text`, as `layout` turns them into characters. */
export function scannedOn(layout: Layout, text: string): Press[] {
  return [...text].map((char) => {
    const { code, shift } = usPress(char);
    const key = layout[code]?.[shift ? 1 : 0];
    if (key === undefined) throw new Error(`The test layout lacks ${code}`);
    return { code, key, shift };
  });
}

/** Keys pressed by a person on `layout`: each a key position, with Shift when marked `+` (`+KeyM`). */
export function handTyped(layout: Layout, codes: readonly string[]): Press[] {
  return codes.map((c) => {
    const shift = c.startsWith('+');
    const code = shift ? c.slice(1) : c;
    const key = layout[code]?.[shift ? 1 : 0];
    if (key === undefined) throw new Error(`The test layout lacks ${code}`);
    return { code, key, shift };
  });
}

/** What the layout puts in the box for those presses. */
export const typedText = (presses: readonly Press[]) => presses.map((p) => p.key).join('');

/**
 * Presses the keys in a text box as a browser does: keydown with the key's position, layout character and Shift,
 * then (unless the page prevented it) the character goes in at the caret, at the end.
 */
export function pressKeys(box: HTMLInputElement, presses: readonly Press[]) {
  for (const { code, key, shift } of presses) {
    const proceed = fireEvent.keyDown(box, { key, code, shiftKey: shift });
    if (proceed) fireEvent.change(box, { target: { value: box.value + key } });
    fireEvent.keyUp(box, { key, code, shiftKey: shift });
  }
}

/** Enter, as a scanner ends a scan. */
export function pressEnter(box: HTMLInputElement) {
  fireEvent.keyDown(box, { key: 'Enter', code: 'Enter' });
  fireEvent.keyUp(box, { key: 'Enter', code: 'Enter' });
}
