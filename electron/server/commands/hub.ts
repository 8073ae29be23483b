import { parseArgs } from 'node:util';
import { close, listen } from '../http';
import { createHubServer, sqliteHubStore } from '../hub';
import { joinAddresses } from '../hub-page';
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
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port must be 0–65535, got ${values.port}.`);
  }
  const passphrase = readPassphrase(values['passphrase-file']);
  const core = openData(values.data);
  const events = core.ctx.db.prepare(
    'SELECT id, title FROM events WHERE archived_at IS NULL ORDER BY start_date DESC, title',
  );
  const page = { events: () => events.all() as { id: string; title: string }[], addresses: [] as string[], passphrase };
  const server = createHubServer({ store: sqliteHubStore(core), passphrase, page });
  const url = await listen(server, port, values.host);
  page.addresses = joinAddresses(values.host, Number(url.port));
  process.stdout.write(`Muster hub on ${url.origin}\n`);
  // The page answers loopback only, so it is there when the hub listens on loopback or on every address.
  if (['127.0.0.1', 'localhost', '0.0.0.0', '::'].includes(values.host)) {
    process.stdout.write(`Join page (this computer only): http://127.0.0.1:${url.port}/\n`);
  }
  process.stdout.write(`Data: ${core.file}\n`);
  const stop = async () => {
    await close(server);
    core.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}
