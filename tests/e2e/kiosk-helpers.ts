import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Press } from '../fixtures/keyboard-layouts';
import { expect } from './fixtures';

/** The kiosk's root says which screen is up; the tests wait on it rather than on words, in any language. */
export const screenOf = (page: Page) => page.locator('.kiosk');

export async function expectScreen(page: Page, name: string, timeout?: number) {
  await expect(screenOf(page)).toHaveAttribute('data-screen', name, timeout ? { timeout } : undefined);
}

/** A USB scanner: the whole code typed in one burst (no delay between keys), then Enter. */
export async function wedgeScan(page: Page, text: string) {
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/**
 * A USB scanner on a machine whose keyboard layout is not US: page.keyboard types through a US layout only, so each
 * key press is dispatched as that layout reports it (position, character, Shift) to the focused element, and the
 * character goes in as typing puts it there; then Enter.
 */
export async function layoutScan(page: Page, presses: readonly Press[]) {
  await page.evaluate((keys) => {
    const send = (type: string, { code, key, shift }: { code: string; key: string; shift: boolean }) =>
      (document.activeElement ?? document.body).dispatchEvent(
        new KeyboardEvent(type, { code, key, shiftKey: shift, bubbles: true, cancelable: true }),
      );
    for (const press of keys) {
      if (send('keydown', press)) document.execCommand('insertText', false, press.key);
      send('keyup', press);
    }
    send('keydown', { code: 'Enter', key: 'Enter', shift: false });
  }, presses);
}

/** Every WCAG 2.x A/AA rule and axe's best practices, on whatever the page shows now. */
export async function expectNoViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.passes.length, 'axe-core checked nothing').toBeGreaterThan(10);
  const found = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(found, `axe-core violations on ${what}`).toEqual([]);
}

/** Draws a signature stroke on the kiosk's canvas with pointer events (mouse down, moves, up): one touch. */
export async function drawSignature(page: Page) {
  const box = await page.locator('canvas.kiosk-signature-canvas').boundingBox();
  if (!box) throw new Error('no signature canvas');
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + 30, y);
  await page.mouse.down();
  for (let i = 1; i <= 20; i++) await page.mouse.move(box.x + 30 + i * 20, y + Math.sin(i / 2) * 25, { steps: 2 });
  await page.mouse.up();
}

/** Counts touches (pointerdown anywhere) from now on, to check how many the flow needs. */
export async function countTouches(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const w = window as unknown as { __touches: number };
    w.__touches = 0;
    document.addEventListener('pointerdown', () => (w.__touches += 1), true);
  });
  return () => page.evaluate(() => (window as unknown as { __touches: number }).__touches);
}

/** How many images a PDF holds, as poppler's pdfimages lists them. */
export function pdfImageCount(bytes: Buffer): number {
  const dir = mkdtempSync(path.join(tmpdir(), 'muster-pdf-'));
  try {
    const file = path.join(dir, 'sheet.pdf');
    writeFileSync(file, bytes);
    const list = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' });
    // Two header lines, then one line per image; a PNG's transparency is listed as its own "smask" line.
    return list
      .trim()
      .split('\n')
      .slice(2)
      .filter((line) => line.trim().split(/\s+/)[2] === 'image').length;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
