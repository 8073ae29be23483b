import { parseArgs } from 'node:util';
import { close, listen } from '../http';
import { createHubServer, sqliteHubStore } from '../hub';
import { openData, UsageError } from './common';
import { readPassphrase } from './sync';

/**
 * A headless sync hub for a venue LAN or headquarters: the same core and database as a kiosk, answering only the
 * signed sync endpoints. It binds to loopback unless told otherwise (--host 0.0.0.0 for the venue network).
 */
export async function hubCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: 'string' },
      port: { type: 'string', default: '4322' },
      host: { type: 'string', default: '127.0.0.1' },
      'passphrase-file': { type: 'string' },
      'data-passphrase-file': { type: 'string' },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port must be 0–65535, got ${values.port}.`);
  }
  const passphrase = readPassphrase(values['passphrase-file']);
  const core = openData(values.data, values['data-passphrase-file']);
  const server = createHubServer({ store: sqliteHubStore(core), passphrase });
  const url = await listen(server, port, values.host);
  process.stdout.write(`Muster hub on ${url.origin}\n`);
  process.stdout.write(`Data: ${core.file}\n`);
  const stop = async () => {
    await close(server);
    core.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}
