import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Input } from '../../core/api/contract';
import { call, dataOptions, languageOption, print, requireOptions, UsageError, withData, writeOutput } from './common';

const usage =
  'muster export --event ID --format csv|xlsx|signin-pdf|summary-pdf --out FILE [--session ID] [--fields f1,f2,...] [--include-cancelled] [--language en|fr|es|ru|ar] [--data DIR] [--json]';

/**
 * Writes an attendance file, exactly as the export screen makes it. The file appears under --out complete or not at
 * all (temp file, flush, rename). Email and phone are left out unless named in --fields. PDFs are in the event's
 * first language unless --language names another.
 */
export async function exportCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      ...dataOptions,
      event: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      session: { type: 'string' },
      fields: { type: 'string' },
      'include-cancelled': { type: 'boolean', default: false },
      language: { type: 'string' },
    },
    strict: true,
  });
  requireOptions(values, ['event', 'format', 'out'], usage);
  const language = languageOption(values.language, usage);
  const out = values.out ?? '';
  if (isFolder(out)) throw new UsageError(`--out names a folder; give the file to write, e.g. ${out}/attendance.xlsx.`);
  const fields = values.fields
    ?.split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  await withData(values.data, async (core) => {
    // Unchecked strings on purpose: dispatch validates them against the contract like any other input.
    const result = await call(core, 'export.run', {
      jobId: randomUUID(),
      eventId: values.event,
      format: values.format,
      ...(values.session ? { sessionId: values.session } : {}),
      ...(fields ? { fields } : {}),
      includeCancelled: values['include-cancelled'],
      ...language,
    } as Input<'export.run'>);
    writeOutput(out, Buffer.from(result.data, 'base64'));
    const { jobId, fileName, mediaType, bytes, rows, pages } = result;
    print({ jobId, fileName, mediaType, bytes, rows, pages, file: out }, values.json, () =>
      [
        `Wrote ${out} (${kilobytes(result.bytes)}`,
        result.pages === null ? '' : `, ${result.pages} pages`,
        `, ${result.rows} registrations).`,
      ].join(''),
    );
  });
}

function isFolder(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

function kilobytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
