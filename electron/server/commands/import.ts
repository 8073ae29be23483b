import { randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Input, Output } from '../../core/api/contract';
import { importLimits } from '../../core/imports/limits';
import { call, CommandError, dataOptions, print, UsageError, withData } from './common';

const usage =
  'muster import --event ID FILE [--sheet NAME] [--header-row N] [--mapping auto|FILE.json] [--on-duplicate skip|update|add] [--dry-run] [--data DIR] [--json]';

const onDuplicate = ['skip', 'update', 'add'] as const;

/**
 * Imports a CSV or XLSX list into an event, exactly as the import screen does: preview (the file read and checked,
 * duplicates found), then commit all-or-nothing with one decision for every row that matches someone already
 * registered. --dry-run prints the report without saving anything.
 */
export async function importCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...dataOptions,
      event: { type: 'string' },
      sheet: { type: 'string' },
      'header-row': { type: 'string' },
      mapping: { type: 'string', default: 'auto' },
      'on-duplicate': { type: 'string', default: 'skip' },
      'dry-run': { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (!values.event) throw new UsageError(`Missing --event. Usage: ${usage}`);
  const eventId = values.event;
  if (positionals.length !== 1) throw new UsageError(`Give exactly one file to import. Usage: ${usage}`);
  const duplicates = values['on-duplicate'];
  if (!onDuplicate.includes(duplicates as (typeof onDuplicate)[number])) {
    throw new UsageError(`--on-duplicate must be skip, update or add, not ${JSON.stringify(duplicates)}.`);
  }
  const headerRow = headerRowOption(values['header-row']);
  const file = positionals[0] ?? '';
  const bytes = readImportFile(file);
  const mapping = values.mapping === 'auto' ? null : readMappingFile(values.mapping);

  await withData(values.data, async (core) => {
    const jobId = randomUUID();
    let preview = await call(core, 'import.preview', {
      jobId,
      eventId: eventId,
      file: { name: path.basename(file), data: bytes.toString('base64') },
      ...(values.sheet ? { sheet: values.sheet } : {}),
      ...(headerRow === undefined ? {} : { headerRow }),
    });
    if (mapping) {
      preview = await call(core, 'import.preview', {
        jobId,
        eventId: eventId,
        ...(values.sheet ? { sheet: values.sheet } : {}),
        headerRow: preview.headerRow,
        mapping: toPositional(mapping, preview.columns),
      });
    }
    const report = await call(core, 'import.commit', {
      jobId,
      onDuplicate: duplicates as (typeof onDuplicate)[number],
      dryRun: values['dry-run'],
    });
    print({ preview, report }, values.json, () => describe(preview, report));
  });
}

/** --header-row: the row with the column names, or 0 for a file without any (its first row is a person). */
function headerRowOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,7}$/.test(value.trim())) {
    throw new UsageError(
      `--header-row must be a row number, or 0 when the file has no header row, not ${JSON.stringify(value)}.`,
    );
  }
  return Number(value);
}

/** The file's bytes, after checking its size on disk: a 1 GB file is refused without being read. */
function readImportFile(file: string): Buffer {
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new CommandError(`${file} is not a file.`);
    size = stat.size;
  } catch (error) {
    if (error instanceof CommandError) throw error;
    throw new CommandError(
      `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
    );
  }
  if (size > importLimits.fileBytes) {
    throw new CommandError(
      `${file} is ${megabytes(size)}: an import takes files of up to ${megabytes(importLimits.fileBytes)}. Nothing was imported.`,
    );
  }
  return readFileSync(file);
}

function megabytes(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : `${Math.round(bytes / 1024 ** 2)} MB`;
}

/**
 * A mapping file: `{"columns": {"<header in the file>": "<field>" | null, ...}, "defaults": {...}}`, or the columns as
 * a list in file order, as import.preview returns them.
 */
interface MappingFile {
  columns: Record<string, string | null> | (string | null)[];
  defaults?: Record<string, unknown>;
}

function readMappingFile(file: string): MappingFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CommandError(`Cannot read the mapping ${file}: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || !('columns' in parsed)) {
    throw new CommandError(`The mapping ${file} needs a "columns" object (header → field) or list.`);
  }
  return parsed as MappingFile;
}

const headerKey = (header: string) => header.trim().toLowerCase();

function toPositional(
  mapping: MappingFile,
  columns: Output<'import.preview'>['columns'],
): Input<'import.preview'>['mapping'] {
  const defaults = (mapping.defaults ?? {}) as NonNullable<Input<'import.preview'>['mapping']>['defaults'];
  // Unchecked field names on purpose: the contract validates them like any other input.
  if (Array.isArray(mapping.columns))
    return { columns: mapping.columns, defaults } as Input<'import.preview'>['mapping'];
  const byHeader = new Map(Object.entries(mapping.columns).map(([header, field]) => [headerKey(header), field]));
  const known = new Set(columns.map((c) => headerKey(c.header)));
  const unknown = [...byHeader.keys()].filter((header) => !known.has(header));
  if (unknown.length) {
    throw new CommandError(`The mapping names columns the file does not have: ${unknown.join(', ')}.`);
  }
  return {
    columns: columns.map((c) => byHeader.get(headerKey(c.header)) ?? null),
    defaults,
  } as Input<'import.preview'>['mapping'];
}

function describe(preview: Output<'import.preview'>, report: Output<'import.commit'>): string {
  const how =
    preview.format === 'csv'
      ? `CSV, ${preview.encoding}, delimiter ${JSON.stringify(preview.delimiter)}`
      : `XLSX, sheet "${preview.sheet}"`;
  const mapped = preview.columns
    .filter((c) => c.field)
    .map((c) => `${c.header} → ${c.field}`)
    .join(', ');
  const { added, updated, skipped, failed } = report.counts;
  const lines = [
    `Read ${preview.fileName} (${how}): ${preview.totals.rows} rows, ${preview.headerRow === 0 ? 'no header row' : `header on row ${preview.headerRow}`}.`,
    `Columns (${preview.mappingSource}): ${mapped || 'none recognised'}.`,
    `${report.dryRun ? 'Dry run, nothing saved: would import' : 'Imported'} ${added} added, ${updated} updated, ${skipped} skipped, ${failed} failed.`,
  ];
  if (report.skipped.length) lines.push(`Skipped rows: ${list(report.skipped)}.`);
  if (report.failed.length) {
    lines.push('Failed rows:');
    for (const f of report.failed.slice(0, 20))
      lines.push(`  row ${f.row}: ${f.reasons.map((r) => r.message).join(' ')}`);
    if (report.failed.length > 20) lines.push(`  … and ${report.failed.length - 20} more (--json lists them all).`);
  }
  return lines.join('\n');
}

function list(rows: readonly number[]): string {
  return rows.length > 30 ? `${rows.slice(0, 30).join(', ')} … (${rows.length} in all)` : rows.join(', ');
}
