import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Page } from '@playwright/test';
import { dispatch } from '../../electron/core/api/dispatch';
import { openCore } from '../../electron/core/context';
import { fold } from '../../electron/core/text/fold';
import { rendererDir } from '../../electron/server/commands/serve';
import { close, createHttpServer, listen } from '../../electron/server/http';
import { chromiumLaunchOptions } from '../e2e/chromium';
import { generateRoster, loadRoster, mulberry32, type RosterPerson } from '../fixtures/roster';
import { compare, summarise, type Row, type Suite } from './harness';
import { nairobi } from '../fixtures/workshop';

const size = Number(process.env.MUSTER_BENCH_ROSTER ?? 100_000);
const queryCount = Number(process.env.MUSTER_BENCH_DESK_QUERIES ?? 30);
// The desk asks for this many results (renderer/src/desk/use-search.ts); the floor asks for the same.
const resultLimit = 20;

/**
 * What staff type at the desk, whole, character by character: a full name (as written, or without accents in lower
 * case, as most keyboards make it), a family name, the code read off a badge, or the start of an organisation.
 */
function deskQueries(people: readonly RosterPerson[], n: number, seed: number): string[] {
  const random = mulberry32(seed);
  const queries: string[] = [];
  for (let i = 0; i < n; i++) {
    const p = people[Math.floor(random() * people.length)]!;
    const r = random();
    if (r < 0.4) {
      const full = `${p.givenNames} ${p.familyName}`;
      queries.push(random() < 0.6 ? fold(full) : full);
    } else if (r < 0.65) queries.push(fold(p.familyName));
    else if (r < 0.85) queries.push(`${p.code.slice(0, 4)}-${p.code.slice(4)}`.toLowerCase());
    else queries.push(fold(p.organisation).split(' ').slice(0, 2).join(' '));
  }
  return queries;
}

interface DeskProbe {
  samples: number[];
  /** Keystroke to the results in the DOM, before the frame that paints them: what the frame wait adds. */
  inDom: number[];
  t0: number | null;
  wanted: string | null;
}

/**
 * Installed in the page before its scripts: the time from a keystroke in the search box (its keydown, or its
 * beforeinput for characters typed without a key, like Cyrillic on a US keyboard) to the first animation frame after
 * the results for exactly the typed text are in the DOM (`data-query` on the results names what they answer).
 * Plain JavaScript in a string: a function would be serialised after tsx's transform, helpers and all.
 */
const probe = `
  const state = { samples: [], inDom: [], t0: null, wanted: null };
  window.__desk = state;
  const isBox = (target) => target instanceof HTMLInputElement && target.classList.contains('desk-search-input');
  document.addEventListener('keydown', (e) => { if (isBox(e.target)) state.t0 = performance.now(); }, true);
  document.addEventListener('beforeinput', (e) => {
    if (isBox(e.target) && state.t0 === null) state.t0 = performance.now();
  }, true);
  document.addEventListener('input', (e) => { if (isBox(e.target)) state.wanted = e.target.value.trim(); }, true);
  new MutationObserver(() => {
    const shown = document.querySelector('.desk-results')?.getAttribute('data-query');
    const t0 = state.t0;
    if (t0 === null || shown !== state.wanted) return;
    state.t0 = null;
    state.inDom.push(performance.now() - t0);
    requestAnimationFrame(() => state.samples.push(performance.now() - t0));
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-query'] });
`;

const samplesIn = (page: Page) =>
  page.evaluate(() => (window as unknown as { __desk: DeskProbe }).__desk.samples.length);

/** Types one query into a fresh desk (no cached answers) and returns the keystroke-to-paint times and the floors. */
async function typeQuery(page: Page, url: string, eventId: string, query: string) {
  // Reloaded for each query, so no answer comes from the cache of an earlier one.
  if (page.url() === url) await page.reload();
  else await page.goto(url);
  const box = page.locator('input.desk-search-input');
  await box.waitFor();
  await page.waitForFunction(() => document.activeElement?.classList.contains('desk-search-input'));
  const sessionId = await page.locator('.desk-session select').inputValue();
  const floors: number[] = [];
  let typed = '';
  for (const char of query) {
    const previous = typed;
    typed += char;
    const before = await samplesIn(page);
    await page.keyboard.type(char);
    // A space changes nothing the search sees (the text is trimmed): nothing is drawn, nothing to time.
    if (typed.trim() === previous.trim()) continue;
    await page
      .waitForFunction((n) => (window as unknown as { __desk: DeskProbe }).__desk.samples.length > n, before, {
        polling: 5,
        timeout: 10_000,
      })
      .catch(async (error: unknown) => {
        const state = await page.evaluate(() => ({
          probe: (window as unknown as { __desk: DeskProbe }).__desk,
          shown: document.querySelector('.desk-results')?.getAttribute('data-query'),
          value: document.querySelector<HTMLInputElement>('input.desk-search-input')?.value,
        }));
        throw new Error(`no paint timed for ${JSON.stringify(typed)}: ${JSON.stringify(state)}`, { cause: error });
      });
    // The floor: the same request, from the same page, with nothing drawn.
    floors.push(
      await page.evaluate(
        async (body) => {
          const start = performance.now();
          const response = await fetch('/api/roster.search', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          });
          await response.json();
          return performance.now() - start;
        },
        { eventId, sessionId, query: typed.trim(), limit: resultLimit },
      ),
    );
  }
  const { samples, inDom } = await page.evaluate(() => (window as unknown as { __desk: DeskProbe }).__desk);
  return { samples, inDom, floors };
}

/** Issue 3's in-browser figure: keystroke to results painted at the desk, over a 100,000-person event. */
export const deskSuite: Suite = {
  name: 'desk',
  async run(): Promise<Row[]> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'muster-bench-desk-'));
    const core = openCore(path.join(dir, 'muster.sqlite'));
    const app = createHttpServer({ dispatch: (m, i) => dispatch(core.ctx, m, i), staticDir: rendererDir });
    try {
      const created = await dispatch(core.ctx, 'event.create', nairobi);
      if (!created.ok) throw new Error(created.error.message);
      const event = created.value as { id: string };
      const people = generateRoster(size, 20231116);
      process.stderr.write(`  loading ${size} participants through participant.create…\n`);
      loadRoster(core.ctx, event.id, people);
      const base = await listen(app);
      const url = `${base.href}#/events/${event.id}/desk`;

      const browser = await chromium.launch(chromiumLaunchOptions);
      try {
        const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Africa/Nairobi' });
        await context.addInitScript({ content: probe });
        const page = await context.newPage();
        const queries = deskQueries(people, queryCount + 2, 11);
        const keystrokes: number[] = [];
        const inDom: number[] = [];
        const floors: number[] = [];
        for (const [i, query] of queries.entries()) {
          const started = performance.now();
          const { samples, inDom: dom, floors: f } = await typeQuery(page, url, event.id, query);
          // The first two warm up Chromium, the server and SQLite's page cache.
          if (i >= 2) {
            keystrokes.push(...samples);
            inDom.push(...dom);
            floors.push(...f);
          }
          process.stderr.write(
            `  ${JSON.stringify(query)}: ${samples.length} keystrokes, ${(performance.now() - started).toFixed(0)} ms\n`,
          );
        }
        if (keystrokes.length < 100) throw new Error(`only ${keystrokes.length} keystrokes measured; want 100 or more`);
        const ui = summarise(keystrokes);
        const floor = summarise(floors);
        const label = `keystroke to results painted in Chromium vs the same roster.search fetched from the page, ${size.toLocaleString('en')} participants, ${ui.n} keystrokes`;
        const dom = summarise(inDom);
        const domLabel = `keystroke to results in the DOM (before the frame that paints them), ${size.toLocaleString('en')} participants`;
        return [
          compare('desk', label, 'p50', ui, floor),
          compare('desk', label, 'p95', ui, floor, { text: 'p95 < 100 ms', maxValue: 100 }),
          compare('desk', domLabel, 'p50', dom, floor),
          compare('desk', domLabel, 'p95', dom, floor),
        ];
      } finally {
        await browser.close();
      }
    } finally {
      await close(app);
      core.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
