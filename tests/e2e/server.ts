import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const startTimeout = 30_000;
/** The data passphrase every `muster serve` of the browser tests is started with. */
export const e2ePassphrase = 'muster browser tests data passphrase';

export interface MusterServer {
  /** The current base URL; it changes after restart (a fresh port each time). */
  readonly url: string;
  readonly dataDir: string;
  /** Stops the process the way the desktop would (SIGTERM) and starts it again on the same data. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The real `muster serve` on a fresh data folder, as a separate process: a restart then proves what was saved is on
 * disk, not in memory. Port 0 lets the OS pick, so runs never collide. `prepare` may fill the folder first.
 */
export async function startServer(
  prepare?: (dataDir: string) => void,
  /** More `muster serve` options, such as `--hub-every 1`. */
  args: readonly string[] = [],
  /** The data passphrase in the server's environment; null starts it with none (`--unlock-in-browser`). */
  passphrase: string | null = e2ePassphrase,
): Promise<MusterServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'muster-e2e-'));
  // Data written before the server opens the folder (a seeded roster), as a kiosk would find it after an import.
  prepare?.(dataDir);
  let running = await launch(dataDir, args, passphrase);
  return {
    get url() {
      return running.url;
    },
    dataDir,
    async restart() {
      await terminate(running.child);
      running = await launch(dataDir, args, passphrase);
    },
    async stop() {
      await terminate(running.child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function launch(
  dataDir: string,
  args: readonly string[],
  passphrase: string | null,
): Promise<{ child: ChildProcess; url: string }> {
  const env = { ...process.env };
  if (passphrase === null) delete env['MUSTER_PASSPHRASE'];
  else env['MUSTER_PASSPHRASE'] = passphrase;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/server/cli.ts', 'serve', '--data', dataDir, '--port', '0', ...args],
    // Browser mode always encrypts its data; the seeded plain folder is encrypted on this first open.
    { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'], env },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => fail(`no "serving on" line within ${startTimeout} ms`), startTimeout);
    function fail(why: string) {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`muster serve did not start: ${why}\nstdout: ${stdout}\nstderr: ${stderr}`));
    }
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /serving on (http:\/\/\S+)/.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code, signal) => fail(`exited early (code ${code}, signal ${signal})`));
  });
  return { child, url };
}

function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
