import { readFile } from 'node:fs/promises';
import type { CustomScheme, Protocol } from 'electron';
import { contentType, resolveStaticFile, securityHeaders } from '../server/static-files';
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

/** The page is never cached: an update must show at once, and assets are small and local. */
function headers(type: string): Record<string, string> {
  return { ...securityHeaders, 'Content-Type': type, 'Cache-Control': 'no-cache' };
}

export type ReadAsset = (file: string) => Promise<Uint8Array>;

/** The app:// request handler: read-only, GET/HEAD only, nothing outside `root`. */
export function createAppHandler(root: string, read: ReadAsset = readFile): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    if (!isAppUrl(request.url)) return plain(404, 'Not found');
    const file = resolveStaticFile(root, new URL(request.url).pathname);
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
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: headers(contentType(file)),
    });
  };
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: headers('text/plain; charset=utf-8') });
}

/** Must run before the app is ready: Chromium fixes the scheme table at startup. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([appSchemePrivileges]);
}

export function serveApp(protocol: Pick<Protocol, 'handle'>, root: string): void {
  protocol.handle(appScheme, createAppHandler(root));
}
