// `npm start`: build the renderer and the Electron bundles, make sure the SQLite driver exists for Electron's ABI (in
// .cache/, beside the Node build the tests use), then run Electron on this folder.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronNative } from './electron-native.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Runs npm the way the current npm was run, so `npm start` from any npm install finds the same npm. */
export function npmCommand(env, platform = process.platform) {
  if (env.npm_execpath) return { command: process.execPath, args: [env.npm_execpath], shell: false };
  return { command: platform === 'win32' ? 'npm.cmd' : 'npm', args: [], shell: platform === 'win32' };
}

/**
 * The app's environment: the Electron build of the driver, and never ELECTRON_RUN_AS_NODE, which would turn the
 * Electron binary into a plain Node that ignores our main process.
 */
export function electronEnv(env, binding) {
  const next = { ...env, MUSTER_SQLITE_BINDING: binding };
  delete next.ELECTRON_RUN_AS_NODE;
  return next;
}

/** The electron package's main export is the binary's path; requiring it downloads the binary if it is missing. */
export function electronBinary(rootDir = root) {
  return createRequire(path.join(rootDir, 'package.json'))('electron');
}

function fail(message) {
  console.error(`start: ${message}`);
  process.exit(1);
}

function firstLine(error) {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

function main() {
  let binary;
  try {
    binary = electronBinary();
  } catch (error) {
    fail(`the Electron binary is not installed and could not be downloaded (${firstLine(error)})`);
  }

  const npm = npmCommand(process.env);
  const build = spawnSync(npm.command, [...npm.args, 'run', 'build'], {
    cwd: root,
    stdio: 'inherit',
    shell: npm.shell,
  });
  if (build.status !== 0) fail('the build failed (see above)');

  let binding;
  try {
    binding = ensureElectronNative({ root });
  } catch (error) {
    fail(firstLine(error));
  }

  const child = spawn(binary, ['.'], { cwd: root, stdio: 'inherit', env: electronEnv(process.env, binding) });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => fail(`could not run Electron at ${binary} (${firstLine(error)})`));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
