import { erasedSignature } from '../erasure/fields';
import type { Progress } from '../jobs/worker-host';
import { signatureProblem } from '../kiosk/png';
import { openEnvelope, refuse, unseal, type BundleHeader, type SyncLimits } from './bundle';
import { verifyBytes } from './keys';
import { bundleBody, syncChange, type SyncChange } from './schema';

export interface OpenInput {
  bytes: Uint8Array;
  passphrase: string;
  eventId?: string | undefined;
  limits: SyncLimits;
}

export interface OpenedBundle {
  header: BundleHeader;
  eventId: string;
  /** The validated changes (named `rows` so a worker sends a long list ahead in parts, see jobs/worker-host.ts). */
  rows: SyncChange[];
}

/** Changes validated between two progress reports. */
const chunk = 5000;

/**
 * Everything an import checks that needs no database: layout, signature, event, passphrase, unpacked size, and every
 * change against its schema, naming nothing outside the event. Pure and synchronous apart from scrypt, so it runs
 * on a worker thread for the screens (the desk stays responsive while a large bundle is checked) or in line.
 */
export async function openBundle(input: OpenInput, progress: (p: Progress) => void = () => {}): Promise<OpenedBundle> {
  const bytes = Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength);
  progress({ phase: 'verifying', done: 0, total: 0 });
  const envelope = openEnvelope(bytes, input.limits);
  const { header } = envelope;
  if (!verifyBytes(header.publicKey, envelope.signed, envelope.signature)) {
    throw refuse('tampered', 'The sync file’s signature does not match its content: it was altered or damaged.');
  }
  if (input.eventId !== undefined && header.eventId !== input.eventId) {
    throw refuse('wrong_event', `The sync file is for another event (${header.eventId}).`);
  }
  const json = await unseal(envelope, input.passphrase, input.limits);
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw refuse('invalid_change', 'The sync file’s content is not readable.');
  }
  // The envelope first (format, event, a list), then the changes in parts so a screen sees the count move.
  const shell = bundleBody.omit({ changes: true }).extend({ changes: syncChange.array().length(0) });
  const list = (raw as { changes?: unknown } | null)?.changes;
  const outer = shell.safeParse({ ...(raw as object), changes: [] });
  if (!outer.success || !Array.isArray(list)) throw invalid(outer.success ? undefined : outer.error.issues[0]);
  const rows: SyncChange[] = [];
  for (let start = 0; start < list.length; start += chunk) {
    progress({ phase: 'checking', done: start, total: list.length });
    for (let i = start; i < Math.min(list.length, start + chunk); i++) {
      const parsed = syncChange.safeParse(list[i]);
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        throw invalid(first && { ...first, path: ['changes', i, ...first.path] });
      }
      rows.push(withUsableSignature(parsed.data));
    }
  }
  const eventId = outer.data.eventId;
  if (eventId !== header.eventId) throw refuse('tampered', 'The sync file’s content is for another event.');
  for (const change of rows) {
    const keyedByEvent =
      change.entity === 'event' || change.entity === 'badge_key' || change.entity === 'feedback_form';
    const named = keyedByEvent ? change.id : change.fields['event_id'];
    if (named !== undefined && named !== eventId) {
      throw refuse('wrong_event', `The sync file holds a ${change.entity} of another event.`);
    }
  }
  progress({ phase: 'checking', done: list.length, total: list.length });
  return { header, eventId, rows };
}

function invalid(issue: { path: PropertyKey[]; message: string } | undefined) {
  const where = issue ? ` (${issue.path.map(String).join('.')}: ${issue.message})` : '';
  return refuse('invalid_change', `The sync file holds a change this Muster cannot apply${where}.`);
}

/**
 * A peer's signature that is not a real one (not a PNG, damaged, oversized, blank or a dot: kiosk/png.ts) arrives
 * blank, as an erased person's does: the check-in it belongs to is a fact and lands, the sign-in sheet shows the empty
 * box to sign on paper, and the rest of the bundle applies. The row and the change are still kept (blank), so its id
 * keeps re-sent copies out and the change's timestamp counts in the digest; every replica applies the same rule, so
 * they agree. Checked here rather than in the apply step because decoding is pure work that belongs on the worker.
 */
function withUsableSignature(change: SyncChange): SyncChange {
  if (change.entity !== 'signature') return change;
  const png = change.fields['png'];
  if (png === erasedSignature.png) return change;
  if (typeof png === 'string' && signatureProblem(Buffer.from(png, 'base64')) === null) return change;
  return { ...change, fields: { ...change.fields, ...erasedSignature } };
}
