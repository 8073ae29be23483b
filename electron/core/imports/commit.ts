import { MusterError } from '../api/errors';
import type { Context } from '../context';
import type { Db } from '../db/driver';
import { prepared } from '../db/statements';
import { participantHandlers, register, registerNewPerson } from '../participants/handlers';
import { registrationsOf } from '../participants/store';
import { refusal } from './file-error';
import type { ImportJob } from './job';
import type { PreparedRow } from './rows';
import { defaultAction, type ImportReport } from './schema';

export interface CommitOptions {
  onDuplicate: 'add' | 'update' | 'skip';
  decisions: ReadonlyMap<number, { action: 'add' | 'update' | 'skip'; participantId?: string | undefined }>;
}

/** True when someone was registered or a person or registration changed after the preview checked the roster. */
export function rosterChangedSince(db: Db, seq: number): boolean {
  return (
    prepared(db, "SELECT 1 FROM changes WHERE seq > ? AND entity IN ('participant', 'registration') LIMIT 1").get(
      seq,
    ) !== undefined
  );
}

/** Where the change log stands now. */
export function changeLogPosition(db: Db): number {
  return (prepared(db, 'SELECT coalesce(max(seq), 0) FROM changes').pluck().get() as number) ?? 0;
}

/**
 * Applies the import inside the caller's transaction: every row through the participants domain's own code
 * (registerNewPerson, participant.update, registration.update), so validation, E.164 phones, badge names, codes
 * and change records are exactly the desk's. Any failure throws, naming the row, and the caller's transaction
 * rolls the whole import back.
 */
export function applyImport(ctx: Context, job: ImportJob, rows: readonly PreparedRow[], options: CommitOptions) {
  const report: Omit<ImportReport, 'jobId' | 'dryRun' | 'counts'> = { added: [], updated: [], skipped: [], failed: [] };
  for (const row of rows) {
    if (!row.create) {
      report.failed.push({ row: row.row, reasons: row.errors });
      continue;
    }
    const decision = options.decisions.get(row.row);
    const action = decision?.action ?? (row.duplicate ? defaultAction(row.duplicate.of, options.onDuplicate) : 'add');
    try {
      if (action === 'skip') report.skipped.push(row.row);
      else if (action === 'add') {
        registerNewPerson(ctx, row.create);
        report.added.push(row.row);
      } else {
        update(ctx, job.eventId, row, decision?.participantId);
        report.updated.push(row.row);
      }
    } catch (error) {
      if (error instanceof MusterError) {
        throw new MusterError(error.code, `Row ${row.row}: ${error.message} Nothing was imported.`, error.issues);
      }
      throw error;
    }
  }
  return report;
}

function update(ctx: Context, eventId: string, row: PreparedRow, wanted: string | undefined): void {
  const matches = row.duplicate?.of === 'roster' ? row.duplicate.matches : [];
  const target = wanted === undefined ? matches[0] : matches.find((m) => m.participantId === wanted);
  if (!target) throw refusal(matches.length ? 'notAMatch' : 'updateWithoutMatch', ['decisions']);
  if (Object.keys(row.changes).length) {
    participantHandlers['participant.update'](ctx, { id: target.participantId, changes: row.changes });
  }
  const registration = registrationsOf(ctx.db, target.participantId).find((r) => r.eventId === eventId);
  if (!registration) {
    if (row.create) register(ctx, eventId, target.participantId, row.create);
  } else if (row.registration.category !== undefined || row.registration.status !== undefined) {
    participantHandlers['registration.update'](ctx, { id: registration.id, changes: row.registration });
  }
}
