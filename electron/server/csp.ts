/**
 * The Content-Security-Policy for every page Muster serves, over app:// in Electron and over HTTP in browser mode:
 * nothing remote, no inline script, no eval. Camera frames arrive as blob:/mediastream: URLs.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
