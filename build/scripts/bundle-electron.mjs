// Bundles the Electron main process and the preload into dist/electron. Run as `npm run build:electron`; the tests
// import bundleElectron() to check what the bundles may require.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const contractFile = path.join(root, 'electron', 'core', 'api', 'contract.ts');

/**
 * The preload needs two values from the contract: the channel name and the method names. Importing the contract
 * itself would drag zod and every country's name (1.7 MB) into each renderer process, so the bundle gets a snapshot
 * of those two values taken from the real contract at build time. Any other import from the contract fails the build.
 */
async function contractSnapshot() {
  const result = await build({
    entryPoints: [contractFile],
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'silent',
    absWorkingDir: root,
  });
  const code = result.outputFiles[0].text;
  const { ipcChannel, methodNames } = await import(
    `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`
  );
  return `export const ipcChannel = ${JSON.stringify(ipcChannel)};\nexport const methodNames = Object.freeze(${JSON.stringify(methodNames)});\n`;
}

const contractSnapshotPlugin = {
  name: 'contract-snapshot',
  setup(plugin) {
    plugin.onLoad({ filter: /[\\/]electron[\\/]core[\\/]api[\\/]contract\.ts$/ }, async () => ({
      contents: await contractSnapshot(),
      loader: 'js',
    }));
  },
};

/**
 * main: everything but Electron and the native driver is inlined, so the packaged app needs no node_modules beyond
 * better-sqlite3-multiple-ciphers (and zod, kept as a declared dependency). preload: a sandboxed preload can require only `electron`
 * and a few built-ins, so it has to be one self-contained file, and a small one: it runs in every page load.
 * worker: the worker thread that reads import files and draws exports (electron/core/jobs), with the readers and
 * writers main never loads; pdfkit stays outside it, as it reads its font metrics from its own folder at run time,
 * and so does the native driver, as in main.
 * Both find their own folder through __dirname, and reach for import.meta only when run from source, hence the
 * silenced warning.
 */
export async function bundleElectron({ outdir = path.join(root, 'dist', 'electron'), sourcemap = false } = {}) {
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap,
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
    absWorkingDir: root,
  };
  const fromSourceOnly = { 'empty-import-meta': 'silent' };
  const [main, preload, worker] = await Promise.all([
    build({
      ...common,
      entryPoints: [path.join(root, 'electron', 'main', 'index.ts')],
      outfile: path.join(outdir, 'main.cjs'),
      external: ['electron', 'better-sqlite3-multiple-ciphers'],
      logOverride: fromSourceOnly,
    }),
    build({
      ...common,
      entryPoints: [path.join(root, 'electron', 'preload', 'index.ts')],
      outfile: path.join(outdir, 'preload.cjs'),
      external: ['electron'],
      plugins: [contractSnapshotPlugin],
    }),
    build({
      ...common,
      entryPoints: [path.join(root, 'electron', 'core', 'jobs', 'worker.ts')],
      outfile: path.join(outdir, 'worker.cjs'),
      // The driver stays outside, as in main: bundled, it looks for its native build beside worker.cjs, finds none,
      // and every task that opens the store (saving an import, checking a backup) fails in the packaged app.
      external: ['pdfkit', 'better-sqlite3-multiple-ciphers'],
      logOverride: fromSourceOnly,
    }),
  ]);
  return { main: main.metafile, preload: preload.metafile, worker: worker.metafile };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await bundleElectron({ sourcemap: process.env.MUSTER_SOURCEMAP === '1' });
  } catch (error) {
    console.error(`bundle-electron: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
