import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { newSession, sessionCaller, SessionStore } from '../core/access/session';
import { isMethod, maxRequestBytes } from '../core/api/contract';
import type { Dispatch } from '../core/api/dispatch';
import type { ApiError, ErrorCode, Result } from '../core/api/errors';
import { contentType, resolveStaticFile, securityHeaders } from './static-files';

export interface HttpOptions {
  dispatch: Dispatch;
  /** The built renderer to serve; omit for an API-only server (the sync hub). */
  staticDir?: string;
  /** Largest request body accepted, in bytes, for methods that declare no larger limit (files do). */
  maxBody?: number;
  /** Who is signed in on which browser; a fresh store unless the caller shares one. */
  sessions?: SessionStore;
}

/**
 * The session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it). Browsers do not
 * tell ports apart for cookies, so the port is in its name: two `muster serve` on one machine keep their own.
 */
export const sessionCookie = (port: number): string => `muster_session_${port}`;

const statusFor: Record<ErrorCode, number> = {
  invalid_input: 400,
  not_found: 404,
  unknown_method: 404,
  conflict: 409,
  already_checked_in: 409,
  cancelled: 409,
  forbidden: 403,
  signed_out: 401,
  locked: 401,
  invalid_badge: 422,
  rate_limited: 429,
  sync_refused: 422,
  storage_full: 507,
  storage_failed: 503,
  internal: 500,
};

/**
 * The HTTP transport: the same contract as IPC at POST /api/<method>, plus the built renderer. It is meant for this
 * machine only, so it answers only requests addressed to a loopback host (no DNS rebinding) and, from browsers, only
 * its own origin (no cross-site requests from other pages the user has open).
 */
export function createHttpServer(options: HttpOptions): http.Server {
  const maxBody = options.maxBody ?? 1024 * 1024;
  const sessions = options.sessions ?? new SessionStore();
  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[muster] HTTP request failed:', error);
      if (!res.headersSent) sendResult(res, { ok: false, error: { code: 'internal', message: 'Request failed.' } });
      else res.destroy();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // The port this request came in on: while the server is closing it no longer has an address of its own, but a
    // connection opened before still does, and its last requests deserve a real answer.
    const port = req.socket.localPort ?? 0;
    if (!isLoopbackHost(req.headers.host, port)) return refuse(res, 421, 'This server answers only on this machine.');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return refuseCall(res, 405, 'Use POST for API calls.');
      const origin = req.headers.origin;
      if (origin !== undefined && !isLoopbackOrigin(origin, port))
        return refuseCall(res, 403, 'Cross-origin calls are refused.', 'forbidden');
      // Requiring JSON also makes a cross-site form post impossible without a CORS preflight, which we never grant.
      if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
        return refuseCall(res, 415, 'Send the input as application/json.');
      }
      const method = decodePath(url.pathname.slice('/api/'.length));
      // An import carries its file in the request (base64): its method says how much it may send.
      const limit = isMethod(method) ? Math.max(maxBody, maxRequestBytes(method) ?? 0) : maxBody;
      const body = await readBody(req, limit);
      if (body === null) return refuseCall(res, 413, `The request is larger than ${limit} bytes.`);
      let input: unknown;
      try {
        input = body.length ? JSON.parse(body) : {};
      } catch {
        return refuseCall(res, 400, 'The request body is not valid JSON.');
      }
      // A browser's session, by its cookie; without one, a fresh signed-out session, kept only if it signs in.
      const token = readCookie(req.headers.cookie, sessionCookie(port));
      const known = sessions.get(token);
      const session = known ?? newSession();
      const before = session.member?.id;
      const result = await options.dispatch(method ?? '', input, sessionCaller(session));
      // A new token at every sign-in (OWASP's session renewal): a token someone else knew before, signed out, or
      // planted by a page on another loopback port (cookies do not tell ports apart), never becomes this member's.
      if (session.member && session.member.id !== before) {
        if (known && token !== undefined) sessions.forget(token);
        const cookie = `${sessionCookie(port)}=${sessions.keep(session)}; Path=/; HttpOnly; SameSite=Strict`;
        res.setHeader('Set-Cookie', cookie);
      }
      return sendResult(res, result);
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed.');
    if (!options.staticDir) return refuse(res, 404, 'Not found.');
    const file = resolveStaticFile(options.staticDir, url.pathname);
    if (!file) return refuse(res, 404, 'Not found.');
    let content: Buffer;
    try {
      content = await readFile(file);
    } catch {
      return refuse(res, 404, 'Not found.');
    }
    res.writeHead(200, {
      ...securityHeaders,
      'Content-Type': contentType(file),
      'Content-Length': content.length,
      // Vite fingerprints assets, so they never change; the page itself must always be fresh.
      'Cache-Control': url.pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : content);
  }

  return server;
}

/** Starts listening and resolves with the base URL. Port 0 picks a free port. */
export function listen(server: http.Server, port = 0, host = '127.0.0.1'): Promise<URL> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve(new URL(`http://${shown}:${address.port}`));
    });
  });
}

/** Stops taking requests, lets those in flight finish, then closes idle connections. */
export function close(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}

const loopbackNames = new Set(['127.0.0.1', 'localhost', '[::1]']);

function isLoopbackHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host.toLowerCase());
  return !!match && loopbackNames.has(match[1] ?? '') && Number(match[2] ?? 80) === port;
}

function isLoopbackOrigin(origin: string, port: number): boolean {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && isLoopbackHost(url.host, port);
  } catch {
    return false;
  }
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

function decodePath(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

function readBody(req: http.IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendResult(res: http.ServerResponse, result: Result<unknown>, status?: number): void {
  status ??= result.ok ? 200 : statusFor[result.error.code];
  const body = JSON.stringify(result);
  res.writeHead(status, {
    ...securityHeaders,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

/** API refusals still answer with a Result, so every client handles one shape. */
function refuseCall(
  res: http.ServerResponse,
  status: number,
  message: string,
  code: ApiError['code'] = 'invalid_input',
): void {
  const error: ApiError = { code, message };
  sendResult(res, { ok: false, error }, status);
}

function refuse(res: http.ServerResponse, status: number, message: string): void {
  res.writeHead(status, { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(message);
}
