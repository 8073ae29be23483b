import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extractFile, listPackage, statFile } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Packs the app the way `npm run dist` does, minus the installers, and reads what came out. Electron itself cannot
 * be downloaded here, so a stand-in folder plays Electron's distribution: a file carrying the real fuse sentinel, so
 * electron-builder's fuse flipping runs for real and the wire it writes can be read back.
 */
const root = process.cwd();
const sentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron's own defaults for the 8 fuses @electron/fuses knows, plus one newer fuse it must leave alone.
const shippedWire = '101100011';
// How @electron/fuses writes a fuse's state into the wire: the ASCII digits.
const disabled = '0'.charCodeAt(0);
const enabled = '1'.charCodeAt(0);

let work = '';
let appDir = '';
let asar = '';
let files: string[] = [];

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', timeout: 150_000 });
  if (result.status !== 0) {
    throw new Error(`${path.basename(args[0] ?? command)} failed:\n${result.stdout}\n${result.stderr}`);
  }
}

function standInElectron(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const wire = Buffer.from(shippedWire);
  const binary = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stand-in for Electron"\n'),
    Buffer.from(sentinel),
    Buffer.from([1, wire.length]),
    wire,
  ]);
  writeFileSync(path.join(dir, 'electron'), binary, { mode: 0o755 });
  writeFileSync(path.join(dir, 'LICENSE'), 'stand-in');
  writeFileSync(path.join(dir, 'version'), '42.11.18');
}

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'muster-pack-'));
  const npm = process.env['npm_execpath'];
  if (npm) run(process.execPath, [npm, 'run', 'build']);
  else run('npm', ['run', 'build']);
  standInElectron(path.join(work, 'electron'));
  run(process.execPath, [
    path.join(root, 'node_modules', 'electron-builder', 'cli.js'),
    '--dir',
    '--linux',
    `-c.electronDist=${path.join(work, 'electron')}`,
    '-c.npmRebuild=false',
    `-c.directories.output=${path.join(work, 'out')}`,
  ]);
  const unpacked = readdirSync(path.join(work, 'out')).find((name) => /^linux.*unpacked$/.test(name));
  if (!unpacked) throw new Error('electron-builder wrote no linux-unpacked folder');
  appDir = path.join(work, 'out', unpacked);
  asar = path.join(appDir, 'resources', 'app.asar');
  files = listPackage(asar, { isPack: false }).map((file) => file.replaceAll('\\', '/'));
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packaged app', () => {
  it('holds the bundles, the renderer and the production modules', () => {
    for (const file of [
      '/package.json',
      '/dist/electron/main.cjs',
      '/dist/electron/preload.cjs',
      '/dist/renderer/index.html',
      '/node_modules/better-sqlite3-multiple-ciphers/package.json',
      '/node_modules/better-sqlite3-multiple-ciphers/lib/index.js',
      '/node_modules/zod/package.json',
    ]) {
      expect(files, file).toContain(file);
    }
    const packaged = JSON.parse(extractFile(asar, 'package.json').toString('utf8')) as { main: string };
    expect(packaged.main).toBe('dist/electron/main.cjs');
  });

  it('ships the export worker, pdfkit with its font data, and the PDF fonts with their licences', () => {
    expect(files).toContain('/dist/electron/worker.cjs');
    expect(files).toContain('/node_modules/pdfkit/package.json');
    expect(files.some((file) => /^\/node_modules\/pdfkit\/js\/data\/.+\.icc$/.test(file))).toBe(true);
    expect(files).toContain('/node_modules/fontkit/package.json');
    const fonts = readdirSync(path.join(appDir, 'resources', 'fonts')).sort();
    expect(fonts).toEqual([
      'DroidSansFallbackFull.ttf',
      'LICENSE-Apache-2.0.txt',
      'NotoSans-Bold.ttf',
      'NotoSans-Regular.ttf',
      'NotoSansArabic-Bold.ttf',
      'NotoSansArabic-Regular.ttf',
      'NotoSansThai-Bold.ttf',
      'NotoSansThai-Regular.ttf',
      'OFL.txt',
    ]);
    // The readers and writers are inside worker.cjs: their packages need not ship.
    expect(files.filter((file) => /^\/node_modules\/(exceljs|papaparse|bidi-js)\//.test(file))).toEqual([]);
  });

  it('unpacks the native driver, and only native code', () => {
    const driver = 'node_modules/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node';
    expect(statFile(asar, driver)).toMatchObject({ unpacked: true });
    expect(existsSync(path.join(appDir, 'resources', 'app.asar.unpacked', driver))).toBe(true);
    expect(statFile(asar, 'dist/electron/main.cjs')).not.toMatchObject({ unpacked: true });
  });

  it('leaves out sources, tests, build leftovers and any database', () => {
    const forbidden = [
      /^\/(tests|electron|renderer|build|release|\.cache|\.ci)(\/|$)/,
      /\.(ts|tsx|mts|cts|map)$/,
      /\.(sqlite|sqlite-wal|sqlite-shm|db)$/,
      /\.a$/,
      /^\/node_modules\/better-sqlite3(-multiple-ciphers)?\/(src|deps|binding\.gyp)(\/|$)/,
      /^\/node_modules\/better-sqlite3(-multiple-ciphers)?\/build\/Release\/(obj|obj\.target|\.deps)(\/|$)/,
      // The plain driver is a test-only devDependency: it must not ship.
      /^\/node_modules\/better-sqlite3\//,
      /test_extension\.node$/,
      /^\/node_modules\/(electron|electron-builder|vite|vitest|typescript|react|esbuild)(\/|$)/,
    ];
    for (const pattern of forbidden)
      expect(
        files.filter((file) => pattern.test(file)),
        String(pattern),
      ).toEqual([]);
  });

  it('flips the fuses in the binary it ships', async () => {
    const wire = await getCurrentFuseWire(path.join(appDir, 'muster'));
    expect(wire[FuseV1Options.RunAsNode]).toBe(disabled);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(enabled);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(disabled);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(disabled);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(enabled);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(enabled);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(disabled);
    // Not configured, so left as Electron ships them.
    expect(wire[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(disabled);
    expect(wire[8 as FuseV1Options]).toBe(enabled);
  });
});
