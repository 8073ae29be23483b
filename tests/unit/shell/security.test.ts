import type { Session, WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  allowPermissionCheck,
  allowPermissionRequest,
  allowRequest,
  denyWindowOpen,
  hardenSession,
  hardenWebContents,
} from '../../../electron/main/security';
import { createStandIn, StandInWebContents } from './electron-stand-in';

const foreignUrls = [
  'https://evil.example/',
  'http://127.0.0.1:5173/',
  'http://localhost/',
  'file:///etc/passwd',
  'app://evil/',
  'app://muster.evil.example/',
  'about:blank',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
];

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

function harden(): StandInWebContents {
  const contents = new StandInWebContents();
  hardenWebContents(contents as unknown as WebContents);
  return contents;
}

function navigate(contents: StandInWebContents, event: string, url: string): boolean {
  const details = { url, preventDefault: vi.fn() };
  contents.emit(event, details);
  return details.preventDefault.mock.calls.length === 0;
}

describe('web contents guards', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s stays inside app://muster', (event) => {
    const contents = harden();
    expect(navigate(contents, event, 'app://muster/')).toBe(true);
    expect(navigate(contents, event, 'app://muster/events/1')).toBe(true);
    for (const url of foreignUrls) expect(navigate(contents, event, url), url).toBe(false);
  });

  it('denies every new window, https links included', () => {
    const contents = harden();
    expect(contents.windowOpenHandler).toBe(denyWindowOpen);
    for (const url of ['https://example.org/', 'app://muster/', 'mailto:a@b.c', ...foreignUrls]) {
      expect(denyWindowOpen({ url })).toEqual({ action: 'deny' });
    }
  });

  it('refuses to attach a webview', () => {
    const contents = harden();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, { nodeIntegration: true }, { src: 'https://evil.example/' });
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });
});

describe('permissions', () => {
  const camera = { requestingUrl: 'app://muster/checkin', securityOrigin: 'app://muster/', mediaTypes: ['video'] };

  function hardened() {
    const { session } = createStandIn();
    hardenSession(session.defaultSession as unknown as Session);
    const request = (permission: string, details: object) => {
      const callback = vi.fn();
      session.defaultSession.permissionRequest?.(null, permission, callback, { isMainFrame: true, ...details });
      expect(callback).toHaveBeenCalledOnce();
      return callback.mock.calls[0]?.[0] as boolean;
    };
    const check = (permission: string, origin: string, details: object = {}) =>
      session.defaultSession.permissionCheck?.(null, permission, origin, { isMainFrame: true, ...details });
    return { session: session.defaultSession, request, check };
  }

  it('grants the camera to the app itself', () => {
    const { request, check } = hardened();
    expect(request('media', camera)).toBe(true);
    expect(check('media', 'app://muster', { mediaType: 'video' })).toBe(true);
    expect(check('media', 'app://muster/', { mediaType: 'video' })).toBe(true);
  });

  it('refuses the microphone, alone or with the camera', () => {
    const { request, check } = hardened();
    expect(request('media', { ...camera, mediaTypes: ['audio'] })).toBe(false);
    expect(request('media', { ...camera, mediaTypes: ['video', 'audio'] })).toBe(false);
    expect(request('media', { ...camera, mediaTypes: [] })).toBe(false);
    expect(request('media', { requestingUrl: 'app://muster/' })).toBe(false);
    expect(check('media', 'app://muster', { mediaType: 'audio' })).toBe(false);
    expect(check('media', 'app://muster', { mediaType: 'unknown' })).toBe(false);
  });

  it.each(foreignUrls)('refuses the camera to %s', (url) => {
    const { request, check } = hardened();
    expect(request('media', { ...camera, requestingUrl: url, securityOrigin: url })).toBe(false);
    expect(request('media', { ...camera, securityOrigin: url })).toBe(false);
    expect(check('media', url, { mediaType: 'video' })).toBe(false);
  });

  it.each([
    'geolocation',
    'notifications',
    'clipboard-read',
    'clipboard-sanitized-write',
    'display-capture',
    'fullscreen',
    'midi',
    'midiSysex',
    'openExternal',
    'pointerLock',
    'keyboardLock',
    'idle-detection',
    'window-management',
    'fileSystem',
    'storage-access',
    'unknown',
  ])('refuses %s even to the app', (permission) => {
    const { request, check } = hardened();
    expect(request(permission, { requestingUrl: 'app://muster/' })).toBe(false);
    expect(check(permission, 'app://muster')).toBe(false);
    expect(allowPermissionRequest(permission, { requestingUrl: 'app://muster/' })).toBe(false);
    expect(allowPermissionCheck(permission, 'app://muster')).toBe(false);
  });

  it('refuses USB, HID and serial devices', () => {
    const { session } = hardened();
    expect(session.devicePermission?.({ deviceType: 'usb', origin: 'app://muster' })).toBe(false);
  });
});

describe('requests', () => {
  it('lets only the app and in-memory data through', () => {
    for (const url of ['app://muster/assets/app.js', 'data:image/png;base64,AA==', 'blob:app://muster/1234']) {
      expect(allowRequest(url), url).toBe(true);
    }
    for (const url of [
      'https://fonts.example/x.woff2',
      'http://127.0.0.1:8080/api',
      'wss://evil.example/',
      'file:///etc/passwd',
      'ftp://x/',
      'app://evil/x.js',
      'nonsense',
    ]) {
      expect(allowRequest(url), url).toBe(false);
    }
  });

  it('cancels remote requests in the session', () => {
    const { session } = createStandIn();
    hardenSession(session.defaultSession as unknown as Session);
    const hook = session.defaultSession.beforeRequest;
    expect(hook?.filter).toEqual({ urls: ['<all_urls>'] });
    const answer = (url: string) => {
      const callback = vi.fn();
      hook?.listener({ url }, callback);
      return callback.mock.calls[0]?.[0] as { cancel: boolean };
    };
    expect(answer('https://evil.example/beacon')).toEqual({ cancel: true });
    expect(answer('app://muster/index.html')).toEqual({ cancel: false });
  });
});
