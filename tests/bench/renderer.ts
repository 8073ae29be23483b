import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from '@playwright/test';
import { dispatch } from '../../electron/core/api/dispatch';
import { openCore } from '../../electron/core/context';
import { close, createHttpServer, listen } from '../../electron/server/http';
import { rendererDir } from '../../electron/server/commands/serve';
import { chromiumLaunchOptions } from '../e2e/chromium';
import { compare, summarise, type Row, type Suite } from './harness';

/** Milliseconds from navigation start to the first frame in which `selector` is in the page. */
async function timeToShow(browser: Browser, url: string, selector: string, runs: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    const handle = await page.waitForFunction(
      (s) => (document.querySelector(s) ? performance.now() : false),
      selector,
      { polling: 'raf', timeout: 30_000 },
    );
    if (i >= 2) out.push((await handle.jsonValue()) as number);
    await context.close();
  }
  return out;
}

/** The JavaScript and CSS the event list actually loads (lazy chunks it never asks for do not count). */
async function loadedBytes(
  browser: Browser,
  url: string,
): Promise<{ js: number; css: number; jsGzip: number; cssGzip: number }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const files = new Set<string>();
  page.on('response', (response) => {
    const name = new URL(response.url()).pathname;
    if (/\.(js|css)$/.test(name)) files.add(name);
  });
  await page.goto(url);
  await page.waitForSelector('.events-table tbody tr a');
  await context.close();
  const sizes = { js: 0, css: 0, jsGzip: 0, cssGzip: 0 };
  for (const name of files) {
    const content = readFileSync(path.join(rendererDir, name));
    const kind = name.endsWith('.js') ? 'js' : 'css';
    sizes[kind] += content.length;
    sizes[`${kind}Gzip`] += gzipSync(content, { level: 9 }).length;
  }
  return sizes;
}

/** What a person waits for: the bytes the screens load, and how soon the event list can be used in Chromium. */
export const rendererSuite: Suite = {
  name: 'renderer',
  async run(): Promise<Row[]> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'muster-bench-'));
    const floorDir = mkdtempSync(path.join(os.tmpdir(), 'muster-floor-'));
    const core = openCore(path.join(dir, 'muster.sqlite'));
    for (const [i, city] of ['Nairobi', 'Tashkent', 'Sarajevo', 'Bangkok', 'Port of Spain'].entries()) {
      await dispatch(core.ctx, 'event.create', {
        title: `CT TECH regional workshop ${i + 1}`,
        venue: '',
        city,
        country: ['KE', 'UZ', 'BA', 'TH', 'TT'][i],
        startDate: `2023-0${i + 5}-12`,
        endDate: `2023-0${i + 5}-13`,
        timeZone: 'UTC',
        languages: ['en'],
      });
    }
    // The floor: a page with the same table markup and no script, served by the same transport.
    writeFileSync(
      path.join(floorDir, 'index.html'),
      '<!doctype html><title>floor</title><table class="events-table"><tbody><tr><td>ready</td></tr></tbody></table>',
    );
    const app = createHttpServer({ dispatch: (m, i) => dispatch(core.ctx, m, i), staticDir: rendererDir });
    const floor = createHttpServer({ dispatch: (m, i) => dispatch(core.ctx, m, i), staticDir: floorDir });
    const appUrl = await listen(app);
    const floorUrl = await listen(floor);
    const browser = await chromium.launch(chromiumLaunchOptions);
    try {
      const runs = 15;
      const floorTimes = summarise(await timeToShow(browser, floorUrl.href, '.events-table tbody tr', runs));
      const appTimes = summarise(await timeToShow(browser, `${appUrl.href}#/events`, '.events-table tbody tr a', runs));
      const bytes = await loadedBytes(browser, `${appUrl.href}#/events`);
      const row = (name: string, value: number, unit: string): Row => ({
        suite: 'renderer',
        case: name,
        metric: 'size',
        value,
        unit,
      });
      return [
        row('JavaScript loaded (gzip)', bytes.jsGzip / 1024, 'KiB'),
        row('CSS loaded (gzip)', bytes.cssGzip / 1024, 'KiB'),
        row('JavaScript + CSS (uncompressed)', (bytes.js + bytes.css) / 1024, 'KiB'),
        compare('renderer', 'event list interactive in Chromium vs static table page', 'p50', appTimes, floorTimes),
        compare('renderer', 'event list interactive in Chromium vs static table page', 'p95', appTimes, floorTimes),
      ];
    } finally {
      await browser.close();
      await close(app);
      await close(floor);
      core.close();
      rmSync(dir, { recursive: true, force: true });
      rmSync(floorDir, { recursive: true, force: true });
    }
  },
};
