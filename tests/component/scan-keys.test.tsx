import { describe, expect, it } from 'vitest';
import { scanText, usReading } from '../../renderer/src/checkin/scan-keys';
import { maxTokenLength } from '../../electron/core/badges/token';
import { badgeTokenLength, isWholeBadge } from '../../renderer/src/kiosk/scanner';
import { azerty, badgeToken, handTyped, qwertz, russian, scannedOn, thai, typedText, us } from './layouts';

// A real badge's shape: M1. and 131 base64url symbols, with the Y, Z, -, _ and digits layouts move.
const token = 'M1.AZyz-_09' + 'qQaAwWmM7kX2'.repeat(10) + 'bcd';
const code = '7KQ2-M9XD';
const keys = (presses: { code: string; shift: boolean }[]) => presses.map(({ code, shift }) => ({ code, shift }));

describe('reading key presses as a US keyboard has them', () => {
  it('reads a US keyboard as typed', () => {
    expect(token).toHaveLength(134);
    expect(usReading(scannedOn(us, token))).toBe(token);
    expect(typedText(scannedOn(us, code))).toBe(code);
  });

  it('reads a scan through German QWERTZ, where Y and Z swap and - is ß', () => {
    const presses = scannedOn(qwertz, token);
    expect(typedText(presses)).toMatch(/^M1\.AYzyß\?09/);
    expect(usReading(presses)).toBe(token);
  });

  it('reads French AZERTY digits typed without Shift as digits, and with Shift as the US symbols they are', () => {
    const presses = scannedOn(azerty, code);
    expect(typedText(presses)).toBe('èKAé)?çXD');
    expect(usReading(presses)).toBe(code);
    // A person on AZERTY types 1 and 2 with Shift: on a US keyboard those keys with Shift are ! and @.
    expect(usReading(keys(handTyped(azerty, ['+Digit1', '+Digit2', 'Digit1'])))).toBe('!@1');
    expect(usReading(scannedOn(azerty, token))).toBe(token);
  });

  it('reads Russian and Thai letters back as the US keys', () => {
    const cyrillic = scannedOn(russian, code);
    expect(typedText(cyrillic)).toBe('7ЛЙ2-Ь9ЧВ');
    expect(usReading(cyrillic)).toBe(code);
    expect(usReading(scannedOn(russian, token))).toBe(token);
    // The core's reading of Russian text without keys (text/keyboard.ts) already makes this a code: it stays as typed.
    expect(scanText(typedText(cyrillic), cyrillic, isWholeBadge)).toBe('7ЛЙ2-Ь9ЧВ');
    const presses = scannedOn(thai, code);
    expect(typedText(presses)).toBe('ึษ๐/ข?ต)ฏ');
    expect(usReading(presses)).toBe(code);
    expect(usReading(scannedOn(thai, token))).toBe(token);
  });

  it('answers nothing for a key a US keyboard has no character on', () => {
    expect(
      usReading([
        { code: 'IntlBackslash', shift: false },
        { code: 'KeyA', shift: false },
      ]),
    ).toBeNull();
    expect(usReading([])).toBe('');
  });
});

describe('choosing between what the layout typed and the US reading', () => {
  it('uses the US reading only when it is a badge and the typed text is not', () => {
    const german = scannedOn(qwertz, token);
    expect(scanText(typedText(german), german, isWholeBadge)).toBe(token);
    const french = scannedOn(azerty, code);
    expect(scanText(typedText(french), french, isWholeBadge)).toBe(code);
  });

  it('takes a token as a badge only whole, so a scan is read once it is complete, not half-way', () => {
    expect(badgeTokenLength).toBe(maxTokenLength);
    expect(isWholeBadge(badgeToken)).toBe(true);
    expect(isWholeBadge(badgeToken.slice(0, -1))).toBe(false);
    expect(isWholeBadge('7KQ2-M9XD')).toBe(true);
    expect(isWholeBadge('7KQ2-M9X')).toBe(false);
  });

  it('reads a scan typed with Caps Lock on as the scanner meant it', () => {
    // Caps Lock turns the scanner's Shift+M into m and its m into M: the token's case, which it needs, is lost.
    const swapCase = (c: string) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase());
    const presses = scannedOn(us, badgeToken).map((p) => ({ ...p, key: swapCase(p.key) }));
    expect(typedText(presses)).toMatch(/^m1\./);
    expect(scanText(typedText(presses), presses, isWholeBadge)).toBe(badgeToken);
  });

  it('keeps a name typed by hand on any layout', () => {
    const muller = handTyped(qwertz, ['+KeyM', 'BracketLeft', 'KeyL', 'KeyL', 'KeyE', 'KeyR']);
    expect(typedText(muller)).toBe('Müller');
    expect(usReading(muller)).toBe('M[ller');
    expect(scanText('Müller', muller, isWholeBadge)).toBe('Müller');
  });

  it('keeps typed text that is already a code, even when the US reading differs', () => {
    // A person on QWERTZ types the Y printed on the badge with the key that has Y on it.
    const typed = handTyped(qwertz, ['+KeyQ', '+KeyA', '+KeyB', '+KeyB', '+KeyZ', 'Digit9', 'Digit4', '+KeyJ']);
    expect(typedText(typed)).toBe('QABBY94J');
    expect(scanText('QABBY94J', typed, isWholeBadge)).toBe('QABBY94J');
  });
});
