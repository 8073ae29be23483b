import { MusterError } from '../api/errors';
import type { Handlers } from '../api/handler';
import { takeBackup, restoreBackup } from './backup';
import { backupsDir, listBackups } from './files';

export const backupHandlers = {
  'backup.list': (ctx) => listBackups(backupsDir(ctx.db.name)),
  'backup.create': async (ctx) => {
    const made = await takeBackup(ctx, 'manual');
    if (!made) throw new MusterError('internal', 'The backup could not be made.');
    return made;
  },
  'backup.restore': (ctx, input) => restoreBackup(ctx, input.name),
} satisfies Partial<Handlers>;
