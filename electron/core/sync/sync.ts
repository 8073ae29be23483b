import { ClockDriftError } from '../changes/clock';
import { conflict, notFound } from '../api/errors';
import type { Context } from '../context';
import { prepared } from '../db/statements';
import { writeTransaction } from '../db/transaction';
import { applyChanges, type ApplyResult } from './apply';
import { openEnvelope, refuse, seal, syncLimits, unseal, type SyncLimits } from './bundle';
import { deviceKey, knownKey, rememberKey, signBytes, verifyBytes } from './keys';
import { bundleBody, type BundleBody, type VersionVector } from './schema';
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
  input: { eventId: string; passphrase: string; since?: VersionVector | undefined },
): Promise<ExportedBundle> {
  requireEvent(ctx, input.eventId);
  const key = deviceKey(ctx.db, ctx.device, ctx.now());
  // One read, in one snapshot: the rows are copied out before any await lets another call write.
  const rows = changesSince(eventChanges(ctx.db, input.eventId), input.since);
  // The body is written as text around each change's stored fields, which are JSON already: parsing and
  // re-serialising 100,000 of them would be most of an export's time.
  const json =
    `{"format":1,"eventId":${JSON.stringify(input.eventId)},"changes":[` + rows.map(changeJson).join(',') + ']}';
  const bytes = await seal({
    eventId: input.eventId,
    device: ctx.device,
    publicKey: key.publicKey,
    passphrase: input.passphrase,
    json,
    now: ctx.now(),
    sign: (signed) => signBytes(key.privateKey, signed),
  });
  return { bytes, changes: rows.length };
}

function changeJson(row: ChangeRow): string {
  return `{"hlc":${JSON.stringify(row.hlc)},"entity":${JSON.stringify(row.entity)},"id":${JSON.stringify(row.entity_id)},"fields":${row.fields}}`;
}

export interface ImportResult extends ApplyResult {
  eventId: string;
  from: string;
  received: number;
  digest: string;
}

/**
 * Verifies a bundle completely (layout, signature, sender's key, event, passphrase, size, every change), checks the
 * peer's clock, and only then applies it in one write transaction. A refusal writes nothing.
 */
export async function importBundle(
  ctx: Context,
  bytes: Buffer,
  input: { passphrase: string; eventId?: string | undefined; limits?: SyncLimits },
): Promise<ImportResult> {
  const limits = input.limits ?? syncLimits;
  const envelope = openEnvelope(bytes, limits);
  const { header } = envelope;
  if (!verifyBytes(header.publicKey, envelope.signed, envelope.signature)) {
    throw refuse('tampered', 'The sync file’s signature does not match its content: it was altered or damaged.');
  }
  const known = knownKey(ctx.db, header.device);
  if (known !== undefined && known !== header.publicKey) {
    throw refuse('tampered', `The sync file claims to come from device ${header.device} but is signed by another key.`);
  }
  if (input.eventId !== undefined && header.eventId !== input.eventId) {
    throw refuse('wrong_event', `The sync file is for another event (${header.eventId}).`);
  }
  const json = await unseal(envelope, input.passphrase, limits);
  const body = parseBody(json);
  if (body.eventId !== header.eventId) throw refuse('tampered', 'The sync file’s content is for another event.');
  checkScope(body);
  requireEventFor(ctx, body);
  const newest = body.changes.reduce((max, c) => (c.hlc > max ? c.hlc : max), '');
  let result: ApplyResult;
  try {
    result = writeTransaction(ctx.db, () => {
      if (newest) advanceClock(ctx, newest);
      rememberKey(ctx.db, header.device, header.publicKey, ctx.now());
      return applyChanges(ctx.db, body.changes);
    });
  } catch (error) {
    // Two kiosks gave one check-in code, or one person's registration for the event, two different records:
    // merge rules cannot pick one, so the bundle is refused whole (rolled back) and staff resolve it on one side.
    if (String((error as { code?: unknown }).code).startsWith('SQLITE_CONSTRAINT_UNIQUE')) {
      throw conflict(`The sync file clashes with this replica: ${(error as Error).message}. Nothing was changed.`);
    }
    throw error;
  }
  // Read after the commit (no write lock held): the digest a peer compares with its own.
  return {
    ...result,
    eventId: body.eventId,
    from: header.device,
    received: body.changes.length,
    digest: eventState(ctx.db, body.eventId).digest,
  };
}

function parseBody(json: string): BundleBody {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw refuse('invalid_change', 'The sync file’s content is not readable.');
  }
  const parsed = bundleBody.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first ? ` (${first.path.join('.')}: ${first.message})` : '';
    throw refuse('invalid_change', `The sync file holds a change this Muster cannot apply${where}.`);
  }
  return parsed.data;
}

/** Records that name their event must name the bundle's: a bundle never writes into another event. */
function checkScope(body: BundleBody): void {
  for (const change of body.changes) {
    const named = change.entity === 'event' || change.entity === 'badge_key' ? change.id : change.fields['event_id'];
    if (named !== undefined && named !== body.eventId) {
      throw refuse('wrong_event', `The sync file holds a ${change.entity} of another event.`);
    }
  }
}

/**
 * A bundle that does not create the event can only be applied where the event already is. Checked before writing so
 * the refusal is a clear one rather than a foreign key failing halfway.
 */
function requireEventFor(ctx: Context, body: BundleBody): void {
  if (body.changes.some((c) => c.entity === 'event')) return;
  requireEvent(ctx, body.eventId);
}

/**
 * Received timestamps move the clock on, so the next local change sorts after everything seen; one too far ahead is
 * refused (nothing written). The newest seen is kept in meta, so a restart does not forget it.
 */
function advanceClock(ctx: Context, newest: string): void {
  try {
    ctx.clock.receive(newest);
  } catch (error) {
    if (error instanceof ClockDriftError) throw refuse('clock_ahead', error.message, error.aheadMs);
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
