import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Input } from '../../core/api/contract';
import { syncLimits } from '../../core/sync/bundle';
import { HubError, syncWithHub } from '../hub-client';
import { call, CommandError, dataOptions, print, requireOptions, UsageError, withData, writeOutput } from './common';

const usage = `muster sync status --event ID [--data DIR] [--json]
       muster sync export --event ID --out FILE [--since VECTOR.json|JSON] [--passphrase-file F] [--data DIR] [--json]
       muster sync import FILE [--event ID] [--passphrase-file F] [--data DIR] [--json]
       muster sync hub --url URL --event ID [--every SECONDS] [--passphrase-file F] [--data DIR] [--json]
       (the passphrase comes from --passphrase-file or MUSTER_SYNC_PASSPHRASE, never from the command line)`;

/** Sync by file: what this replica knows of an event, a bundle of what a peer lacks, and applying a peer's bundle. */
export async function syncCommand(args: string[]): Promise<void> {
  const [action, ...rest] = args;
  if (action === 'status') return status(rest);
  if (action === 'export') return exportSync(rest);
  if (action === 'import') return importSync(rest);
  if (action === 'hub') return hubSync(rest);
  throw new UsageError(`Usage: ${usage}`);
}

async function status(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { ...dataOptions, event: { type: 'string' } }, strict: true });
  requireOptions(values, ['event'], usage);
  await withData(values.data, async (core) => {
    const state = await call(core, 'sync.status', { eventId: values.event ?? '' });
    print(state, values.json, () =>
      [
        `Device ${state.device}: ${state.changes} changes of event ${state.eventId}, digest ${state.digest}.`,
        ...Object.entries(state.vector).map(([device, hlc]) => `  ${device}  ${hlc}`),
      ].join('\n'),
    );
  });
}

async function exportSync(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      ...dataOptions,
      event: { type: 'string' },
      out: { type: 'string' },
      since: { type: 'string' },
      'passphrase-file': { type: 'string' },
    },
    strict: true,
  });
  requireOptions(values, ['event', 'out'], usage);
  const out = values.out ?? '';
  const passphrase = readPassphrase(values['passphrase-file']);
  const since = values.since === undefined ? undefined : readVector(values.since);
  await withData(values.data, async (core) => {
    // Unchecked on purpose: dispatch validates the vector against the contract like any other input.
    const result = await call(core, 'sync.export', {
      eventId: values.event,
      passphrase,
      ...(since === undefined ? {} : { since }),
    } as Input<'sync.export'>);
    writeOutput(out, Buffer.from(result.data, 'base64'));
    const { fileName, bytes, changes } = result;
    print(
      { file: out, fileName, bytes, changes },
      values.json,
      () => `Wrote ${out} (${changes} changes, ${bytes} bytes).`,
    );
  });
}

async function importSync(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { ...dataOptions, event: { type: 'string' }, 'passphrase-file': { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError(`Give one bundle file. Usage: ${usage}`);
  const passphrase = readPassphrase(values['passphrase-file']);
  let bytes: Buffer;
  try {
    // Checked before reading, so a wrong file of gigabytes is not loaded to be refused.
    if (statSync(file).size > syncLimits.fileBytes) {
      throw new CommandError(`${file} is larger than a sync bundle can be (${syncLimits.fileBytes} bytes).`);
    }
    bytes = readFileSync(file);
  } catch (error) {
    if (error instanceof CommandError) throw error;
    throw new CommandError(
      `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
    );
  }
  await withData(values.data, async (core) => {
    const result = await call(core, 'sync.import', {
      data: bytes.toString('base64'),
      passphrase,
      ...(values.event ? { eventId: values.event } : {}),
    });
    print(
      result,
      values.json,
      () =>
        `Applied ${result.applied} of ${result.received} changes from device ${result.from} ` +
        `(${result.duplicates} already here). Digest ${result.digest}.`,
    );
  });
}

/** The event's sync passphrase, from a file (first line) or the environment: never an argument, which `ps` shows. */
export function readPassphrase(file: string | undefined): string {
  if (file !== undefined) {
    try {
      return (readFileSync(file, 'utf8').split(/\r?\n/)[0] ?? '').trim();
    } catch (error) {
      throw new CommandError(
        `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
      );
    }
  }
  const fromEnv = process.env.MUSTER_SYNC_PASSPHRASE;
  if (fromEnv) return fromEnv;
  throw new UsageError('Give the event’s sync passphrase with --passphrase-file F or MUSTER_SYNC_PASSPHRASE.');
}

/** A peer's version vector: inline JSON or a file, either the bare vector or what `sync status --json` prints. */
function readVector(text: string): unknown {
  let json = text;
  if (!text.trimStart().startsWith('{')) {
    try {
      json = readFileSync(text, 'utf8');
    } catch (error) {
      throw new CommandError(
        `Cannot read ${text}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
      );
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new UsageError('--since must be a version vector in JSON (as printed by "muster sync status --json").');
  }
  if (parsed !== null && typeof parsed === 'object' && 'vector' in parsed) return parsed.vector;
  return parsed;
}

/**
 * Syncs with a hub: one round (upload, then download), or with --every a round every few seconds for as long as it
 * runs, backing off (up to a minute) while the hub does not answer.
 */
async function hubSync(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      ...dataOptions,
      url: { type: 'string' },
      event: { type: 'string' },
      every: { type: 'string' },
      'passphrase-file': { type: 'string' },
    },
    strict: true,
  });
  requireOptions(values, ['url', 'event'], usage);
  const every = values.every === undefined ? undefined : Number(values.every);
  if (every !== undefined && !(every >= 1 && every <= 3600)) throw new UsageError('--every takes 1 to 3600 seconds.');
  const passphrase = readPassphrase(values['passphrase-file']);
  const options = { url: values.url ?? '', eventId: values.event ?? '', passphrase };
  await withData(values.data, async (core) => {
    const round = async () => {
      const result = await syncWithHub(core, options);
      print(
        result,
        values.json,
        () =>
          `Sent ${result.pushed} changes, applied ${result.pulled.applied} from the hub` +
          (result.identical ? '; kiosk and hub are identical.' : '; the hub changed meanwhile.'),
      );
    };
    if (every === undefined) {
      try {
        return await round();
      } catch (error) {
        throw new CommandError(describe(error));
      }
    }
    let wait = every * 1000;
    for (;;) {
      try {
        await round();
        wait = every * 1000;
      } catch (error) {
        process.stderr.write(`muster: ${describe(error)} Retrying.\n`);
        wait = Math.min(60_000, wait * 2);
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  });
}

function describe(error: unknown): string {
  if (error instanceof HubError) return error.message;
  // fetch says "fetch failed" and puts the reason (ECONNREFUSED, a timeout) in its cause.
  const cause = (error as { cause?: { code?: string; message?: string } } | null)?.cause;
  if (error instanceof TypeError && cause)
    return `The hub does not answer (${cause.code ?? cause.message ?? 'no reply'}).`;
  return error instanceof Error ? error.message : String(error);
}
