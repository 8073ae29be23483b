import http from 'node:http';
import { MusterError } from '../core/api/errors';
import type { Core } from '../core/context';
import { defaultMaxDriftMs } from '../core/changes/clock';
import { syncLimits } from '../core/sync/bundle';
import { hubHeaders, hubKey, requestSignature, responseSignature, sameSignature } from '../core/sync/hub-auth';
import { versionVector, type VersionVector } from '../core/sync/schema';
import { eventState } from '../core/sync/scope';
import { exportBundle, importBundle, type ImportResult } from '../core/sync/sync';
import { serveHubPage, type HubPageOptions } from './hub-page';

/**
 * What a hub keeps: a replica's three sync operations for an event. The SQLite core is one implementation; a hub
 * for headquarters on PostgreSQL (many events, several hub instances) implements the same three.
 */
export interface HubStore {
  /** The hub's version vector and digest of the event, or null when it has never seen it. */
  status(eventId: string): { vector: VersionVector; digest: string } | null;
  /** A sealed bundle of what a peer with `since` lacks. */
  pull(eventId: string, since: VersionVector | undefined, passphrase: string): Promise<Buffer>;
  /** Applies a kiosk's bundle (verified whole first, as any import). */
  push(eventId: string, bundle: Buffer, passphrase: string): Promise<ImportResult>;
}

export function sqliteHubStore(core: Core): HubStore {
  const known = (eventId: string) =>
    core.ctx.db.prepare('SELECT 1 FROM events WHERE id = ?').get(eventId) !== undefined;
  return {
    status: (eventId) => {
      if (!known(eventId)) return null;
      const { vector, digest } = eventState(core.ctx.db, eventId);
      return { vector, digest };
    },
    pull: async (eventId, since, passphrase) => (await exportBundle(core.ctx, { eventId, passphrase, since })).bytes,
    push: (eventId, bundle, passphrase) => importBundle(core.ctx, bundle, { passphrase, eventId }),
  };
}

export interface HubOptions {
  store: HubStore;
  passphrase: string;
  /** The hub's wall clock (tests move it). */
  now?: () => number;
  /** The join page with a QR code per event, for someone at the hub machine itself (hub-page.ts). */
  page?: HubPageOptions;
}

const route = /^\/hub\/v1\/events\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/(status|push|pull)$/;

class HubRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/**
 * A headless sync hub: three signed POST endpoints per event (status, push a bundle, pull what the caller lacks).
 * It answers nothing else, refuses every request not signed with the event's key (401), one too old or too new
 * (clock drift) or seen before (replay), and signs each answer. Binding to loopback or the venue LAN is the caller's.
 */
export function createHubServer(options: HubOptions): http.Server {
  const now = options.now ?? Date.now;
  // Signatures seen within the drift window: a replayed request is refused, not answered twice.
  const seen = new Map<string, number>();
  return http.createServer((req, res) => {
    if (options.page && serveHubPage(req, res, options.page)) return;
    let key: Buffer | undefined;
    let requestSig = '';
    const send = (status: number, body: Buffer, type: string) => {
      const headers: Record<string, string | number> = { 'content-type': type, 'content-length': body.length };
      if (key) headers[hubHeaders.signature] = responseSignature(key, requestSig, status, body);
      res.writeHead(status, headers).end(body);
    };
    const fail = (error: HubRefusal) =>
      send(
        error.status,
        Buffer.from(JSON.stringify({ error: { code: error.code, message: error.message, details: error.details } })),
        'application/json',
      );
    (async () => {
      const match = route.exec(req.url ?? '');
      if (!match) throw new HubRefusal(404, 'not_found', 'Not a hub endpoint.');
      if (req.method !== 'POST') throw new HubRefusal(405, 'invalid_input', 'Hub endpoints take POST only.');
      const [, eventId = '', action = ''] = match;
      const body = await readBody(req, syncLimits.fileBytes);
      const time = header(req, hubHeaders.time);
      const device = header(req, hubHeaders.device);
      const signature = header(req, hubHeaders.signature);
      const nonce = header(req, hubHeaders.nonce);
      if (
        !time ||
        !device ||
        !signature ||
        !nonce ||
        !/^\d{1,15}$/.test(time) ||
        !/^[0-9a-f]{16,64}$/.test(nonce) ||
        !/^[0-9a-f]{16}$/.test(device)
      ) {
        throw new HubRefusal(401, 'forbidden', 'The request is not signed.');
      }
      const candidate = await hubKey(options.passphrase, eventId);
      const expected = requestSignature(candidate, { method: 'POST', path: req.url ?? '', time, device, nonce, body });
      if (!sameSignature(expected, signature))
        throw new HubRefusal(401, 'forbidden', 'The request signature is wrong.');
      key = candidate;
      requestSig = signature;
      const at = now();
      if (Math.abs(at - Number(time)) > defaultMaxDriftMs) {
        throw new HubRefusal(401, 'forbidden', 'The request’s time is too far from the hub’s clock.');
      }
      for (const [sig, when] of seen) if (at - when > 2 * defaultMaxDriftMs) seen.delete(sig);
      if (seen.has(signature)) throw new HubRefusal(401, 'forbidden', 'This request was already answered (replay).');
      seen.set(signature, at);

      const state = options.store.status(eventId);
      if (action === 'status') {
        if (!state) throw new HubRefusal(404, 'not_found', 'The hub has not seen this event yet.');
        return send(200, Buffer.from(JSON.stringify(state)), 'application/json');
      }
      if (action === 'push') {
        const result = await options.store.push(eventId, body, options.passphrase);
        return send(200, Buffer.from(JSON.stringify(result)), 'application/json');
      }
      if (!state) throw new HubRefusal(404, 'not_found', 'The hub has not seen this event yet.');
      const parsed = versionVector.optional().safeParse(body.length ? JSON.parse(body.toString('utf8')) : undefined);
      if (!parsed.success) throw new HubRefusal(400, 'invalid_input', 'The pull request’s vector is not valid.');
      return send(200, await options.store.pull(eventId, parsed.data, options.passphrase), 'application/octet-stream');
    })().catch((error: unknown) => {
      if (error instanceof HubRefusal) return fail(error);
      if (error instanceof MusterError) {
        const status = error.code === 'sync_refused' ? 422 : error.code === 'conflict' ? 409 : 400;
        return fail(new HubRefusal(status, error.code, error.message, error.details));
      }
      if (error instanceof SyntaxError) return fail(new HubRefusal(400, 'invalid_input', 'The request is not JSON.'));
      console.error('[muster] hub request failed:', error);
      return fail(new HubRefusal(500, 'internal', 'The hub could not answer; nothing was changed.'));
    });
  });
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

function readBody(req: http.IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        reject(new HubRefusal(413, 'sync_refused', 'The request is larger than a sync bundle can be.'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
