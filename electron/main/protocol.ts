import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CustomScheme, Protocol } from 'electron';
import { contentSecurityPolicy } from '../server/csp';
import { appScheme, isAppUrl } from './origin';

/**
 * app:// is standard (relative URLs and a real origin, so the CSP's 'self' means app://muster), secure (camera access
 * and other secure-context APIs work) and fetch-capable. It does not bypass CSP and gets no service workers: nothing
 * here needs them, and both would widen what a compromised page could do.
 */
export const appSchemePrivileges: CustomScheme = {
  scheme: appScheme,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
};

/** Unknown types are served as opaque bytes, which nosniff then stops Chromium from running as script or style. */
export function mimeTypeOf(file: string): string {
  return mimeTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps the percent-encoded path of an app:// URL to a file inside `root`, or null to refuse it. Decodes first, so
 * `..%2f` and `%5c` are seen for what they are, then refuses rather than normalises anything suspicious: a page
 * that asks for `..` or a drive letter is not one of ours. Extensionless paths are client-side routes and get the
 * single page's index.html; a missing asset must stay a 404, not turn into HTML.
 */
export function resolveAppPath(root: string, encodedPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(encodedPath);
  } catch {
    return null;
  }
  // Control characters (NUL above all) and backslashes have no place in our asset names and mean different things
  // to different layers (C strings, Windows paths).
  if (!decoded.startsWith('/') || decoded.includes('\\') || hasControlCharacter(decoded)) return null;
  const segments = decoded.slice(1).split('/');
  // Refused, never normalised: `..` and `.`, a drive letter or stream name (`:`), and an empty segment before the
  // last one, which is `//` smuggling an absolute path in after the first slash.
  const hostile = segments.some(
    (s, i) => s === '..' || s === '.' || s.includes(':') || (s === '' && i < segments.length - 1),
  );
  if (hostile) return null;

  const base = path.resolve(root);
  const last = segments[segments.length - 1] ?? '';
  const wanted = last === '' || path.extname(last) === '' ? ['index.html'] : segments;
  const file = path.resolve(base, ...wanted);
  const relative = path.relative(base, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return file;
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** Sent with every app:// answer, errors included, so no response ever reaches the page without the policy. */
export function securityHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  };
}

export type ReadAsset = (file: string) => Promise<Uint8Array>;

/** The app:// request handler: read-only, GET/HEAD only, nothing outside `root`. */
export function createAppHandler(root: string, read: ReadAsset = readFile): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    if (!isAppUrl(request.url)) return plain(404, 'Not found');
    const file = resolveAppPath(root, new URL(request.url).pathname);
    if (file === null) return plain(403, 'Refused');
    let body: Uint8Array;
    try {
      body = await read(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return plain(404, 'Not found');
      console.error(`[muster] cannot read ${file}:`, error);
      return plain(500, 'Cannot read this file');
    }
    const headers = securityHeaders(mimeTypeOf(file));
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: securityHeaders('text/plain; charset=utf-8') });
}

/** Must run before the app is ready: Chromium fixes the scheme table at startup. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([appSchemePrivileges]);
}

export function serveApp(protocol: Pick<Protocol, 'handle'>, root: string): void {
  protocol.handle(appScheme, createAppHandler(root));
}
