import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  buildEnv,
  copiesIntoBuildDir,
  electronNativePath,
  ensureElectronNative,
  loadsInNode,
  nodeGypArgs,
  prebuildInstallArgs,
  readVersions,
} from '../../../build/scripts/electron-native.mjs';
import { electronEnv, npmCommand } from '../../../build/scripts/start.mjs';

// The parts of `npm start` that can be checked without Electron: where the Electron build of better-sqlite3 goes,
// how it is fetched or compiled, and that a Node build passed off as Electron's is caught. Nothing here downloads.
const root = process.cwd();
const target = { electronVersion: '42.11.18', sqliteVersion: '12.11.1', platform: 'linux', arch: 'x64' };
const nodeBuild = path.join(
  root,
  'node_modules',
  'better-sqlite3-multiple-ciphers',
  'build',
  'Release',
  'better_sqlite3.node',
);

describe('paths and arguments', () => {
  it('keeps the Electron build in .cache, one folder per Electron, platform, arch and driver version', () => {
    expect(electronNativePath('/repo', target)).toBe(
      path.join(
        '/repo',
        '.cache',
        'electron-native',
        'electron-42.11.18-linux-x64',
        'better-sqlite3-multiple-ciphers-12.11.1',
        'better_sqlite3.node',
      ),
    );
    expect(electronNativePath('/repo', { ...target, arch: 'arm64' })).not.toBe(electronNativePath('/repo', target));
    expect(electronNativePath('/repo', target)).not.toContain('node_modules');
  });

  it('asks prebuild-install and node-gyp for Electron explicitly', () => {
    expect(prebuildInstallArgs(target)).toEqual([
      '--runtime',
      'electron',
      '--target',
      '42.11.18',
      '--platform',
      'linux',
      '--arch',
      'x64',
    ]);
    expect(nodeGypArgs(target)).toEqual([
      'rebuild',
      '--release',
      '--runtime=electron',
      '--target=42.11.18',
      '--arch=x64',
      '--dist-url=https://electronjs.org/headers',
    ]);
  });

  it("drops npm's build settings, nodedir above all, and keeps the rest", () => {
    const env = buildEnv({
      npm_config_nodedir: '/usr',
      NPM_CONFIG_NODEDIR: '/usr',
      npm_config_target: '20.0.0',
      npm_config_runtime: 'node',
      npm_config_disturl: 'https://nodejs.org/dist',
      npm_package_config_node_gyp_nodedir: '/usr',
      npm_config_https_proxy: 'http://proxy:3128',
      npm_config_cache: '/root/.npm',
      PATH: '/usr/bin',
    });
    expect(env).toEqual({
      npm_config_https_proxy: 'http://proxy:3128',
      npm_config_cache: '/root/.npm',
      PATH: '/usr/bin',
    });
  });

  it('copies the package without the Node build', () => {
    expect(copiesIntoBuildDir('')).toBe(true);
    expect(copiesIntoBuildDir('lib/index.js')).toBe(true);
    expect(copiesIntoBuildDir('src/better_sqlite3.cpp')).toBe(true);
    expect(copiesIntoBuildDir('build')).toBe(false);
    expect(copiesIntoBuildDir('build/Release/better_sqlite3.node')).toBe(false);
    expect(copiesIntoBuildDir('build\\Release\\better_sqlite3.node')).toBe(false);
  });

  it('reads the installed versions', () => {
    const versions = readVersions(root);
    expect(versions.electronVersion).toMatch(/^42\./);
    expect(versions.sqliteVersion).toMatch(/^12\./);
  });
});

describe('telling a Node build from an Electron build', () => {
  it("recognises node_modules' build as Node's", () => {
    expect(loadsInNode(nodeBuild)).toBe(true);
  });

  it('does not mistake something else for a Node build', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'muster-native-'));
    try {
      const fake = path.join(dir, 'better_sqlite3.node');
      writeFileSync(fake, 'not a shared object');
      expect(loadsInNode(fake)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('ensureElectronNative', () => {
  let project = '';
  const versions = { electronVersion: target.electronVersion, sqliteVersion: target.sqliteVersion };
  const nodeBuildBefore = readFileSync(nodeBuild);

  beforeEach(() => {
    // A project whose node_modules is the real one, so the staged copy is real too.
    project = mkdtempSync(path.join(os.tmpdir(), 'muster-project-'));
    writeFileSync(path.join(project, 'package.json'), '{"name":"p","version":"0.0.0"}');
    symlinkSync(path.join(root, 'node_modules'), path.join(project, 'node_modules'), 'dir');
  });
  afterEach(() => {
    rmSync(project, { recursive: true, force: true });
    // The Node build the tests depend on must never be touched.
    expect(readFileSync(nodeBuild).equals(nodeBuildBefore)).toBe(true);
  });

  const options = (run: (script: string, args: string[], cwd: string) => boolean) => ({
    root: project,
    platform: target.platform,
    arch: target.arch,
    versions,
    run,
    verify: () => true,
    log: () => {},
  });

  /** Pretends to be prebuild-install or node-gyp: writes a binary where they would. */
  const writesBinary = (cwd: string, content = 'electron build') => {
    mkdirSync(path.join(cwd, 'build', 'Release'), { recursive: true });
    writeFileSync(path.join(cwd, 'build', 'Release', 'better_sqlite3.node'), content);
    return true;
  };

  it('fetches the prebuild into a staged copy without the Node build, and caches it', () => {
    const run = vi.fn((_script: string, _args: string[], cwd: string) => {
      expect(existsSync(path.join(cwd, 'build'))).toBe(false);
      expect(existsSync(path.join(cwd, 'package.json'))).toBe(true);
      expect(cwd.startsWith(path.join(project, 'node_modules'))).toBe(false);
      return writesBinary(cwd);
    });
    const file = ensureElectronNative(options(run));
    expect(file).toBe(electronNativePath(project, target));
    expect(readFileSync(file, 'utf8')).toBe('electron build');
    expect(run).toHaveBeenCalledOnce();
    expect(run.mock.calls[0]?.[0]).toMatch(/prebuild-install[\\/]bin\.js$/);
    expect(run.mock.calls[0]?.[1]).toEqual(prebuildInstallArgs(target));
  });

  it('is idempotent: a cached binary is used as is', () => {
    const run = vi.fn((_script: string, _args: string[], cwd: string) => writesBinary(cwd));
    const first = ensureElectronNative(options(run));
    const second = ensureElectronNative(options(run));
    expect(second).toBe(first);
    expect(run).toHaveBeenCalledOnce();
  });

  it('falls back to node-gyp against the Electron headers when there is no prebuild', () => {
    const run = vi.fn((script: string, _args: string[], cwd: string) =>
      script.includes('node-gyp') ? writesBinary(cwd, 'compiled') : false,
    );
    const file = ensureElectronNative(options(run));
    expect(readFileSync(file, 'utf8')).toBe('compiled');
    expect(run.mock.calls.map((call) => path.basename(path.dirname(call[0])))).toEqual(['prebuild-install', 'bin']);
    expect(run.mock.calls[1]?.[1]).toEqual(nodeGypArgs(target));
  });

  it('fails in one line when neither works, leaving nothing behind', () => {
    expect(() => ensureElectronNative(options(() => false))).toThrow(
      /^could not get better-sqlite3-multiple-ciphers for Electron 42\.11\.18 \(no prebuild, and node-gyp failed; see above\)$/,
    );
    expect(existsSync(electronNativePath(project, target))).toBe(false);
  });

  it('refuses a binary that turns out to be a Node build', () => {
    const run = (_script: string, _args: string[], cwd: string) => writesBinary(cwd);
    expect(() => ensureElectronNative({ ...options(run), verify: () => false })).toThrow(/loads in Node/);
    expect(existsSync(electronNativePath(project, target))).toBe(false);
  });
});

describe('start', () => {
  it('runs npm as npm was run, or npm from PATH', () => {
    expect(npmCommand({ npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js' }, 'linux')).toEqual({
      command: process.execPath,
      args: ['/usr/lib/node_modules/npm/bin/npm-cli.js'],
      shell: false,
    });
    expect(npmCommand({}, 'linux')).toEqual({ command: 'npm', args: [], shell: false });
    expect(npmCommand({}, 'win32')).toEqual({ command: 'npm.cmd', args: [], shell: true });
  });

  it('gives Electron the driver binding and never runs it as Node', () => {
    const env = electronEnv({ PATH: '/usr/bin', ELECTRON_RUN_AS_NODE: '1' }, '/cache/better_sqlite3.node');
    expect(env).toEqual({ PATH: '/usr/bin', MUSTER_SQLITE_BINDING: '/cache/better_sqlite3.node' });
  });
});
