import path from 'node:path';
import { contentSecurityPolicy } from './csp';

// Serving the built screens, shared by the two transports that do it: the app:// protocol in Electron and HTTP in
// browser mode. One path check and one set of headers guard both.

const types: Record<string, string> = {
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

/** Unknown types are served as opaque bytes, which nosniff then stops the browser from running as script or style. */
export function contentType(file: string): string {
  return types[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Sent with every answer, errors included, so nothing reaches a page without the policy. */
export const securityHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

/**
 * Maps the percent-encoded path of a request to a file inside `root`, or null to refuse it. Decodes first, so
 * `..%2f` and `%5c` are seen for what they are, then refuses rather than normalises anything suspicious: a page
 * that asks for `..` or a drive letter is not one of ours. Extensionless paths are client-side routes and get the
 * single page's index.html; a missing asset must stay a 404, not turn into HTML.
 */
export function resolveStaticFile(root: string, encodedPath: string): string | null {
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
