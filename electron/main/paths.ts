import path from 'node:path';

/**
 * Where things are, from the app's root (the project folder in development, app.asar when packaged). Resolved from
 * app.getAppPath() rather than __dirname so the answer is the same in the bundle and in the tests.
 */
export function appFiles(appPath: string): { rendererRoot: string; preload: string } {
  return {
    rendererRoot: path.join(appPath, 'dist', 'renderer'),
    preload: path.join(appPath, 'dist', 'electron', 'preload.cjs'),
  };
}

/**
 * In development the Node build of better-sqlite3 in node_modules serves the tests, so `npm start` builds a copy for
 * Electron's ABI elsewhere and names it here. A packaged app ignores the variable: its binary was built for it, and
 * an environment variable must not be able to load native code into it.
 */
export function nativeBindingFor(isPackaged: boolean, env: Record<string, string | undefined>): string | undefined {
  if (isPackaged) return undefined;
  const binding = env['MUSTER_SQLITE_BINDING'];
  return binding ? binding : undefined;
}
