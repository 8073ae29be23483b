import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { appSchemePrivileges, createAppHandler, registerAppScheme, serveApp } from '../../../electron/main/protocol';
import { contentType, resolveStaticFile } from '../../../electron/server/static-files';
import { contentSecurityPolicy } from '../../../electron/server/csp';

// A renderer folder with a secret beside it: every hostile path below is aimed at that secret.
let root = '';
let secret = '';
let parent = '';
beforeAll(() => {
  parent = mkdtempSync(path.join(os.tmpdir(), 'muster-protocol-'));
  root = path.join(parent, 'renderer');
  secret = path.join(parent, 'secret.txt');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Muster</title>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'assets', 'app.css'), 'body{}');
  writeFileSync(path.join(root, 'assets', 'logo.svg'), '<svg/>');
  writeFileSync(path.join(root, 'assets', 'blob.xyz'), 'bytes');
  writeFileSync(secret, 'the participants list');
});
afterAll(() => rmSync(parent, { recursive: true, force: true }));

const hostilePaths = [
  '/../secret.txt',
  '/assets/../../secret.txt',
  '/..%2fsecret.txt',
  '/..%2Fsecret.txt',
  '/%2e%2e/secret.txt',
  '/%2e%2e%2fsecret.txt',
  '/assets/..%2f..%2fsecret.txt',
  '/assets%2f..%2f..%2fsecret.txt',
  '/..%5csecret.txt',
  '/%5c..%5csecret.txt',
  '/assets\\..\\..\\secret.txt',
  '/.',
  '/..',
  '/assets/./app.js',
  '/index.html%00.js',
  '/%00',
  '/assets/app.js%0a',
  '/%7f',
  '/C:/Windows/win.ini',
  '/c:%5cwindows%5cwin.ini',
  '/index.html:secret',
  '//etc/passwd',
  '/%2fetc%2fpasswd',
  '/assets//app.js',
  '/%E0%A4%A',
  '/%',
  'secret.txt',
  '',
];

describe('resolveStaticFile', () => {
  it.each(hostilePaths)('refuses %j', (hostile) => {
    expect(resolveStaticFile(root, hostile)).toBeNull();
  });

  it('refuses the encoded absolute path of a real file outside the root', () => {
    expect(resolveStaticFile(root, `/${encodeURIComponent(secret)}`)).toBeNull();
    expect(resolveStaticFile(root, encodeURI(secret))).not.toBe(secret);
  });

  it('maps assets inside the root, and client-side routes to index.html', () => {
    expect(resolveStaticFile(root, '/assets/app.js')).toBe(path.join(root, 'assets', 'app.js'));
    expect(resolveStaticFile(root, '/assets/my%20logo.svg')).toBe(path.join(root, 'assets', 'my logo.svg'));
    for (const route of ['/', '/events', '/events/42/checkin', '/events/', '/%C3%A9v%C3%A9nements']) {
      expect(resolveStaticFile(root, route)).toBe(path.join(root, 'index.html'));
    }
    // A missing asset must stay a missing asset, not turn into HTML the browser then refuses to run.
    expect(resolveStaticFile(root, '/assets/missing.js')).toBe(path.join(root, 'assets', 'missing.js'));
  });

  it('never answers with a file outside the root, whatever the path', () => {
    const piece = fc.constantFrom(
      '..',
      '.',
      '%2e',
      '%2E',
      '%2f',
      '%5c',
      '/',
      '\\',
      '%00',
      ':',
      'C:',
      '%',
      '%25',
      'a',
      'x.js',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const file = resolveStaticFile(root, `/${pieces.join('')}`);
        return file === null || file.startsWith(root + path.sep);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the app:// handler', () => {
  const handler = () => createAppHandler(root);
  const get = (url: string, method = 'GET') => handler()(new Request(url, { method }));

  it('serves the page with its type and the CSP', async () => {
    const response = await get('app://muster/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Muster</title>');
  });

  it('serves assets with their MIME types', async () => {
    expect((await get('app://muster/assets/app.js')).headers.get('content-type')).toBe(
      'text/javascript; charset=utf-8',
    );
    expect((await get('app://muster/assets/app.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await get('app://muster/assets/logo.svg')).headers.get('content-type')).toBe('image/svg+xml');
    expect((await get('app://muster/assets/blob.xyz')).headers.get('content-type')).toBe('application/octet-stream');
    expect(contentType('font.WOFF2')).toBe('font/woff2');
  });

  it('answers client-side routes with index.html, and missing assets with 404', async () => {
    const route = await get('app://muster/events/42?tab=sessions');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>Muster</title>');
    const missing = await get('app://muster/assets/missing.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
  });

  // The URL parser resolves plain `.` and `..` segments before any handler sees them, as Chromium does.
  const survivesUrlParsing = hostilePaths.filter(
    (p) => p.startsWith('/') && resolveStaticFile('/root', new URL(`app://muster${p}`).pathname) === null,
  );

  it.each(survivesUrlParsing)('refuses %j with the CSP and without the secret', async (hostile) => {
    const response = await get(`app://muster${hostile}`);
    expect(response.status).toBe(403);
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(await response.text()).not.toContain('participants');
  });

  it('refuses other hosts and methods that write', async () => {
    const foreign = await get('app://evil/index.html');
    expect(foreign.status).toBe(404);
    expect(foreign.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const response = await get('app://muster/index.html', method);
      expect(response.status).toBe(405);
      expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    }
  });

  it('answers HEAD without a body', async () => {
    const response = await get('app://muster/assets/app.js', 'HEAD');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('turns an unexpected read failure into a 500 that says nothing about the disk', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const failing = createAppHandler(root, () =>
      Promise.reject(Object.assign(new Error('EIO: /secret'), { code: 'EIO' })),
    );
    const response = await failing(new Request('app://muster/assets/app.js'));
    expect(response.status).toBe(500);
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(await response.text()).not.toContain('secret');
  });
});

describe('registering the scheme', () => {
  it('is standard, secure and fetch-capable, and bypasses nothing', () => {
    const privileged: unknown[] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (schemes) => privileged.push(...schemes) });
    expect(privileged).toEqual([appSchemePrivileges]);
    expect(appSchemePrivileges).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    });
  });

  it('handles app:// with a handler that serves the root', async () => {
    let handled: ((request: Request) => Response | Promise<Response>) | null = null;
    serveApp({ handle: (scheme, handler) => void (scheme === 'app' && (handled = handler)) }, root);
    expect(handled).not.toBeNull();
    const response = await handled!(new Request('app://muster/'));
    expect(response.status).toBe(200);
  });
});
