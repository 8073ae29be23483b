// Types for bundle-electron.mjs, so the tests (TypeScript) can bundle into a folder of their own.
import type { Metafile } from 'esbuild';

export declare function bundleElectron(options?: {
  outdir?: string;
  sourcemap?: boolean;
}): Promise<{ main: Metafile; preload: Metafile; worker: Metafile }>;
