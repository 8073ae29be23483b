import { describe, expect, it } from 'vitest';
import { isBurst, looksLikeBadge, maxBurstGapMs, minBurstLength } from '../../renderer/src/kiosk/scanner';

const strokes = (text: string, gap: number) => [...text].map((key, i) => ({ key, at: 1000 + i * gap }));

describe('telling a scanner from a person', () => {
  it('takes a burst of keys as a scan, and typing at human speed as typing', () => {
    expect(isBurst(strokes('7KQ2M9XD', 8))).toBe(true);
    expect(isBurst(strokes('7KQ2M9XD', maxBurstGapMs))).toBe(true);
    expect(isBurst(strokes('7KQ2M9XD', 120))).toBe(false);
    // Too short to be a badge, however fast.
    expect(isBurst(strokes('7KQ2M', 5))).toBe(false);
    expect(minBurstLength).toBe(6);
    // One slow key anywhere breaks the burst.
    const broken = strokes('7KQ2M9XD', 8);
    broken[4] = { key: 'M', at: broken[3]!.at + 200 };
    expect(isBurst(broken)).toBe(false);
  });

  it('knows what only a badge carries: a short code in any form, or a signed token', () => {
    for (const code of ['7KQ2M9XD', '7kq2-m9xd', '7KQ2 M9XD']) expect(looksLikeBadge(code), code).toBe(true);
    expect(looksLikeBadge(`M1.${'a'.repeat(40)}`)).toBe(true);
    for (const text of ['Amina', 'Amina Otieno', '7KQ2M9X', 'M1.short']) expect(looksLikeBadge(text), text).toBe(false);
  });

  it('knows a badge a scanner typed through the Russian keyboard layout, and not a Russian name', () => {
    // 7KQ2-M9XD and M1.aaaa… on the keys of a Russian keyboard.
    expect(looksLikeBadge('7ЛЙ2-Ь9ЧВ')).toBe(true);
    expect(looksLikeBadge(`Ь1ю${'ф'.repeat(40)}`)).toBe(true);
    for (const text of ['Дилноза', 'Дилноза Юсупова', 'Ёлкин']) expect(looksLikeBadge(text), text).toBe(false);
  });
});
