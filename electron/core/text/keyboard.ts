/**
 * A USB badge scanner is a keyboard: it sends key positions, and the computer reads them through whatever layout is
 * switched on. With the Russian layout on (as on many desks and kiosks in Central Asia and Eastern Europe), the
 * badge code "QABB-P94J" arrives as "ЙФИИ-З94О" and the QR token "M1.Aa…" as "Ь1юФф…". This reads such text back
 * as the keys were labelled on a US keyboard, so codes and tokens are found whatever layout the machine is in.
 */
const russianKeys = 'йцукенгшщзхъфывапролджэячсмитьбюё' + 'ЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮЁ';
const usKeys = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`" + 'QWERTYUIOP{}ASDFGHJKL:"ZXCVBNM<>~';
const onUsKeyboard = new Map([...russianKeys].map((c, i) => [c, usKeys.charAt(i)]));

/** The text as typed through the Russian layout, read as US keys; anything else (a name in another script) as is. */
export function asUsKeys(text: string): string {
  if (!/[\u0400-\u04ff]/.test(text)) return text;
  const keys = [...text].map((c) => (c.charCodeAt(0) < 0x80 ? c : onUsKeyboard.get(c)));
  return keys.every((k) => k !== undefined) ? keys.join('') : text;
}

const qwertzSwap: Record<string, string> = { y: 'z', z: 'y', Y: 'Z', Z: 'Y' };

/**
 * The text with Y and Z swapped, as a German, Austrian or Swiss (QWERTZ) layout types a scanner's letters. Not a
 * reading to apply on its own (a person on QWERTZ types the Y they see as Y): only where a signature decides which
 * of the two readings is the badge.
 */
export function swapYZ(text: string): string {
  return text.replace(/[yzYZ]/g, (c) => qwertzSwap[c] ?? c);
}
