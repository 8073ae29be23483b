import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { dispatch } from '../../core/api/dispatch';
import { close, createHttpServer, listen } from '../http';
import { openData, UsageError } from './common';
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

  const core = openData(values.data, values['data-passphrase-file']);
  const server = createHttpServer({
    dispatch: (method, input, caller) => dispatch(core.ctx, method, input, caller),
    staticDir: rendererDir,
  });
  const url = await listen(server, port, values.host);
  process.stdout.write(`Muster is serving on ${url.origin}\n`);
  process.stdout.write(`Data: ${core.file}\n`);
  // Retention first, so the start-up backup already leaves out what it erases.
  const stopRetention = scheduleRetention(core.ctx);
  const stopBackups = scheduleBackups(core.ctx);
  const hubSync = startHubSync(core, { everyMs: hubEvery * 1000 });

  const stop = async () => {
    stopBackups();
    stopRetention();
    await hubSync.stop();
    await close(server);
    core.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

/** A fresh checkout has no build yet: make one, so `muster serve` works right after `npm install`. */
async function buildRenderer(): Promise<void> {
  process.stdout.write('Building the screens once (dist/renderer)…\n');
  const { build } = await import('vite');
  await build({ configFile: path.join(projectRoot, 'renderer', 'vite.config.ts'), logLevel: 'warn' });
}
