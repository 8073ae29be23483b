import { useRef, type KeyboardEvent } from 'react';

/**
 * A USB badge scanner is a keyboard that presses the keys a US keyboard would need for what it read; the computer
 * turns those keys into characters through whatever layout is switched on. On German QWERTZ the token's Y comes out
 * as Z and its `-` as `ß`, on French AZERTY `1` comes out as `&`, on Thai letters come out as Thai. The physical key
 * (`KeyboardEvent.code`) and the Shift state say what the scanner meant on every layout, so the fields that take
 * scans record them and read them back as US keys.
 */
export interface ScanKey {
  /** `KeyboardEvent.code`: the key's position, whatever the layout prints on it. */
  code: string;
  shift: boolean;
}

// [unshifted, shifted] on a US keyboard, for every key a badge's code or token can need (and the rest of the main block).
const usKeys = new Map<string, readonly [string, string]>([
  ['Backquote', ['`', '~']],
  ['Minus', ['-', '_']],
  ['Equal', ['=', '+']],
  ['BracketLeft', ['[', '{']],
  ['BracketRight', [']', '}']],
  ['Backslash', ['\\', '|']],
  ['Semicolon', [';', ':']],
  ['Quote', ["'", '"']],
  ['Comma', [',', '<']],
  ['Period', ['.', '>']],
  ['Slash', ['/', '?']],
  ['Space', [' ', ' ']],
  ['NumpadDecimal', ['.', '.']],
  ['NumpadSubtract', ['-', '-']],
  ['NumpadAdd', ['+', '+']],
  ['NumpadMultiply', ['*', '*']],
  ['NumpadDivide', ['/', '/']],
  ...[...'abcdefghijklmnopqrstuvwxyz'].map((c) => [`Key${c.toUpperCase()}`, [c, c.toUpperCase()]] as const),
  ...[...'0123456789'].map((d, i) => [`Digit${d}`, [d, ')!@#$%^&*('.charAt(i)]] as const),
  // Scanners set to type digits on the number pad: a digit whatever Shift says.
  ...[...'0123456789'].map((d) => [`Numpad${d}`, [d, d]] as const),
]);

/** What the keys would have typed on a US keyboard, or null if one of them is not a key a US keyboard types with. */
export function usReading(keys: readonly ScanKey[]): string | null {
  let text = '';
  for (const { code, shift } of keys) {
    const key = usKeys.get(code);
    if (!key) return null;
    text += key[shift ? 1 : 0];
  }
  return text;
}

/**
 * The text to use: what the layout typed, unless that is not a badge's code or token but the keys read on a US
 * keyboard are. A name typed by hand on any layout ("Müller" on QWERTZ reads "M[ller") stays as typed.
 */
export function scanText(typed: string, keys: readonly ScanKey[], isBadge: (text: string) => boolean): string {
  if (isBadge(typed)) return typed;
  const us = usReading(keys);
  return us !== null && us !== typed && isBadge(us) ? us : typed;
}

// Keys that change nothing in the box's text and may come with a scan (Shift for capitals) or after it.
const neutral = new Set(['Shift', 'CapsLock', 'NumLock', 'Enter', 'Tab', 'Escape', 'ArrowUp', 'ArrowDown']);

/**
 * Records the keys that typed a text box's content, for `scanText`. The record covers the box only while it was
 * typed from empty (or from all of it selected) straight to its end; an edit (Backspace, a paste, the caret moved,
 * AltGr or a shortcut) leaves a record that no longer matches the text, which `read` then ignores.
 */
export function useScanKeys(isBadge: (text: string) => boolean) {
  const keys = useRef<ScanKey[]>([]);
  const intact = useRef(true);
  return {
    onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
      if (neutral.has(e.key)) return;
      const box = e.currentTarget;
      const printable = (e.key.length === 1 || e.key === 'Dead') && !e.ctrlKey && !e.metaKey && !e.altKey;
      const end = box.value.length;
      if (box.selectionStart === 0 && box.selectionEnd === end) {
        keys.current = [];
        intact.current = true;
      } else if (box.selectionStart !== end || box.selectionEnd !== end) {
        intact.current = false;
      }
      if (printable) keys.current.push({ code: e.code, shift: e.shiftKey });
      else intact.current = false;
    },
    /** The box's new text as it should stand: the scan read on US keys, or exactly what was typed. */
    read(text: string): string {
      if (text === '') {
        keys.current = [];
        intact.current = true;
        return text;
      }
      // One key a character: a paste, a dead key or an input method leaves the record short or long.
      if (!intact.current || keys.current.length !== [...text].length) return text;
      return scanText(text, keys.current, isBadge);
    },
  };
}
