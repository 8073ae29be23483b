// `npm run dist`: package the app, then give the tests their Node build of the SQLite driver back.
// electron-builder rebuilds native modules for Electron's ABI inside node_modules; left that way, `npm test` would
// load a binary Node cannot use. Rebuilding for Node afterwards keeps packaging and testing on one checkout.
import { spawnSync } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = (command, args) =>
  spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;

const built = run(npm, ['run', 'build']);
const packed = built === 0 ? run('npx', ['electron-builder', '--publish', 'never', ...process.argv.slice(2)]) : built;
const restored = run(npm, ['rebuild', 'better-sqlite3-multiple-ciphers']);
if (restored !== 0) {
  console.error(
    'dist: could not rebuild better-sqlite3-multiple-ciphers for Node; run `npm rebuild better-sqlite3-multiple-ciphers`.',
  );
}
process.exit(packed || restored);
