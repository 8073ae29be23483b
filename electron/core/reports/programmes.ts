import type { z } from 'zod';
import { conflict, notFound } from '../api/errors';
import { newId } from '../api/ids';
import { create, defineEntity, write } from '../changes/write';
import type { Context } from '../context';
import type { Db } from '../db/driver';
import { prepared } from '../db/statements';
import { getEvent } from '../events/store';
import type { Programme, programmeAssign, programmeCreate, programmeRename } from './schema';

export const programmeEntity = defineEntity('programme', 'programmes', ['name', 'created_at', 'updated_at'] as const);
/** Keyed by the event's id: which programme it is in (null: none). See migration 0015. */
export const programmeEventEntity = defineEntity('programme_event', 'programme_events', [
  'programme_id',
  'updated_at',
] as const);

interface ProgrammeRow {
  id: string;
  name: string;
  created_at: string;
  updated_at: string;
}

/** A programme's events that this replica holds, by start date: membership may arrive by sync before its event. */
export function programmeEventIds(db: Db, programmeId: string): string[] {
  return prepared(
    db,
    `SELECT e.id FROM programme_events pe JOIN events e ON e.id = pe.id
     WHERE pe.programme_id = ? ORDER BY e.start_date, e.title, e.id`,
  )
    .pluck()
    .all(programmeId) as string[];
}

export function getProgramme(db: Db, id: string): Programme {
  const row = prepared(db, 'SELECT * FROM programmes WHERE id = ?').get(id) as ProgrammeRow | undefined;
  if (!row) throw notFound('Programme', id);
  return toProgramme(db, row);
}

function toProgramme(db: Db, row: ProgrammeRow): Programme {
  return {
    id: row.id,
    name: row.name,
    eventIds: programmeEventIds(db, row.id),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function listProgrammes(db: Db): Programme[] {
  const rows = prepared(db, 'SELECT * FROM programmes ORDER BY name COLLATE NOCASE, id').all() as ProgrammeRow[];
  return rows.map((row) => toProgramme(db, row));
}

/** The programme an event is in, if any. */
export function programmeOf(db: Db, eventId: string): string | null {
  const value = prepared(db, 'SELECT programme_id FROM programme_events WHERE id = ?').pluck().get(eventId) as
    string | null | undefined;
  return value ?? null;
}

function assign(ctx: Context, programmeId: string, eventId: string): void {
  getEvent(ctx.db, eventId);
  const current = programmeOf(ctx.db, eventId);
  if (current === programmeId) return;
  // Moving an event silently out of another programme would change that programme's report behind its owners.
  if (current !== null) {
    const other = getProgramme(ctx.db, current);
    throw conflict(`The event is already in the programme "${other.name}"; remove it from there first.`);
  }
  write(ctx, programmeEventEntity, eventId, { programme_id: programmeId, updated_at: ctx.now().toISOString() });
}

export function createProgramme(ctx: Context, input: z.output<typeof programmeCreate>): Programme {
  const id = newId();
  const now = ctx.now().toISOString();
  create(ctx, programmeEntity, id, { name: input.name, created_at: now, updated_at: now });
  for (const eventId of new Set(input.eventIds)) assign(ctx, id, eventId);
  return getProgramme(ctx.db, id);
}

export function renameProgramme(ctx: Context, input: z.output<typeof programmeRename>): Programme {
  getProgramme(ctx.db, input.id);
  write(ctx, programmeEntity, input.id, { name: input.name, updated_at: ctx.now().toISOString() });
  return getProgramme(ctx.db, input.id);
}

export function assignEvent(ctx: Context, input: z.output<typeof programmeAssign>): Programme {
  getProgramme(ctx.db, input.programmeId);
  assign(ctx, input.programmeId, input.eventId);
  return getProgramme(ctx.db, input.programmeId);
}

export function unassignEvent(ctx: Context, input: z.output<typeof programmeAssign>): Programme {
  getProgramme(ctx.db, input.programmeId);
  if (programmeOf(ctx.db, input.eventId) !== input.programmeId) {
    throw notFound('Event in this programme', input.eventId);
  }
  write(ctx, programmeEventEntity, input.eventId, { programme_id: null, updated_at: ctx.now().toISOString() });
  return getProgramme(ctx.db, input.programmeId);
}
