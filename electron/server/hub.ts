import http from 'node:http';
import { MusterError, type ErrorCode } from '../core/api/errors';
import { close } from './http';
import { defaultMaxDriftMs } from '../core/changes/clock';
import { syncLimits } from '../core/sync/bundle';
import { hubHeaders, hubKey, requestSignature, responseSignature, sameSignature } from '../core/sync/hub-auth';
import { versionVector } from '../core/sync/schema';
import { serveHubPage, type HubPageOptions } from './hub-page';
import type { HubStore } from './hub-store/store';

export type { HubState, HubStore } from './hub-store/store';
export { sqliteHubStore } from './hub-store/sqlite';

/** One line of the hub's structured log. Ids of events and devices only: never names, bodies or passphrases. */
export interface HubLogEntry {
  level: 'info' | 'warn' | 'error';
  msg: string;
  [field: string]: string | number | boolean | undefined;
}

export interface HubOptions {
  store: HubStore;
  passphrase: string;
  /** The hub's wall clock (tests move it). */
  now?: () => number;
  /** Where structured log lines go; nowhere unless told (the command writes JSON lines to stdout). */
  log?: (entry: HubLogEntry) => void;
  /** The join page with a QR code per event, for someone at the hub machine itself (hub-page.ts). */
  page?: HubPageOptions;
}

const route = /^\/hub\/v1\/events\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/(status|push|pull)$/;

class HubRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export interface HubServer {
  server: http.Server;
  /**
   * Stops taking new work and resolves once every request in flight has been answered: the health check answers 503
   * from now on (a load balancer stops sending), idle connections close, and busy ones close after their answer.
   */
  drain(): Promise<void>;
}

/**
 * A headless sync hub: three signed POST endpoints per event (status, push a bundle, pull what the caller lacks),
 * and an unsigned GET /health for load balancers. It answers nothing else, refuses every request not signed with the
 * event's key (401), one too old or too new (clock drift) or seen before (replay), and signs each answer. Binding to
 * loopback or the venue LAN is the caller's.
 */
export function createHubServer(options: HubOptions): HubServer {
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  let draining = false;
  const server = http.createServer((req, res) => {
    if (options.page && serveHubPage(req, res, options.page)) return;
    const started = performance.now();
    let key: Buffer | undefined;
    let requestSig = '';
    const entry: HubLogEntry = { level: 'info', msg: 'request', method: req.method ?? '' };
    const send = (status: number, body: Buffer, type: string) => {
      const headers: Record<string, string | number> = { 'content-type': type, 'content-length': body.length };
      if (key) headers[hubHeaders.signature] = responseSignature(key, requestSig, status, body);
      if (draining) headers.connection = 'close';
      res.writeHead(status, headers).end(body);
      entry.status = status;
      entry.ms = Math.round(performance.now() - started);
      if (status >= 500) entry.level = 'error';
      else if (status >= 400 && entry.level === 'info') entry.level = 'warn';
      log(entry);
    };
    const fail = (error: HubRefusal) => {
      entry.code = error.code;
      send(
        error.status,
        Buffer.from(JSON.stringify({ error: { code: error.code, message: error.message, details: error.details } })),
        'application/json',
      );
    };
    (async () => {
      if (req.url === '/health') {
        entry.action = 'health';
        if (req.method !== 'GET') throw new HubRefusal(405, 'invalid_input', 'The health check takes GET only.');
        if (draining) throw new HubRefusal(503, 'internal', 'The hub is shutting down.');
        await options.store.ping();
        return send(200, Buffer.from(JSON.stringify({ status: 'ok' })), 'application/json');
      }
      const match = route.exec(req.url ?? '');
      if (!match) throw new HubRefusal(404, 'not_found', 'Not a hub endpoint.');
      if (req.method !== 'POST') throw new HubRefusal(405, 'invalid_input', 'Hub endpoints take POST only.');
      const [, eventId = '', action = ''] = match;
      entry.action = action;
      entry.event = eventId;
      const body = await readBody(req, syncLimits.fileBytes);
      entry.bytesIn = body.length;
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
      entry.device = device;
      const at = now();
      if (Math.abs(at - Number(time)) > defaultMaxDriftMs) {
        throw new HubRefusal(401, 'forbidden', 'The request’s time is too far from the hub’s clock.');
      }
      // Signatures seen within twice the drift window: a replayed request is refused, not answered twice.
      if (!(await options.store.firstUse(signature, at, 2 * defaultMaxDriftMs))) {
        throw new HubRefusal(401, 'forbidden', 'This request was already answered (replay).');
      }

      if (action === 'push') {
        const result = await options.store.push(eventId, body, options.passphrase);
        entry.received = result.received;
        entry.applied = result.applied;
        return send(200, Buffer.from(JSON.stringify(result)), 'application/json');
      }
      const state = await options.store.status(eventId);
      if (!state) throw new HubRefusal(404, 'not_found', 'The hub has not seen this event yet.');
      if (action === 'status') return send(200, Buffer.from(JSON.stringify(state)), 'application/json');
      const parsed = versionVector.optional().safeParse(body.length ? JSON.parse(body.toString('utf8')) : undefined);
      if (!parsed.success) throw new HubRefusal(400, 'invalid_input', 'The pull request’s vector is not valid.');
      const bundle = await options.store.pull(eventId, parsed.data, options.passphrase);
      entry.bytesOut = bundle.length;
      return send(200, bundle, 'application/octet-stream');
    })().catch((error: unknown) => {
      if (error instanceof HubRefusal) return fail(error);
      if (error instanceof MusterError) {
        const status = error.code === 'sync_refused' ? 422 : error.code === 'conflict' ? 409 : 400;
        return fail(new HubRefusal(status, error.code, error.message, error.details));
      }
      if (error instanceof SyntaxError) return fail(new HubRefusal(400, 'invalid_input', 'The request is not JSON.'));
      // The error's name and code only: a database error's message or detail can quote the values it was given.
      entry.error = error instanceof Error ? error.name : typeof error;
      const code = (error as { code?: unknown } | null)?.code;
      if (typeof code === 'string') entry.errorCode = code;
      return fail(new HubRefusal(500, 'internal', 'The hub could not answer; nothing was changed.'));
    });
  });
  // Longer than a load balancer's idle timeout (60 s on common ones), so the proxy, not the hub, closes an idle
  // connection; with Node's 5 s a kiosk busy sealing its bundle could send its push on a socket the hub was closing.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return {
    server,
    drain: () => {
      draining = true;
      return close(server);
    },
  };
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
