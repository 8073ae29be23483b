// Builds the SQLite driver (better-sqlite3-multiple-ciphers) for Electron's ABI into .cache/, leaving its
// node_modules build (the Node build the tests load) untouched. `npm start` passes the result to the app as
// MUSTER_SQLITE_BINDING.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

export const electronHeadersUrl = 'https://electronjs.org/headers';

/** The driver package: better-sqlite3 with SQLite3 Multiple Ciphers, so the database is encrypted at rest. */
export const driverPackage = 'better-sqlite3-multiple-ciphers';

/** One folder per Electron version, platform, arch and driver version, so an upgrade of any of them rebuilds. */
export function electronNativePath(root, { electronVersion, sqliteVersion, platform, arch }) {
  return path.join(
    root,
    '.cache',
    'electron-native',
    `electron-${electronVersion}-${platform}-${arch}`,
    `${driverPackage}-${sqliteVersion}`,
    'better_sqlite3.node',
  );
}

/**
 * The driver publishes Electron prebuilds on its GitHub releases
 * (better-sqlite3-multiple-ciphers-v<version>-electron-v<abi>-<platform>-<arch>.tar.gz); prebuild-install picks the
 * one for this ABI, and node-gyp compiles against Electron's headers when there is none (a new Electron major).
 */
export function prebuildInstallArgs({ electronVersion, platform, arch }) {
  return ['--runtime', 'electron', '--target', electronVersion, '--platform', platform, '--arch', arch];
}

export function nodeGypArgs({ electronVersion, arch }) {
  return [
    'rebuild',
    '--release',
    '--runtime=electron',
    `--target=${electronVersion}`,
    `--arch=${arch}`,
    `--dist-url=${electronHeadersUrl}`,
  ];
}

// node-gyp lets npm_config_* variables override its command line, and `npm start` exports the user's npm config:
// a nodedir=/usr there silently builds against Node's headers and labels the result Electron's.
const buildOverrides =
  /^npm_(config|package_config_node_gyp)_(nodedir|target|target_arch|runtime|arch|platform|libc|disturl|dist_url|devdir|build_from_source)$/i;

export function buildEnv(env) {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !buildOverrides.test(key)));
}

/** Everything but the Node build and its intermediates: the copy must start with no binary in it. */
export function copiesIntoBuildDir(relativePath) {
  const first = relativePath.split(/[\\/]/)[0];
  return first !== 'build' && first !== 'node_modules';
}

export function readVersions(root) {
  const require = createRequire(path.join(root, 'package.json'));
  return {
    electronVersion: require('electron/package.json').version,
    sqliteVersion: require(`${driverPackage}/package.json`).version,
  };
}

/**
 * A binary that loads in this Node process was built for Node: an Electron build fails here with an ABI or symbol
 * error. This is the only check available without running Electron, and it catches the nodedir trap.
 */
export function loadsInNode(file) {
  const probe = spawnSync(process.execPath, ['-e', 'process.dlopen({ exports: {} }, process.argv[1])', file], {
    encoding: 'utf8',
  });
  return probe.status === 0;
}

function runNode(script, args, cwd, env) {
  const result = spawnSync(process.execPath, [script, ...args], { cwd, env, stdio: 'inherit' });
  return result.status === 0;
}

/**
 * Returns the path of a driver binary for the installed Electron, building it once if needed. Idempotent: a
 * binary already in the cache is used as is. Throws an Error with a one-line message when no binary can be made.
 */
export function ensureElectronNative({
  root,
  platform = process.platform,
  arch = process.arch,
  versions = readVersions(root),
  run = runNode,
  verify = (file) => !loadsInNode(file),
  log = (line) => console.log(line),
}) {
  const target = electronNativePath(root, { ...versions, platform, arch });
  if (existsSync(target)) return target;

  const rootRequire = createRequire(path.join(root, 'package.json'));
  const source = path.dirname(rootRequire.resolve(`${driverPackage}/package.json`));
  // prebuild-install is the driver's own dependency: resolve it from there, as its install script would.
  const moduleRequire = createRequire(path.join(source, 'package.json'));
  const work = mkdtempSync(path.join(os.tmpdir(), 'muster-electron-native-'));
  const staged = path.join(work, driverPackage);
  const env = buildEnv(process.env);
  const options = { electronVersion: versions.electronVersion, platform, arch };
  try {
    cpSync(source, staged, {
      recursive: true,
      filter: (from) => copiesIntoBuildDir(path.relative(source, from)),
    });
    log(
      `Fetching ${driverPackage} ${versions.sqliteVersion} for Electron ${versions.electronVersion} (${platform}-${arch})`,
    );
    const built = path.join(staged, 'build', 'Release', 'better_sqlite3.node');
    const fetched = run(moduleRequire.resolve('prebuild-install/bin.js'), prebuildInstallArgs(options), staged, env);
    if (!fetched || !existsSync(built)) {
      log('No prebuilt binary; compiling against Electron headers with node-gyp');
      const compiled = run(rootRequire.resolve('node-gyp/bin/node-gyp.js'), nodeGypArgs(options), staged, env);
      if (!compiled || !existsSync(built)) {
        throw new Error(
          `could not get ${driverPackage} for Electron ${versions.electronVersion} (no prebuild, and node-gyp failed; see above)`,
        );
      }
    }
    if (!verify(built)) {
      throw new Error(
        `the ${driverPackage} binary built for Electron ${versions.electronVersion} loads in Node, so it was built for Node (is npm's nodedir set?)`,
      );
    }
    mkdirSync(path.dirname(target), { recursive: true });
    // Copy beside the target, then rename: an interrupted run never leaves a half-written binary to be reused.
    const partial = `${target}.partial`;
    cpSync(built, partial);
    renameSync(partial, target);
    return target;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
