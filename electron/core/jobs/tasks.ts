// The work a worker thread can be given, by name. Only worker.ts imports this module, and each task loads its own
// modules when it runs, so the readers and writers (exceljs, papaparse, pdfkit) load in the worker that needs
// them and never in the main process.
import type { AuditEntry } from '../audit/schema';
import type { CheckInput, CopyInput } from '../backups/check';
import type { ScrubInput } from '../erasure/backup-scrub';
import type { RenderInput } from '../exports/render';
import type { ReadInput } from '../imports/read';
import type { SaveInput } from '../imports/save';
import type { OpenInput } from '../sync/open';
import type { Progress } from './worker-host';

export const tasks = {
  'import.read': async (input: ReadInput, progress: (p: Progress) => void) =>
    (await import('../imports/read')).readToSend(input, progress),
  // The import's write, on the worker's own connection: the main process answers everyone else meanwhile.
  'import.save': async (input: SaveInput, progress: (p: Progress) => void) =>
    (await import('../imports/save')).saveImport(input, progress),
  'export.render': async (input: RenderInput, progress: (p: Progress) => void) =>
    (await import('../exports/render')).renderExport(input, progress),
  // The audit trail as CSV: papaparse stays out of the main process, as for the attendance files.
  'audit.csv': async (input: readonly AuditEntry[]) => (await import('../audit/csv')).auditCsv(input),
  'backup.check': async (input: CheckInput) => (await import('../backups/check')).checkBackup(input),
  'backup.copy': async (input: CopyInput) => (await import('../backups/check')).copyBackup(input),
  // Erased people taken out of the older backups (erasure/backups.ts): seconds of rewriting, off the main thread.
  'erasure.scrubBackups': async (input: ScrubInput, progress: (p: Progress) => void) =>
    (await import('../erasure/backup-scrub')).scrubBackupFiles(input, progress),
  'sync.open': async (input: OpenInput, progress: (p: Progress) => void) =>
    (await import('../sync/open')).openBundle(input, progress),
};

export type Tasks = typeof tasks;
export type TaskName = keyof Tasks;
export type TaskInput<N extends TaskName> = Parameters<Tasks[N]>[0];
export type TaskOutput<N extends TaskName> = Awaited<ReturnType<Tasks[N]>>;
