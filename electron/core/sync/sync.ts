import { createHash } from 'node:crypto';
import { ClockDriftError } from '../changes/clock';
import { clockAhead } from './clock-words';
import { conflict, notFound, type MusterError } from '../api/errors';
import type { Context } from '../context';
import { prepared } from '../db/statements';
import { codeClash, personClash } from './clash';
import { runWhenFree, writeWhenFree } from '../db/transaction';
import { applyChanges, type ApplyResult } from './apply';
import { clearWal } from '../erasure/erase';
import { openEnvelope, refuse, seal, syncLimits, unseal, type SyncLimits } from './bundle';
import { openBundle, type OpenedBundle, type OpenInput } from './open';
import { WorkerStopped, type Progress } from '../jobs/worker-host';
import { deviceKey, knownKey, rememberKey, signBytes } from './keys';
import type { SyncChange, VersionVector } from './schema';
import { changesSince, eventChanges, eventState, type ChangeRow } from './scope';

export interface ExportedBundle {
  bytes: Buffer;
  changes: number;
}

function requireEvent(ctx: Context, eventId: string): void {
  if (prepared(ctx.db, 'SELECT 1 FROM events WHERE id = ?').get(eventId) === undefined)
    throw notFound('Event', eventId);
}

/** The event's changes a peer lacks (all of them without `since`), as a sealed bundle signed by this device. */
export async function exportBundle(
  ctx: Context,
  input: {
    eventId: string;
    passphrase: string;
    since?: VersionVector | undefined;
    progress?: (p: Progress) => void;
    /** Aborted by sync.cancel: the export stops at its next await and makes no file. */
    signal?: AbortSignal | undefined;
  },
): Promise<ExportedBundle> {
  requireEvent(ctx, input.eventId);
  input.progress?.({ phase: 'reading', done: 0, total: 0 });
  // Made on this device's first export, which may come after an await (a hub round asks the hub first): an import's
  // save begun meanwhile is waited for.
  const key = await runWhenFree(ctx.db, () => deviceKey(ctx.db, ctx.device, ctx.now()));
  stopIfCancelled(input.signal);
  // One read, in one snapshot: the rows are copied out before any await lets another call write.
  const rows = changesSince(eventChanges(ctx.db, input.eventId), input.since);
  // The body is written as text around each change's stored fields, which are JSON already: parsing and
  // re-serialising 100,000 of them would be most of an export's time.
  const parts: string[] = [];
  for (let start = 0; start < rows.length; start += packChunk) {
    parts.push(
      rows
        .slice(start, start + packChunk)
        .map(changeJson)
        .join(','),
    );
    input.progress?.({ phase: 'sealing', done: Math.min(start + packChunk, rows.length), total: rows.length });
    // Between parts a followed export lets sync.progress and sync.cancel in; the rows were copied out already.
    if (input.signal) await pause(input.signal);
  }
  const json = `{"format":1,"eventId":${JSON.stringify(input.eventId)},"changes":[` + parts.join(',') + ']}';
  // Every change is packed; what is left (compressing, encrypting, signing) has no count of its own.
  input.progress?.({ phase: 'sealing', done: rows.length, total: rows.length });
  const bytes = await seal({
    eventId: input.eventId,
    device: ctx.device,
    publicKey: key.publicKey,
    passphrase: input.passphrase,
    json,
    now: ctx.now(),
    sign: (signed) => signBytes(key.privateKey, signed),
  });
  // Cancelled while the key was derived: the bytes are dropped rather than handed out as if nobody had asked to stop.
  stopIfCancelled(input.signal);
  return { bytes, changes: rows.length };
}

/** Changes written out between two turns of the event loop when an export is followed. */
const packChunk = 2000;

async function pause(signal: AbortSignal): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  stopIfCancelled(signal);
}

/** The end of a cancelled sync, as a worker's end reads, so one place (sync/handlers.ts) turns both into `cancelled`. */
function stopIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new WorkerStopped('cancelled', 'Cancelled.');
}

// Exported for the PostgreSQL hub, which writes its pull bundles the same way.
export function changeJson(row: ChangeRow): string {
  return `{"hlc":${JSON.stringify(row.hlc)},"entity":${JSON.stringify(row.entity)},"id":${JSON.stringify(row.entity_id)},"fields":${row.fields}}`;
}

export interface ImportResult extends ApplyResult {
  eventId: string;
  from: string;
  received: number;
  digest: string;
}

export interface ImportOptions {
  passphrase: string;
  eventId?: string | undefined;
  limits?: SyncLimits;
  /**
   * Checks the bundle somewhere else (the screens pass a worker thread, so the desk stays responsive while a large
   * bundle is verified and validated); by default in line.
   */
  open?: (input: OpenInput) => Promise<OpenedBundle>;
  /** Told each phase: verifying and checking (with changes checked so far), then applying. */
  progress?: (p: Progress) => void;
  /** Who refuses, for a refusal's words: a replica at a kiosk or laptop, or the embedded hub. */
  side?: 'replica' | 'hub';
  /**
   * Aborted by sync.cancel. Looked at before the write transaction starts and never after: the write is one
   * synchronous transaction, so a cancel either lands before it (nothing written) or finds the import done.
   */
  signal?: AbortSignal | undefined;
}

/**
 * Verifies a bundle completely (layout, signature, event, passphrase, size, every change, the sender's key), checks
 * the peer's clock, and only then applies it in one write transaction. A refusal writes nothing.
 */
export async function importBundle(ctx: Context, bytes: Buffer, options: ImportOptions): Promise<ImportResult> {
  const input: OpenInput = {
    bytes,
    passphrase: options.passphrase,
    eventId: options.eventId,
    limits: options.limits ?? syncLimits,
  };
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const again = await appliedAgain(ctx, sha256, bytes, input);
  stopIfCancelled(options.signal);
  if (again) return again;
  const { header, eventId, rows } = await (options.open ?? ((i) => openBundle(i, options.progress)))(input);
  stopIfCancelled(options.signal);
  const known = knownKey(ctx.db, header.device);
  if (known !== undefined && known !== header.publicKey) {
    throw refuse('tampered', `The sync file claims to come from device ${header.device} but is signed by another key.`);
  }
  requireEventFor(ctx, eventId, rows);
  const newest = rows.reduce((max, c) => (c.hlc > max ? c.hlc : max), '');
  options.progress?.({ phase: 'applying', done: 0, total: rows.length });
  let result: ApplyResult;
  try {
    // A bundle opened while an import is being saved (a hub round, or a sync.import begun just before) waits for it.
    result = await writeWhenFree(ctx.db, () => {
      // It may have waited for an import's save: a cancel that came meanwhile still stops it before any write.
      stopIfCancelled(options.signal);
      if (newest) advanceClock(ctx, newest, options.side === 'hub' ? 'the hub’s clock' : 'this device’s clock');
      rememberKey(ctx.db, header.device, header.publicKey, ctx.now());
      const applied = applyChanges(ctx.db, rows);
      if (rows.length >= rememberedBundleChanges) rememberBundle(ctx, sha256, eventId, rows.length);
      return applied;
    });
  } catch (error) {
    // Two kiosks gave one check-in code, or one person's registration for the event, two different records:
    // merge rules cannot pick one, so the bundle is refused whole (rolled back) and staff resolve it on one side.
    const code = String((error as { code?: unknown }).code);
    if (code.startsWith('SQLITE_CONSTRAINT_UNIQUE')) {
      throw conflict(
        clashOf(ctx, eventId, rows, options.side === 'hub' ? 'on the hub' : 'here') ??
          `The sync file clashes with this replica: ${(error as Error).message}. Nothing was changed.`,
      );
    }
    throw refusedRow(code, (error as Error).message) ?? error;
  }
  // An erasure received: pages holding the erased values leave the WAL too (after the commit, as a checkpoint must).
  if (result.erased > 0) clearWal(ctx.db);
  // Read after the commit (no write lock held): the digest a peer compares with its own.
  return {
    ...result,
    eventId,
    from: header.device,
    received: rows.length,
    digest: eventState(ctx.db, eventId).digest,
  };
}

/**
 * Which check-in code, or which person, the bundle gives twice, said as staff can act on it (sync/clash.ts). Read after
 * the rollback, so from the rows as they were and the file's own registrations. Undefined for any other clash.
 */
function clashOf(ctx: Context, eventId: string, rows: readonly SyncChange[], where: string): string | undefined {
  const codes = new Map<string, string>();
  const people = new Map<string, string>();
  for (const change of [...rows].sort((a, b) => (a.hlc < b.hlc ? -1 : 1))) {
    if (change.entity !== 'registration') continue;
    const { code, participant_id: person } = change.fields;
    if (typeof code === 'string') codes.set(change.id, code);
    if (typeof person === 'string') people.set(change.id, person);
  }
  // Another registration of the event holding the value, here or in the file itself (a forwarded file can carry both).
  const other = (column: 'code' | 'participant_id', value: string, registration: string) => {
    const local = prepared(ctx.db, `SELECT code FROM registrations WHERE event_id = ? AND ${column} = ? AND id != ?`)
      .pluck()
      .get(eventId, value, registration) as string | undefined;
    if (local !== undefined) return { code: local };
    const inFile = [...(column === 'code' ? codes : people)].find(([id, v]) => v === value && id !== registration);
    return inFile && { code: codes.get(inFile[0]) };
  };
  for (const [registration, code] of codes) {
    if (other('code', code, registration)) return codeClash(code, where);
  }
  for (const [registration, person] of people) {
    const twice = other('participant_id', person, registration);
    if (twice) return personClash(twice.code, where);
  }
  return undefined;
}

/**
 * A row the bundle cannot write, said as what to do. An edit of a record this replica never received (a file made
 * `--since` a later state, imported before the file it follows) leaves a new row without its required columns or
 * pointing at nothing; a value of the wrong type came from a broken or hand-made file. Either way the transaction
 * rolled back, so nothing was written.
 */
function refusedRow(code: string, detail: string): MusterError | undefined {
  if (code === 'SQLITE_CONSTRAINT_NOTNULL' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return refuse(
      'missing_earlier',
      `The sync file changes records this replica does not have yet (${detail}): it follows an earlier file. ` +
        'Import the earlier file from that kiosk first, or ask it for a full file. Nothing was changed.',
    );
  }
  if (code === 'SQLITE_CONSTRAINT_DATATYPE' || code === 'SQLITE_CONSTRAINT_CHECK' || code === 'SQLITE_MISMATCH') {
    return refuse(
      'invalid_change',
      `The sync file holds a value this Muster cannot store (${detail}). Nothing was changed.`,
    );
  }
  return undefined;
}

/** Bundles this large are remembered once applied; re-reading a small one costs little, and hub rounds are many. */
export const rememberedBundleChanges = 1000;
/** The newest remembered bundles kept: a stick read twice is read the same day. */
const rememberedBundles = 200;

function rememberBundle(ctx: Context, sha256: string, eventId: string, changes: number): void {
  prepared(
    ctx.db,
    'INSERT OR IGNORE INTO applied_bundles (sha256, event_id, changes, applied_at) VALUES (?, ?, ?, ?)',
  ).run(sha256, eventId, changes, ctx.now().toISOString());
  prepared(
    ctx.db,
    `DELETE FROM applied_bundles WHERE sha256 NOT IN
       (SELECT sha256 FROM applied_bundles ORDER BY applied_at DESC LIMIT ${rememberedBundles})`,
  ).run();
}

/**
 * The same file imported again. Its bytes hash to those of a bundle this replica verified and applied whole (the
 * transaction that applied it recorded the hash), and the change log never loses a change, so applying it again
 * would skip every change as a duplicate: the answer is known without unpacking, validating or looking up any of
 * them. What can differ from the first time is still checked as an import would: the event it is imported into, the
 * passphrase (the body is decrypted), and that the event is still here; its sender's key was remembered then.
 */
async function appliedAgain(
  ctx: Context,
  sha256: string,
  bytes: Buffer,
  input: OpenInput,
): Promise<ImportResult | null> {
  const known = prepared(ctx.db, 'SELECT event_id, changes FROM applied_bundles WHERE sha256 = ?').get(sha256) as
    { event_id: string; changes: number } | undefined;
  if (!known) return null;
  const envelope = openEnvelope(bytes, input.limits);
  if (input.eventId !== undefined && envelope.header.eventId !== input.eventId) {
    throw refuse('wrong_event', `The sync file is for another event (${envelope.header.eventId}).`);
  }
  await unseal(envelope, input.passphrase, input.limits);
  requireEvent(ctx, known.event_id);
  return {
    applied: 0,
    duplicates: known.changes,
    erased: 0,
    eventId: known.event_id,
    from: envelope.header.device,
    received: known.changes,
    digest: eventState(ctx.db, known.event_id).digest,
  };
}

/**
 * A bundle that does not create the event can only be applied where the event already is. Checked before writing so
 * the refusal is a clear one rather than a foreign key failing halfway.
 */
function requireEventFor(ctx: Context, eventId: string, changes: readonly SyncChange[]): void {
  if (changes.some((c) => c.entity === 'event')) return;
  requireEvent(ctx, eventId);
}

/**
 * Received timestamps move the clock on, so the next local change sorts after everything seen; one too far ahead is
 * refused (nothing written). The newest seen is kept in meta, so a restart does not forget it.
 */
function advanceClock(ctx: Context, newest: string, clock: string): void {
  try {
    ctx.clock.receive(newest);
  } catch (error) {
    if (error instanceof ClockDriftError)
      throw refuse(
        'clock_ahead',
        clockAhead({ newest, aheadMs: error.aheadMs, now: ctx.now().getTime(), clock }),
        error.aheadMs,
      );
    throw error;
  }
  prepared(
    ctx.db,
    `INSERT INTO meta (key, value) VALUES ('clock_seen', ?)
     ON CONFLICT (key) DO UPDATE SET value = max(value, excluded.value)`,
  ).run(newest);
}

export function syncStatus(
  ctx: Context,
  eventId: string,
): ReturnType<typeof eventState> & { eventId: string; device: string } {
  requireEvent(ctx, eventId);
  return { eventId, device: ctx.device, ...eventState(ctx.db, eventId) };
}
