import type { Session, WebContents } from 'electron';
import { isAppUrl } from './origin';

/**
 * Muster loads nothing remote and runs one page. Everything here follows from that: any navigation, popup, webview,
 * permission or request that is not the app's own is refused, and the refusals are pure functions so they can be
 * tested without Electron.
 */

interface Preventable {
  url: string;
  preventDefault(): void;
}

/** Navigation is allowed only within app://muster; the SPA's own routing uses the History API and never gets here. */
export function guardNavigation(event: Preventable): void {
  if (isAppUrl(event.url)) return;
  event.preventDefault();
  console.warn(`[muster] blocked navigation to ${event.url}`);
}

/**
 * Every window.open and target=_blank is denied, external https links included. The kiosk has no reason to open a
 * browser, a browser would put staff one click from the web with a participant's screen behind them, and passing a
 * page-chosen URL to shell.openExternal is the classic way a renderer bug becomes code execution on the host.
 */
export function denyWindowOpen(details: { url: string }): { action: 'deny' } {
  console.warn(`[muster] blocked a new window for ${details.url}`);
  return { action: 'deny' };
}

export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', guardNavigation);
  contents.on('will-frame-navigate', guardNavigation);
  contents.on('will-redirect', guardNavigation);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(denyWindowOpen);
}

export interface PermissionRequestDetails {
  requestingUrl?: string;
  securityOrigin?: string;
  mediaTypes?: readonly string[];
}

/**
 * The camera (for scanning badges and taking photos) is the only permission the app asks for. Microphone is refused
 * even alongside video: a kiosk in a room of officials must not be able to record what they say.
 */
export function allowPermissionRequest(permission: string, details: PermissionRequestDetails): boolean {
  if (permission !== 'media') return false;
  if (!isAppUrl(details.requestingUrl)) return false;
  if (details.securityOrigin !== undefined && !isAppUrl(details.securityOrigin)) return false;
  const types = details.mediaTypes ?? [];
  return types.length > 0 && types.every((type) => type === 'video');
}

/** The synchronous check (navigator.permissions, device enumeration) must agree with the request handler. */
export function allowPermissionCheck(permission: string, requestingOrigin: string, mediaType?: string): boolean {
  return permission === 'media' && isAppUrl(requestingOrigin) && mediaType === 'video';
}

const localSchemes = new Set(['data:', 'blob:', 'mediastream:', 'devtools:']);

/** No remote content at all: anything that is not the app's own or in-memory data never leaves the machine. */
export function allowRequest(url: string): boolean {
  if (isAppUrl(url)) return true;
  try {
    return localSchemes.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

export function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const allowed = allowPermissionRequest(permission, details);
    if (!allowed) console.warn(`[muster] denied permission ${permission} for ${details.requestingUrl}`);
    callback(allowed);
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    allowPermissionCheck(permission, requestingOrigin, details.mediaType),
  );
  // USB, HID and serial devices: no feature needs them, and each is a way to reach hardware from a web page.
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onBeforeRequest({ urls: ['<all_urls>'] }, (details, callback) => {
    const allowed = allowRequest(details.url);
    if (!allowed) console.warn(`[muster] blocked request to ${details.url}`);
    callback({ cancel: !allowed });
  });
}
