import { MusterError } from '../api/errors';
import type { Context } from '../context';
import type { Db } from '../db/driver';
import { prepared } from '../db/statements';
import { participantHandlers, register, registerNewPerson } from '../participants/handlers';
import { registrationsOf, type EventFacts } from '../participants/store';
import { refusal } from './file-error';
import type { ParticipantCreate, PreparedRow } from './rows';
import { rowAction, type ImportReport } from './schema';

export interface CommitOptions {
  onDuplicate: 'add' | 'update' | 'skip';
  decisions: ReadonlyMap<number, { action: 'add' | 'update' | 'skip'; participantId?: string | undefined }>;
}

/** One row the commit writes: a new person, or what the row gave for someone already on the roster. */
export type Write =
  | { row: number; action: 'add'; create: ParticipantCreate }
  | {
      row: number;
      action: 'update';
      participantId: string;
      create: ParticipantCreate;
      changes: PreparedRow['changes'];
      registration: PreparedRow['registration'];
    };

/** What the commit will do with every row of the file, decided before anything is written. */
export interface Plan {
  writes: Write[];
  skipped: number[];
  failed: ImportReport['failed'];
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
 * Decides each row from the preview and the person's choices, reading nothing: a row with errors fails, any other
 * follows its decision or else the preview's default (rowAction), and an update must name someone the preview matched.
 * A wrong decision is refused here, before a single row is written.
 */
export function planImport(rows: readonly PreparedRow[], options: CommitOptions): Plan {
  const plan: Plan = { writes: [], skipped: [], failed: [] };
  for (const row of rows) {
    // The preview showed this action for a row nobody chose for (schema.ts): the commit takes the same.
    const planned = rowAction(row, options.onDuplicate);
    if (planned === 'fail' || !row.create) {
      plan.failed.push({ row: row.row, reasons: row.errors });
      continue;
    }
    const decision = options.decisions.get(row.row);
    const action = decision?.action ?? planned;
    if (action === 'skip') plan.skipped.push(row.row);
    else if (action === 'add') plan.writes.push({ row: row.row, action, create: row.create });
    else {
      const matches = row.duplicate?.of === 'roster' ? row.duplicate.matches : [];
      const wanted = decision?.participantId;
      const target = wanted === undefined ? matches[0] : matches.find((m) => m.participantId === wanted);
      if (!target) throw atRow(row.row, refusal(matches.length ? 'notAMatch' : 'updateWithoutMatch', ['decisions']));
      const { changes, registration } = row;
      plan.writes.push({
        row: row.row,
        action,
        participantId: target.participantId,
        create: row.create,
        changes,
        registration,
      });
    }
  }
  return plan;
}

/**
 * Writes one planned row inside the caller's transaction, through the participants domain's own code
 * (registerNewPerson, participant.update, registration.update), so validation, E.164 phones, badge names, codes and
 * change records are exactly the desk's. A failure throws, naming the row, and the caller's transaction rolls the
 * whole import back. `facts` are the event's, read in that same transaction (participants/store.ts eventFacts).
 */
export function applyWrite(ctx: Context, facts: EventFacts, write: Write): void {
  try {
    if (write.action === 'add') registerNewPerson(ctx, write.create, facts);
    else update(ctx, facts, write);
  } catch (error) {
    throw error instanceof MusterError ? atRow(write.row, error) : error;
  }
}

function update(ctx: Context, facts: EventFacts, write: Extract<Write, { action: 'update' }>): void {
  const { eventId } = facts;
  if (Object.keys(write.changes).length) {
    participantHandlers['participant.update'](ctx, { id: write.participantId, changes: write.changes });
  }
  const registration = registrationsOf(ctx.db, write.participantId).find((r) => r.eventId === eventId);
  if (!registration) register(ctx, eventId, write.participantId, write.create, facts);
  else if (write.registration.category !== undefined || write.registration.status !== undefined) {
    participantHandlers['registration.update'](ctx, { id: registration.id, changes: write.registration });
  }
}

function atRow(row: number, error: MusterError): MusterError {
  return new MusterError(error.code, `Row ${row}: ${error.message} Nothing was imported.`, error.issues);
}

/** What an import did, once all its planned rows were written: rows in file order, under what happened to them. */
export function reportOf(jobId: string, dryRun: boolean, plan: Plan): ImportReport {
  const added: number[] = [];
  const updated: number[] = [];
  for (const write of plan.writes) (write.action === 'add' ? added : updated).push(write.row);
  return {
    jobId,
    dryRun,
    counts: { added: added.length, updated: updated.length, skipped: plan.skipped.length, failed: plan.failed.length },
    added,
    updated,
    skipped: plan.skipped,
    failed: plan.failed,
  };
}
