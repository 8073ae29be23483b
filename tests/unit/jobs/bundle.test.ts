import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleElectron } from '../../../build/scripts/bundle-electron.mjs';
import type { WorkerMessage } from '../../../electron/core/jobs/worker-host';
import { fontsFolder } from '../../../electron/core/exports/pdf/fonts';

// The worker as the packaged app runs it: the esbuild bundle, with pdfkit from node_modules. Built inside the
// project (node_modules/.cache) so that require('pdfkit') resolves as it does from dist/electron.
let outdir = '';
beforeAll(async () => {
  const cache = path.resolve('node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  outdir = mkdtempSync(path.join(cache, 'muster-worker-'));
  await bundleElectron({ outdir });
}, 60_000);
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

function run(task: string, input: unknown): Promise<unknown> {
  const worker = new Worker(path.join(outdir, 'worker.cjs'));
  return new Promise((resolve, reject) => {
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') return;
      if (message.type === 'rows') throw new Error('these answers are short: no rows sent ahead');
      void worker.terminate();
      if (message.type === 'done') resolve(message.value);
      else reject(new Error(message.error.message));
    });
    worker.on('error', reject);
    worker.postMessage({ id: 1, task, input });
  });
}

describe('the bundled worker (dist/electron/worker.cjs)', () => {
  it('reads an import file', async () => {
    const bytes = new TextEncoder().encode('Nom;Prénom;Pays\nOtieno;Amina;Kenya\n');
    const result = (await run('import.read', { bytes, eventId: 'e', eventCountry: 'KE', remembered: {} })) as {
      rows: { values: Record<string, string> }[];
    };
    expect(result.rows[0]!.values).toMatchObject({ familyName: 'Otieno', givenNames: 'Amina', country: 'KE' });
  });

  it('draws a PDF with the shipped fonts and pdfkit from node_modules', async () => {
    const data = {
      event: {
        title: 'Семинар',
        venue: '',
        city: 'Ташкент',
        country: 'UZ',
        startDate: '2023-10-03',
        endDate: '2023-10-03',
        timeZone: 'Asia/Tashkent',
      },
      sessions: [],
      people: [],
      erased: [],
      generatedAt: '2023-10-03T12:00:00.000Z',
    };
    const result = (await run('export.render', {
      format: 'summary-pdf',
      data,
      fields: [],
      fontsFolder: fontsFolder(),
      languages: { language: 'ru', second: null },
    })) as {
      bytes: Uint8Array;
    };
    expect(Buffer.from(result.bytes).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
