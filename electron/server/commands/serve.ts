import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { mkdirSync } from 'node:fs';
import { dispatch } from '../../core/api/dispatch';
import { openCore, type Core } from '../../core/context';
import { passphraseAsk, unlockDatabaseKey } from '../../core/db/keyring';
import { StoreError } from '../../core/db/store-error';
import { createLockedDoor, lockedRefusal, type LockedDoor } from '../../core/system/locked-door';
import { databaseFile, defaultDataDir } from '../data-dir';
import { close, createHttpServer, listen } from '../http';
import { CommandError, openData, UsageError } from './common';
import { scheduleBackups } from '../../core/backups/schedule';
import { scheduleRetention } from '../../core/erasure/schedule';
import { startHubSync } from '../hub-sync';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const rendererDir = path.join(projectRoot, 'dist', 'renderer');

/** Browser mode: the HTTP transport and the built renderer on 127.0.0.1, on the same kind of database as the app. */
export async function serveCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: 'string' },
      port: { type: 'string', default: '4321' },
      host: { type: 'string', default: '127.0.0.1' },
      // Seconds between rounds with a joined hub (tests use 1; a venue keeps the default).
      'hub-every': { type: 'string', default: '5' },
      'data-passphrase-file': { type: 'string' },
      // Started from a shortcut, with no environment to set: ask for the data passphrase on the page instead.
      'unlock-in-browser': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be 0–65535, got ${values.port}.`);
  if (!['127.0.0.1', 'localhost', '::1'].includes(values.host)) {
    throw new UsageError('Browser mode serves this machine only: --host must be 127.0.0.1, localhost or ::1.');
  }
  const hubEvery = Number(values['hub-every']);
  if (!(hubEvery >= 1 && hubEvery <= 3600)) throw new UsageError('--hub-every takes 1 to 3600 seconds.');
  if (!existsSync(path.join(rendererDir, 'index.html'))) await buildRenderer();

  let core: Core | null = null;
  let stopRunning: () => Promise<void> = () => Promise.resolve();
  const run = (opened: Core) => {
    core = opened;
    // Retention first, so the start-up backup already leaves out what it erases.
    const stopRetention = scheduleRetention(opened.ctx);
    const stopBackups = scheduleBackups(opened.ctx);
    const hubSync = startHubSync(opened, { everyMs: hubEvery * 1000 });
    stopRunning = async () => {
      stopBackups();
      stopRetention();
      await hubSync.stop();
      opened.close();
    };
  };
  const asks = values['unlock-in-browser'] && !values['data-passphrase-file'] && !process.env['MUSTER_PASSPHRASE'];
  const locked = asks ? lockedDoor(values.data, run) : null;
  const opened = locked ? null : openData(values.data, values['data-passphrase-file']);
  if (opened) run(opened);
  const server = createHttpServer({
    dispatch: (method, input, caller) => {
      if (core) return dispatch(core.ctx, method, input, caller);
      return Promise.resolve(locked ? locked(method, input) : lockedRefusal);
    },
    staticDir: rendererDir,
  });
  const url = await listen(server, port, values.host);
  process.stdout.write(`Muster is serving on ${url.origin}\n`);
  process.stdout.write(opened ? `Data: ${opened.file}\n` : 'Locked: give the data passphrase on the page.\n');

  const stop = async () => {
    await stopRunning();
    await close(server);
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

/**
 * Browser mode started locked: the page asks for the passphrase (or to choose one, for a new data folder) through the
 * same door the desktop's unlock window uses, and nothing is opened or written until it unseals the key.
 */
function lockedDoor(dataDir: string | undefined, run: (core: Core) => void): LockedDoor {
  const dir = dataDir ?? defaultDataDir();
  mkdirSync(dir, { recursive: true });
  const file = databaseFile(dir);
  let ask: ReturnType<typeof passphraseAsk>;
  try {
    ask = passphraseAsk(file);
  } catch (error) {
    throw error instanceof StoreError ? new CommandError(error.message) : error;
  }
  return createLockedDoor({
    ask,
    unseal: (passphrase) => unlockDatabaseKey(file, { passphrase }),
    unlocked: (key) => {
      try {
        run(openCore(file, { key }));
      } catch (error) {
        // The key was right but the file cannot be used (damaged, from a newer Muster): as at start-up, say so and stop.
        process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      }
    },
  });
}

/** A fresh checkout has no build yet: make one, so `muster serve` works right after `npm install`. */
async function buildRenderer(): Promise<void> {
  process.stdout.write('Building the screens once (dist/renderer)…\n');
  const { build } = await import('vite');
  await build({ configFile: path.join(projectRoot, 'renderer', 'vite.config.ts'), logLevel: 'warn' });
}
