import { mkdirSync, readFileSync } from 'node:fs';
import { commandLineCaller } from '../../core/access/session';
import { dispatch } from '../../core/api/dispatch';
import type { Input, MethodName, Output } from '../../core/api/contract';
import { openCore, type Core } from '../../core/context';
import { unlockDatabaseKey } from '../../core/db/keyring';
import { languages } from '../../core/events/schema';
import { writeFileAtomic } from '../../core/exports/atomic-file';
import { databaseFile, defaultDataDir } from '../data-dir';

/** A mistake in how the command was called: printed as one line, exit code 2. */
export class UsageError extends Error {}
/** The command ran but could not do what was asked: printed as one line, exit code 1. */
export class CommandError extends Error {}

/** The options every command on the data takes: where the data is, and whether to answer in JSON. */
export const dataOptions = {
  data: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

/** Refuses the call, naming every required option that is missing. */
/**
 * --language: a PDF's language (the event's first when left out). A word outside the list is a mistake in the call;
 * a language for a CSV or XLSX is the contract's to refuse, as the export screen's would be.
 */
export function languageOption(value: string | undefined, usageLine: string): { language?: string } {
  if (value === undefined) return {};
  if (!(languages as readonly string[]).includes(value)) {
    throw new UsageError(`--language takes one of ${languages.join(', ')}. Usage: ${usageLine}`);
  }
  return { language: value };
}

export function requireOptions(values: Record<string, unknown>, names: readonly string[], usage: string): void {
  const missing = names.filter((name) => !values[name]);
  if (missing.length) throw new UsageError(`Missing ${missing.map((m) => `--${m}`).join(', ')}. Usage: ${usage}`);
}

/** Opens the data folder for one command and closes it whatever happens. */
export async function withData<T>(dataDir: string | undefined, work: (core: Core) => Promise<T>): Promise<T> {
  const core = openData(dataDir);
  try {
    return await work(core);
  } finally {
    core.close();
  }
}

/**
 * Opens a data folder's encrypted database, unlocking its key with the administrator passphrase. A folder from an
 * earlier, unencrypted Muster is encrypted on this first open.
 */
export function openData(dataDir: string | undefined, passphraseFile?: string): Core {
  const dir = dataDir ?? defaultDataDir();
  const passphrase = dataPassphrase(passphraseFile);
  mkdirSync(dir, { recursive: true });
  const file = databaseFile(dir);
  return openCore(file, { key: unlockDatabaseKey(file, { passphrase }) });
}

/**
 * The data passphrase: the first line of --data-passphrase-file, else MUSTER_PASSPHRASE. Never an argument, which
 * every user of the machine could read in the process list.
 */
export function dataPassphrase(file: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new CommandError(
        `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
      );
    }
    const line = (text.split(/\r?\n/)[0] ?? '').trim();
    if (line) return line;
    throw new UsageError(`${file} holds no passphrase on its first line.`);
  }
  const fromEnv = env['MUSTER_PASSPHRASE'];
  if (fromEnv) return fromEnv;
  throw new UsageError(
    'The data is encrypted: give its administrator passphrase with MUSTER_PASSPHRASE or --data-passphrase-file F.',
  );
}

/**
 * Calls a contract method exactly as the screens do, as the administrator at this machine's shell (whoever can run
 * the command can read the database file anyway), and turns a refusal into a one-line error.
 */
export async function call<M extends MethodName>(core: Core, method: M, input: Input<M>): Promise<Output<M>> {
  const result = await dispatch(core.ctx, method, input, commandLineCaller());
  if (!result.ok) throw new CommandError(result.error.message);
  return result.value as Output<M>;
}

export function print(value: unknown, json: boolean, human: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
}

/** Lays out rows as aligned columns for a terminal. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

// Why a file could not be written, in words: the bare system code (ENOENT) means nothing at a registration desk.
const writeProblems: Record<string, string> = {
  ENOENT: 'its folder does not exist',
  ENOTDIR: 'part of its path is a file, not a folder',
  EISDIR: 'that is a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
};

/** Writes a command's output file atomically (complete under its name, or not at all), refusing in words. */
export function writeOutput(out: string, bytes: Uint8Array): void {
  try {
    writeFileAtomic(out, bytes);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const known = code ? writeProblems[code] : undefined;
    throw new CommandError(`Cannot write ${out}: ${known ? `${known} (${code})` : (error as Error).message}.`);
  }
}
