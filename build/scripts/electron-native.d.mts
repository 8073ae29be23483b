// Types for electron-native.mjs, so the tests (TypeScript) can import its pure parts.
export declare const electronHeadersUrl: string;
/** The SQLite driver package built for Electron (better-sqlite3-multiple-ciphers). */
export declare const driverPackage: string;

export interface NativeTarget {
  electronVersion: string;
  sqliteVersion: string;
  platform: string;
  arch: string;
}

export declare function electronNativePath(root: string, target: NativeTarget): string;
export declare function prebuildInstallArgs(target: Omit<NativeTarget, 'sqliteVersion'>): string[];
export declare function nodeGypArgs(target: Pick<NativeTarget, 'electronVersion' | 'arch'>): string[];
export declare function buildEnv(env: Record<string, string | undefined>): Record<string, string | undefined>;
export declare function copiesIntoBuildDir(relativePath: string): boolean;
export declare function readVersions(root: string): Pick<NativeTarget, 'electronVersion' | 'sqliteVersion'>;
export declare function loadsInNode(file: string): boolean;

export interface EnsureOptions {
  root: string;
  platform?: string;
  arch?: string;
  versions?: Pick<NativeTarget, 'electronVersion' | 'sqliteVersion'>;
  run?: (script: string, args: string[], cwd: string, env: Record<string, string | undefined>) => boolean;
  verify?: (file: string) => boolean;
  log?: (line: string) => void;
}

export declare function ensureElectronNative(options: EnsureOptions): string;
