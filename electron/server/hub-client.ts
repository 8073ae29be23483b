import { randomBytes } from 'node:crypto';
import { recordAction, systemActor } from '../core/audit/record';
import { withJoinedEntry } from '../core/audit/task';
import type { Core } from '../core/context';
import { writeWhenFree } from '../core/db/transaction';
import { hubHeaders, hubKey, requestSignature, responseSignature, sameSignature } from '../core/sync/hub-auth';
import type { VersionVector } from '../core/sync/schema';
import { eventState } from '../core/sync/scope';
import { exportBundle, importBundle, type ImportResult } from '../core/sync/sync';

/** The hub refused, or answered something this kiosk cannot trust. */
export class HubError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HubError';
  }
}

export interface HubRound {
  /** Changes this kiosk sent up (0 when the hub had them all). */
  pushed: number;
  /** What came down and was applied here. */
  pulled: ImportResult;
  /** Whether the kiosk and the hub hold the same changes of the event once the round is done. */
  identical: boolean;
}

/**
 * One sync round with a hub, upload first (so what was checked in here is safe on the hub before anything else),
 * then download: the hub's vector, the bundle of what it lacks, then what this kiosk lacks.
 */
export async function syncWithHub(
  core: Core,
  options: { url: string; eventId: string; passphrase: string; fetch?: typeof fetch },
): Promise<HubRound> {
  const key = await hubKey(options.passphrase, options.eventId);
  const call = async (action: 'status' | 'push' | 'pull', body: Buffer) => {
    const path = `/hub/v1/events/${options.eventId}/${action}`;
    const time = String(core.ctx.now().getTime());
    const device = core.ctx.device;
    const nonce = randomBytes(16).toString('hex');
    const signature = requestSignature(key, { method: 'POST', path, time, device, nonce, body });
    const response = await (options.fetch ?? fetch)(new URL(path, options.url), {
      method: 'POST',
      headers: {
        [hubHeaders.time]: time,
        [hubHeaders.device]: device,
        [hubHeaders.nonce]: nonce,
        [hubHeaders.signature]: signature,
        'content-type': action === 'push' ? 'application/octet-stream' : 'application/json',
      },
      body: new Uint8Array(body),
    });
    const answer = Buffer.from(await response.arrayBuffer());
    const signed = response.headers.get(hubHeaders.signature);
    if (!signed || !sameSignature(signed, responseSignature(key, signature, response.status, answer))) {
      throw new HubError(
        response.status,
        'The hub’s answer is not signed with this event’s key: wrong hub or passphrase.',
      );
    }
    return { status: response.status, body: answer };
  };
  const json = (body: Buffer) => JSON.parse(body.toString('utf8')) as { error?: { message?: string } };
  const refused = (status: number, body: Buffer) =>
    new HubError(status, json(body).error?.message ?? `The hub answered ${status}.`);

  const status = await call('status', Buffer.alloc(0));
  if (status.status !== 200 && status.status !== 404) throw refused(status.status, status.body);
  const hubVector = status.status === 200 ? (json(status.body) as { vector: VersionVector }).vector : undefined;
  // A kiosk joining an event it has never seen has nothing to send and asks for everything.
  const here = core.ctx.db.prepare('SELECT 1 FROM events WHERE id = ?').get(options.eventId) !== undefined;
  let pushed = 0;
  if (here) {
    const up = await exportBundle(core.ctx, {
      eventId: options.eventId,
      passphrase: options.passphrase,
      since: hubVector,
    });
    if (up.changes > 0 || hubVector === undefined) {
      const answer = await call('push', up.bytes);
      if (answer.status !== 200) throw refused(answer.status, answer.body);
    }
    pushed = up.changes;
  }
  if (!here && hubVector === undefined) throw new HubError(404, 'Neither this kiosk nor the hub has this event.');
  const mine = here ? eventState(core.ctx.db, options.eventId).vector : undefined;
  const down = await call('pull', mine ? Buffer.from(JSON.stringify(mine)) : Buffer.alloc(0));
  if (down.status !== 200) throw refused(down.status, down.body);
  // A round that moved anything is in the audit trail: its entry joins the merge of what came down, or, when only an
  // upload happened, follows it.
  const record = (committed: unknown) =>
    recordAction(
      core.ctx,
      systemActor,
      'sync.hub.round',
      { eventId: options.eventId },
      { pushed, ...counts(committed) },
    );
  const joined = await withJoinedEntry(core.ctx.db, record, () =>
    importBundle(core.ctx, down.body, { passphrase: options.passphrase, eventId: options.eventId }),
  );
  let pulled = joined.value;
  if (!joined.written && pushed > 0) await writeWhenFree(core.ctx.db, () => record({}));
  const settled = async () => {
    const after = await call('status', Buffer.alloc(0));
    const theirs = after.status === 200 ? (json(after.body) as { vector: VersionVector; digest: string }) : undefined;
    const ours = eventState(core.ctx.db, options.eventId);
    return {
      identical: theirs?.digest === ours.digest,
      gap: theirs !== undefined && sameVector(theirs.vector, ours.vector),
      pair: `${options.eventId}:${ours.digest}:${theirs?.digest ?? ''}`,
    };
  };
  let after = await settled();
  if (!after.identical && after.gap && !triedRepairs(core).has(after.pair)) {
    triedRepairs(core).add(after.pair);
    // The same newest change from every device, yet different changes: one side has a hole a vector cannot show (a
    // kiosk restored from an older backup made a change before its first round, so its vector claims its own changes
    // the backup lost). Asking "since" would never fill it: both sides send each other everything once, and every
    // change either already had is skipped.
    const whole = await exportBundle(core.ctx, { eventId: options.eventId, passphrase: options.passphrase });
    const answer = await call('push', whole.bytes);
    if (answer.status !== 200) throw refused(answer.status, answer.body);
    const all = await call('pull', Buffer.alloc(0));
    if (all.status !== 200) throw refused(all.status, all.body);
    const { value: filled } = await withJoinedEntry(core.ctx.db, record, () =>
      importBundle(core.ctx, all.body, { passphrase: options.passphrase, eventId: options.eventId }),
    );
    pulled = { ...filled, applied: pulled.applied + filled.applied };
    after = await settled();
  }
  return { pushed, pulled, identical: after.identical };
}

/**
 * The (event, our digest, the hub's digest) states a full exchange was already tried from: one that did not make the
 * two identical (a difference no exchange settles) is not repeated every few seconds. Kept in memory per database.
 */
const repairs = new WeakMap<Core['ctx']['db'], Set<string>>();
function triedRepairs(core: Core): Set<string> {
  let tried = repairs.get(core.ctx.db);
  if (!tried) repairs.set(core.ctx.db, (tried = new Set()));
  if (tried.size > 100) tried.clear();
  return tried;
}

function sameVector(a: VersionVector, b: VersionVector): boolean {
  const devices = Object.keys(a);
  return devices.length === Object.keys(b).length && devices.every((device) => a[device] === b[device]);
}

function counts(committed: unknown): object {
  return typeof committed === 'object' && committed !== null ? committed : {};
}

/**
 * One round with the first of several hubs (instances behind different addresses, serving one database) that
 * answers: when one cannot be reached, or fails inside (5xx), the whole round is done again with the next. A round
 * is safe to repeat: a push the failed hub already stored is a no-op the second time, and a pull is only a read.
 * Refusals (wrong passphrase, a bundle refused) are the same on every hub, so they are not retried.
 */
export async function syncWithHubs(
  core: Core,
  options: { urls: readonly string[]; eventId: string; passphrase: string; fetch?: typeof fetch },
): Promise<HubRound & { url: string }> {
  let last: unknown = new HubError(0, 'No hub address was given.');
  for (const url of options.urls) {
    try {
      return { ...(await syncWithHub(core, { ...options, url })), url };
    } catch (error) {
      const hubFailed = error instanceof HubError ? error.status >= 500 : error instanceof TypeError;
      if (!hubFailed) throw error;
      last = error;
    }
  }
  throw last;
}
