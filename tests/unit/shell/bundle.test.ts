import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleElectron } from '../../../build/scripts/bundle-electron.mjs';
import { ipcChannel, methodNames } from '../../../electron/core/api/contract';
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

  it('keeps the import readers and export writers in worker.cjs, with only pdfkit outside it', () => {
    expect([...externals(metafiles.worker)].filter((name) => !builtins.has(name))).toEqual(['pdfkit']);
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
