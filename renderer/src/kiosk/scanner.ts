import { useEffect, useRef } from 'react';
import { normaliseCode } from '../../../electron/core/participants/code';
import { asUsKeys } from '../../../electron/core/text/keyboard';
import { scanText, type ScanKey } from '../checkin/scan-keys';

/**
 * USB badge scanners are keyboards ("keyboard wedge"): they type the code in a burst, a few milliseconds a key, then
 * usually Enter or Tab, sometimes nothing. People type far slower. A burst is told apart by its timing alone, so the
 * welcome screen takes a scan wherever the focus is, without anyone clicking first.
 */
export const maxBurstGapMs = 35;
export const minBurstLength = 6;
/** With no Enter or Tab after it, a burst ends when the keys stop for this long. */
export const burstPauseMs = 120;

export interface Keystroke extends ScanKey {
  key: string;
  at: number;
}

export function isBurst(strokes: readonly Pick<Keystroke, 'at'>[]): boolean {
  if (strokes.length < minBurstLength) return false;
  return strokes.every((s, i) => i === 0 || s.at - (strokes[i - 1]?.at ?? s.at) <= maxBurstGapMs);
}

/** The signed token a badge's QR holds (M1.…), as a scanner types it. */
export function isBadgeToken(text: string): boolean {
  return /^M1\.[A-Za-z0-9_-]{20,}$/.test(asUsKeys(text.trim()));
}

/** A short code (7KQ2-M9XD, any case) or a signed badge token (M1.…): something only a badge carries. */
export function looksLikeBadge(text: string): boolean {
  return normaliseCode(text.trim()) !== null || isBadgeToken(text);
}

/**
 * A badge token's length: `maxTokenLength` in electron/core/badges/token.ts, which the renderer cannot import (it
 * signs with node:crypto); a unit test keeps the two equal.
 */
export const badgeTokenLength = 134;

/**
 * A whole short code or a whole signed token, as a scan ends. Stricter than `looksLikeBadge`: a token cut short is
 * not one, so a scan's keys are read on US keys once, when it is complete, never half-way.
 */
export function isWholeBadge(text: string): boolean {
  const trimmed = text.trim();
  return normaliseCode(trimmed) !== null || (trimmed.length === badgeTokenLength && isBadgeToken(trimmed));
}

/** The text of keys gathered outside the name box, read as US keys when that is what makes it a badge. */
function gathered(strokes: readonly Keystroke[]): string {
  return scanText(strokes.map((s) => s.key).join(''), strokes, isWholeBadge).trim();
}

/** A code typed by hand in the name box and confirmed with Enter: it must hold a digit, as names do not. */
function typedCode(text: string): boolean {
  return /^M1\./.test(text) ? looksLikeBadge(text) : /\d/.test(text) && looksLikeBadge(text);
}

/**
 * Listens to the whole document while `enabled` and calls `onScan` with a badge's text, whether the focus is in the
 * name box (which then holds the scanned text) or anywhere else (the keys are gathered here). A scan ends with Enter
 * or Tab, or, for a short code, with a pause after a burst. In the name box the whole box is the scan, so a burst
 * that a busy machine delivered in two runs still reads whole.
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
    const onKey = (e: KeyboardEvent) => {
      clearTimeout(pause);
      const field = e.target instanceof HTMLInputElement ? e.target : null;
      const now = e.timeStamp || performance.now();
      if (e.key === 'Enter' || e.key === 'Tab') {
        const burst = isBurst(strokes.current);
        const text = field ? field.value.trim() : gathered(strokes.current);
        strokes.current = [];
        if (burst ? looksLikeBadge(text) : field !== null && e.key === 'Enter' && typedCode(text)) {
          e.preventDefault();
          latest.current(text);
        }
        return;
      }
      if (e.key.length !== 1 || e.ctrlKey || e.metaKey || e.altKey) {
        strokes.current = [];
        return;
      }
      const last = strokes.current.at(-1);
      // A slow key starts a new run: only an unbroken burst counts.
      if (last && now - last.at > maxBurstGapMs) strokes.current = [];
      strokes.current.push({ key: e.key, code: e.code, shift: e.shiftKey, at: now });
      pause = setTimeout(() => {
        const run = strokes.current;
        const text = field ? field.value.trim() : gathered(run);
        // Only a short code can end on a pause: it has a fixed length, so it cannot be cut short.
        if (!isBurst(run) || normaliseCode(text) === null || run.length < text.replace(/[\s-]/g, '').length) return;
        strokes.current = [];
        latest.current(text);
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
