import type http from 'node:http';
import os from 'node:os';
import QRCode from 'qrcode';
import { inviteText } from '../core/sync/hub-link-schema';

export interface HubPageOptions {
  /** The events this hub holds, newest first. */
  events: () => { id: string; title: string }[];
  /** The addresses kiosks reach this hub at. */
  addresses: string[];
  passphrase: string;
}

const loopbackAddresses = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const loopbackHost = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/i;

/**
 * Whether a request may see the hub's page: it holds the event passphrase (in each QR code), so only someone at the
 * hub machine itself may open it. The connection must come from loopback and name a loopback host, so neither a
 * kiosk on the venue LAN nor a web page that rebinds a domain to 127.0.0.1 (DNS rebinding) can read it.
 */
export function isLocalRequest(req: http.IncomingMessage): boolean {
  return loopbackAddresses.has(req.socket.remoteAddress ?? '') && loopbackHost.test(req.headers.host ?? '');
}

/** Where kiosks on the venue network reach a hub bound to `host`: every external IPv4 address when bound to all. */
export function joinAddresses(host: string, port: number): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [`http://${host.includes(':') ? `[${host}]` : host}:${port}`];
  const external = Object.values(os.networkInterfaces())
    .flat()
    .filter((nic) => nic !== undefined && nic.family === 'IPv4' && !nic.internal)
    .map((nic) => `http://${nic?.address ?? ''}:${port}`);
  return external.length ? external : [`http://127.0.0.1:${port}`];
}

/**
 * Answers GET / with the hub's page when the request is local (see isLocalRequest), and says whether it did; anything
 * else is left to the sync endpoints, which answer a stranger 404 as before.
 */
export function serveHubPage(req: http.IncomingMessage, res: http.ServerResponse, page: HubPageOptions): boolean {
  if (req.method !== 'GET' || (req.url ?? '') !== '/' || !isLocalRequest(req)) return false;
  void renderHubPage(page).then(
    (html) => {
      const body = Buffer.from(html, 'utf8');
      res
        .writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'content-length': body.length,
          // Nothing runs on the page; the QR codes are inline SVG.
          'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
          'cache-control': 'no-store',
          'referrer-policy': 'no-referrer',
          'x-content-type-options': 'nosniff',
        })
        .end(body);
    },
    (error: unknown) => {
      console.error('[muster] hub page failed:', error);
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('The hub page could not be drawn.');
    },
  );
  return true;
}

/** One QR code per event and address: a kiosk's join dialog scans it; staff can also type the address shown. */
export async function renderHubPage(page: HubPageOptions): Promise<string> {
  const events = page.events();
  const [first = ''] = page.addresses;
  const card = async (title: string, eventId: string | undefined) => {
    const codes = await Promise.all(
      page.addresses.map(async (url) => {
        const svg = await QRCode.toString(inviteText({ url, eventId, passphrase: page.passphrase }), {
          type: 'svg',
          errorCorrectionLevel: 'M',
          margin: 2,
          width: 280,
        });
        return `<figure>${svg}<figcaption>${escape(url)}</figcaption></figure>`;
      }),
    );
    return `<section><h2>${escape(title)}</h2>${eventId ? `<p class="id">${escape(eventId)}</p>` : ''}${codes.join('')}</section>`;
  };
  const cards = events.length
    ? await Promise.all(events.map((event) => card(event.title, event.id)))
    : [await card('Any event', undefined)];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Muster hub</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;margin:2rem;color:#1b1b1b}
section{display:inline-block;vertical-align:top;border:1px solid #ccc;border-radius:8px;padding:1rem;margin:0 1rem 1rem 0}
figure{display:inline-block;margin:0 1rem 0 0;text-align:center}
figure svg{width:280px;height:280px}
.id{font-family:monospace;color:#555;margin:0}
</style></head><body>
<h1>Muster hub</h1>
<p>To join this hub, open the event's Sync page on a kiosk, choose “Join a hub” and scan its code below, or type the
address <strong>${escape(first)}</strong> and the event's sync passphrase.</p>
<p>This page is shown on this computer only: each code holds the passphrase. Do not photograph it or share it.</p>
${events.length ? '' : '<p>The hub has no event yet: the first kiosk that joins brings its event.</p>'}
${cards.join('\n')}
</body></html>`;
}

function escape(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}
