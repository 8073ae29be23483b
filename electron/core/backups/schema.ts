import { z } from 'zod';
import { backupManifest } from './files';

export const backupInfo = backupManifest;
export const backupList = z.array(backupInfo);
export const backupRestoreInput = z.object({ name: backupManifest.shape.name }).strict();
