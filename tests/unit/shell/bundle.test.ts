import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleElectron } from '../../../build/scripts/bundle-electron.mjs';
import { ipcChannel, methodNames } from '../../../electron/core/api/contract';
import { openCore } from '../../../electron/core/context';
import { openOptionsOf } from '../../../electron/core/db/driver';
import { unlockDatabaseKey } from '../../../electron/core/db/keyring';
import { planImport } from '../../../electron/core/imports/commit';
import type { ImportJob } from '../../../electron/core/imports/job';
import type { SaveInput } from '../../../electron/core/imports/save';
import { getJob } from '../../../electron/core/jobs/registry';
import type { WorkerMessage, WorkerRequest } from '../../../electron/core/jobs/worker-host';
import { generateRoster } from '../../fixtures/roster';
import { nairobi, ok, tempDir } from '../helpers';
import { encode, previewed, rosterCsv } from '../imports/files';
import { createStandIn } from './electron-stand-in';

// What the bundles may load at run time decides whether the sandboxed preload runs at all and whether the packaged
// app finds its modules, so it is checked on the real esbuild output.
let outdir = '';
let metafiles: Awaited<ReturnType<typeof bundleElectron>>;

beforeAll(async () => {
  outdir = mkdtempSync(path.join(os.tmpdir(), 'muster-bundle-'));
  metafiles = await bundleElectron({ outdir });
});
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

function externals(metafile: (typeof metafiles)['main']): Set<string> {
  const found = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const imported of output.imports) if (imported.external) found.add(imported.path);
  }
  return found;
}

const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);

describe('the Electron bundles', () => {
  it('writes main.cjs, preload.cjs and worker.cjs without source maps', () => {
    expect(readdirSync(outdir).sort()).toEqual(['main.cjs', 'preload.cjs', 'worker.cjs']);
    for (const file of ['main.cjs', 'preload.cjs', 'worker.cjs']) {
      expect(readFileSync(path.join(outdir, file), 'utf8')).not.toContain('sourceMappingURL');
    }
  });

  it('leaves only electron, the native driver and Node built-ins outside main.cjs', () => {
    const outside = [...externals(metafiles.main)].filter((name) => !builtins.has(name));
    expect(outside.sort()).toEqual(['better-sqlite3-multiple-ciphers', 'electron']);
  });

  it('keeps the import readers and export writers in worker.cjs, with only pdfkit and the native driver outside it', () => {
    expect([...externals(metafiles.worker)].filter((name) => !builtins.has(name)).sort()).toEqual([
      'better-sqlite3-multiple-ciphers',
      'pdfkit',
    ]);
    const inMain = Object.keys(metafiles.main.inputs);
    for (const heavy of ['exceljs', 'papaparse', 'bidi-js', 'pdfkit']) {
      expect(
        inMain.filter((file) => file.includes(`node_modules/${heavy}/`)),
        heavy,
      ).toEqual([]);
    }
  });

  it('leaves only electron outside preload.cjs, and keeps zod and the core out of it', () => {
    expect([...externals(metafiles.preload)]).toEqual(['electron']);
    const inputs = Object.keys(metafiles.preload.inputs);
    expect(inputs.filter((file) => file.includes('node_modules'))).toEqual([]);
    expect(readFileSync(path.join(outdir, 'preload.cjs')).length).toBeLessThan(8_000);
  });

  it('runs as a sandboxed preload: requires only electron, exposes exactly the contract', async () => {
    const electron = createStandIn();
    const sandboxRequire = (name: string) => {
      if (name === 'electron') return electron;
      throw new Error(`module not found: ${name}`);
    };
    const module = { exports: {} };
    const code = readFileSync(path.join(outdir, 'preload.cjs'), 'utf8');
    const run = vm.runInNewContext(`(function (require, module, exports) {${code}\n})`, {}) as (
      require: (name: string) => unknown,
      module: { exports: object },
      exports: object,
    ) => void;
    run(sandboxRequire, module, module.exports);

    const api = electron.contextBridge.exposed.get('muster') as Record<string, (input: unknown) => Promise<unknown>>;
    expect(Object.keys(api).sort()).toEqual([...methodNames].sort());
    await api['session.remove']?.({ id: 'x' });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(ipcChannel, 'session.remove', { id: 'x' });
  });
});

describe('the bundled worker', () => {
  // Beside the project's node_modules, as dist/electron sits beside the packaged app's: what worker.cjs requires
  // from outside resolves the way it will there.
  let dir = '';
  beforeAll(async () => {
    mkdirSync(path.resolve('dist'), { recursive: true });
    dir = mkdtempSync(path.resolve('dist', 'bundle-test-'));
    await bundleElectron({ outdir: dir });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('saves an import into an encrypted store on its own connection, as the packaged app does', async () => {
    const file = path.join(tempDir(), 'muster.sqlite');
    const core = openCore(file, { key: unlockDatabaseKey(file, { passphrase: 'the bundled worker passphrase' }) });
    const worker = new Worker(path.join(dir, 'worker.cjs'));
    try {
      const event = await ok(core, 'event.create', nairobi);
      const jobId = randomUUID();
      await previewed(core, event.id, encode(rosterCsv(generateRoster(30, 4)), 'utf-8'), { jobId });
      const job = getJob<ImportJob>(core.ctx.db, jobId, 'import');
      const read = job.read!;
      const plan = planImport(read.rows, { onDuplicate: 'add', decisions: new Map() });
      const input: SaveInput = {
        store: { file: core.ctx.db.name, options: openOptionsOf(core.ctx.db) },
        device: core.ctx.device,
        clock: core.ctx.clock.now(),
        now: Date.now(),
        jobId,
        eventId: event.id,
        checkedAt: job.checkedAt,
        skipped: plan.skipped,
        failed: plan.failed,
        remember: { layout: read.layout, mapping: read.mapping },
        dryRun: false,
        audit: { who: { actor: 'admin', role: 'admin' }, input: { jobId } },
        stop: new Int32Array(new SharedArrayBuffer(4)),
        rows: [],
      };
      const answer = new Promise<WorkerMessage>((resolve, reject) => {
        worker.on('message', (message: WorkerMessage) => {
          if (message.type !== 'progress') resolve(message);
        });
        worker.on('error', reject);
      });
      worker.postMessage({
        id: 1,
        task: 'import.save',
        input,
        rowsToFollow: plan.writes.length,
      } satisfies WorkerRequest);
      worker.postMessage({ id: 1, part: plan.writes } satisfies WorkerRequest);
      expect(await answer).toMatchObject({ type: 'done', value: { report: { counts: { added: 30 } } } });
      expect((await ok(core, 'roster.list', { eventId: event.id })).total).toBe(30);
    } finally {
      await worker.terminate();
      core.close();
    }
  }, 60_000);
});
