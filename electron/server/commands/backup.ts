import { parseArgs } from 'node:util';
import { MusterError } from '../../core/api/errors';
import { restoreBackup } from '../../core/backups/backup';
import { backupsDir, listBackups } from '../../core/backups/files';
import { call, CommandError, dataOptions, print, table, UsageError, withData } from './common';

const usage = 'muster backup list|create|restore NAME [--data DIR] [--json]';

/**
 * The data folder's backups: list them, take one now, or put one back. Restore is meant for when the app is closed
 * (it also takes a backup made by an older version, which the next start migrates); what it replaces is backed up
 * first.
 */
export async function backupCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, options: dataOptions, allowPositionals: true, strict: true });
  const [action, name, ...rest] = positionals;
  if (rest.length) throw new UsageError(`Unexpected ${rest.join(' ')}. Usage: ${usage}`);
  await withData(values.data, async (core) => {
    if (action === 'list' && name === undefined) {
      const backups = listBackups(backupsDir(core.file));
      print(backups, values.json, () =>
        backups.length
          ? table(
              ['name', 'reason', 'schema', 'size'],
              backups.map((b) => [b.name, b.reason, String(b.schemaVersion), `${Math.ceil(b.bytes / 1024)} KB`]),
            )
          : 'No backups yet.',
      );
    } else if (action === 'create' && name === undefined) {
      const made = await call(core, 'backup.create', {});
      print(made, values.json, () => `Backed up to ${made.name}.`);
    } else if (action === 'restore' && name !== undefined) {
      try {
        const restored = await restoreBackup(core.ctx, name, true);
        print(restored, values.json, () => `Restored ${restored.name} (taken ${restored.createdAt}).`);
      } catch (error) {
        if (error instanceof MusterError) throw new CommandError(error.message);
        throw error;
      }
    } else {
      throw new UsageError(`Usage: ${usage}`);
    }
  });
}
