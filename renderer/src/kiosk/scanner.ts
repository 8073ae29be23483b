import { useEffect, useRef } from 'react';
import { normaliseCode } from '../../../electron/core/participants/code';

/**
 * USB badge scanners are keyboards ("keyboard wedge"): they type the code in a burst, a few milliseconds a key, then
 * usually Enter or Tab, sometimes nothing. People type far slower. A burst is told apart by its timing alone, so the
 * welcome screen takes a scan wherever the focus is, without anyone clicking first.
 */
export const maxBurstGapMs = 35;
export const minBurstLength = 6;
/** With no Enter or Tab after it, a burst ends when the keys stop for this long. */
export const burstPauseMs = 120;

export interface Keystroke {
  key: string;
  at: number;
}

export function isBurst(strokes: readonly Keystroke[]): boolean {
  if (strokes.length < minBurstLength) return false;
  return strokes.every((s, i) => i === 0 || s.at - (strokes[i - 1]?.at ?? s.at) <= maxBurstGapMs);
}

/** A short code (7KQ2-M9XD, any case) or a signed badge token (M1.…): something only a badge carries. */
export function looksLikeBadge(text: string): boolean {
  const trimmed = text.trim();
  return normaliseCode(trimmed) !== null || /^M1\.[A-Za-z0-9_-]{20,}$/.test(trimmed);
}

/**
 * Listens to the whole document while `enabled`: calls `onScan` with the text of a burst that ends in Enter, Tab or
 * a pause. Keys stay where they go (a focused name box still receives them); the screen clears it on a scan.
 */
export function useWedgeScanner(enabled: boolean, onScan: (text: string) => void): void {
  const strokes = useRef<Keystroke[]>([]);
  const latest = useRef(onScan);
  useEffect(() => {
    latest.current = onScan;
  });
  useEffect(() => {
    if (!enabled) return;
    let pause: ReturnType<typeof setTimeout> | undefined;
    const finish = () => {
      const burst = strokes.current;
      strokes.current = [];
      if (!isBurst(burst)) return false;
      latest.current(burst.map((s) => s.key).join(''));
      return true;
    };
    const onKey = (e: KeyboardEvent) => {
      clearTimeout(pause);
      const now = e.timeStamp || performance.now();
      if (e.key === 'Enter' || e.key === 'Tab') {
        if (finish()) e.preventDefault();
        return;
      }
      if (e.key.length !== 1 || e.ctrlKey || e.metaKey || e.altKey) {
        strokes.current = [];
        return;
      }
      const last = strokes.current.at(-1);
      // A slow key starts a new run: only an unbroken burst counts.
      if (last && now - last.at > maxBurstGapMs) strokes.current = [];
      strokes.current.push({ key: e.key, at: now });
      pause = setTimeout(() => {
        const text = strokes.current.map((s) => s.key).join('');
        if (looksLikeBadge(text)) finish();
      }, burstPauseMs);
    };
    document.addEventListener('keydown', onKey, true);
    return () => {
      clearTimeout(pause);
      strokes.current = [];
      document.removeEventListener('keydown', onKey, true);
    };
  }, [enabled]);
}
