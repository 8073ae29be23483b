// Issue 5's badge figures: the badge PDF for 1,000 people (a4-8 and a6), end to end through export.run (reading,
// signing 1,000 tokens, the worker drawing names in every script and a vector QR per badge), against a floor measured
// in the same run: pdfkit writing the same pages with the same five lines of text per badge in a built-in font, with
// no QR, no embedded fonts and no bidi.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import type { Input, Output } from '../../electron/core/api/contract';
import { dispatch } from '../../electron/core/api/dispatch';
import { readBadges } from '../../electron/core/badges/content';
import type { BadgeContent, BadgeLayout } from '../../electron/core/badges/schema';
import { verifyBadge } from '../../electron/core/badges/verify';
import { openCore, type Core } from '../../electron/core/context';
import { fold } from '../../electron/core/text/fold';
import { generateRoster, loadRoster } from '../fixtures/roster';
import { compare, measure, measureBatched, type Row, type Suite } from './harness';

const people = Number(process.env.MUSTER_BENCH_BADGES ?? 1_000);

async function call<M extends 'event.create' | 'export.run'>(
  core: Core,
  method: M,
  input: Input<M>,
): Promise<Output<M>> {
  const result = await dispatch(core.ctx, method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as Output<M>;
}

const mm = 72 / 25.4;
const pages: Record<BadgeLayout, { size: [number, number]; perPage: number }> = {
  'a4-8': { size: [210 * mm, 297 * mm], perPage: 8 },
  a6: { size: [105 * mm, 148 * mm], perPage: 1 },
  '4x3': { size: [288, 216], perPage: 1 },
};

/** The floor: the same pages and lines of text, Helvetica (no font files, no shaping), no QR. */
function textOnly(badges: readonly BadgeContent[], layout: BadgeLayout): Promise<number> {
  const { size, perPage } = pages[layout];
  const doc = new PDFDocument({ size, margin: 0, autoFirstPage: false });
  return new Promise((resolve, reject) => {
    let bytes = 0;
    doc.on('data', (chunk: Buffer) => (bytes += chunk.length));
    doc.on('end', () => resolve(bytes));
    doc.on('error', reject);
    for (let i = 0; i < badges.length; i += perPage) {
      doc.addPage();
      for (let b = 0; b < perPage && i + b < badges.length; b++) {
        const badge = badges[i + b]!;
        const x = 30 + (b % 2) * 270;
        const y = 30 + Math.floor(b / 2) * 200;
        doc.font('Helvetica-Bold').fontSize(22).text(fold(badge.name), x, y, { lineBreak: false });
        doc
          .font('Helvetica')
          .fontSize(11)
          .text(fold(badge.organisation), x, y + 30, { lineBreak: false });
        doc.text(fold(badge.country), x, y + 46, { lineBreak: false });
        doc.text(badge.code, x, y + 62, { lineBreak: false });
        doc.text(badge.categoryLabel, x, y + 78, { lineBreak: false });
      }
    }
    doc.end();
  });
}

export const badgesSuite: Suite = {
  name: 'badges',
  async run(): Promise<Row[]> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'muster-bench-badges-'));
    const core = openCore(path.join(dir, 'muster.sqlite'));
    const rows: Row[] = [];
    try {
      const event = await call(core, 'event.create', {
        title: 'CT TECH regional workshop',
        venue: 'UN Gigiri complex',
        city: 'Nairobi',
        country: 'KE',
        startDate: '2023-09-11',
        endDate: '2023-09-13',
        timeZone: 'Africa/Nairobi',
        languages: ['en'],
      });
      loadRoster(
        core.ctx,
        event.id,
        generateRoster(people, 5).map((p) => ({ ...p, status: 'confirmed' as const })),
      );
      const badges = readBadges(core.ctx, event.id);
      for (const layout of ['a4-8', 'a6'] as const) {
        let made = { pages: 0, bytes: 0 };
        const full = await measure(
          3,
          async () => {
            const result = await call(core, 'export.run', {
              jobId: randomUUID(),
              eventId: event.id,
              format: 'badges-pdf',
              layout,
            });
            made = { pages: result.pages ?? 0, bytes: result.bytes };
          },
          1,
        );
        const floor = await measure(3, () => textOnly(badges, layout), 1);
        rows.push(
          compare(
            'badges',
            `badge PDF ${layout}, ${badges.length} people (${made.pages} pages, ${(made.bytes / 1024).toFixed(0)} KB) vs text-only pdfkit`,
            'p50',
            full,
            floor,
          ),
        );
      }
      // The parts that are not drawing: reading and signing every badge, and one offline verification (the kiosk's scan).
      const reading = await measure(5, () => readBadges(core.ctx, event.id), 1);
      rows.push({
        suite: 'badges',
        case: `read and sign ${badges.length} badges (main thread)`,
        metric: 'p50',
        value: reading.p50,
        unit: 'ms',
      });
      const token = badges[0]!.token;
      const verify = await measureBatched(20, 200, () => verifyBadge(core.ctx.db, event.id, token));
      rows.push({
        suite: 'badges',
        case: 'verifyBadge, one scanned token',
        metric: 'p50',
        value: verify.p50,
        unit: 'ms',
      });
    } finally {
      core.close();
      rmSync(dir, { recursive: true, force: true });
    }
    return rows;
  },
};
