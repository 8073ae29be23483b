import { parseArgs } from 'node:util';
import { listen } from '../http';
import { createHubServer, type HubLogEntry } from '../hub';
import { joinAddresses, type HubPageOptions } from '../hub-page';
import { pgHubStore } from '../hub-store/postgres';
import { sqliteHubStore } from '../hub-store/sqlite';
import type { HubStore } from '../hub-store/store';
import { openData, UsageError } from './common';
import { readPassphrase } from './sync';

/** How long a shutdown waits for requests in flight before it closes their connections anyway. */
const drainLimitMs = 30_000;

/**
 * A headless sync hub for a venue LAN or headquarters, answering only the signed sync endpoints and a health check.
 * Without --database it is a replica on the embedded SQLite database (the data folder); with
 * --database postgres://… it keeps the store in PostgreSQL, and several hubs may serve one database. It binds to
 * loopback unless told otherwise (--host 0.0.0.0 for the venue network, or a reverse proxy in front).
 */
export async function hubCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: 'string' },
      database: { type: 'string' },
      schema: { type: 'string' },
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
  if (values.database !== undefined && values.data !== undefined) {
    throw new UsageError('Give --data (embedded SQLite) or --database (PostgreSQL), not both.');
  }
  if (values.schema !== undefined && values.database === undefined) {
    throw new UsageError('--schema names a PostgreSQL schema: it needs --database.');
  }
  if (values.database !== undefined && !/^postgres(ql)?:\/\//.test(values.database)) {
    throw new UsageError('--database takes a URL like postgres://USER@HOST/DB.');
  }
  const passphrase = readPassphrase(values['passphrase-file']);
  const log = (entry: HubLogEntry) =>
    process.stdout.write(JSON.stringify({ time: new Date().toISOString(), ...entry }) + '\n');

  let store: HubStore;
  let release: () => void = () => {};
  let where: string;
  // The join page (a QR code per event) is the venue hub's: a headquarters hub on PostgreSQL is joined by typing its URL.
  let page: HubPageOptions | undefined;
  if (values.database !== undefined) {
    store = await pgHubStore({ url: values.database, ...(values.schema ? { schema: values.schema } : {}) });
    // The URL may carry a password: say only where the store is.
    const url = new URL(values.database);
    where = `PostgreSQL ${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname} schema ${values.schema ?? 'public'}`;
  } else {
    const core = openData(values.data, values['data-passphrase-file']);
    store = sqliteHubStore(core);
    release = () => core.close();
    where = core.file;
    const events = core.ctx.db.prepare(
      'SELECT id, title FROM events WHERE archived_at IS NULL ORDER BY start_date DESC, title',
    );
    page = { events: () => events.all() as { id: string; title: string }[], addresses: [], passphrase };
  }
  const hub = createHubServer({ store, passphrase, log, ...(page ? { page } : {}) });
  const url = await listen(hub.server, port, values.host);
  process.stdout.write(`Muster hub on ${url.origin}\n`);
  if (page) {
    page.addresses = joinAddresses(values.host, Number(url.port));
    // The page answers loopback only, so it is there when the hub listens on loopback or on every address.
    if (['127.0.0.1', 'localhost', '0.0.0.0', '::'].includes(values.host)) {
      process.stdout.write(`Join page (this computer only): http://127.0.0.1:${url.port}/\n`);
    }
  }
  process.stdout.write(`Data: ${where}\n`);
  log({ level: 'info', msg: 'started', port: Number(url.port), store: values.database ? 'postgres' : 'sqlite' });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log({ level: 'info', msg: 'stopping', signal });
    const limit = setTimeout(() => hub.server.closeAllConnections(), drainLimitMs);
    await hub.drain();
    clearTimeout(limit);
    await store.close();
    release();
    log({ level: 'info', msg: 'stopped' });
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
