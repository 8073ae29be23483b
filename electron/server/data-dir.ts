import os from 'node:os';
import path from 'node:path';

/** The file name of the database inside a data folder; the app and the command line agree on it. */
export const databaseFileName = 'muster.sqlite';

/**
 * The folder Electron's app.getPath('userData') gives the app (named after productName), so `muster` on the command
 * line and the desktop app share one database unless told otherwise.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Muster');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Muster');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Muster');
}

export function databaseFile(dataDir: string): string {
  return path.join(dataDir, databaseFileName);
}
