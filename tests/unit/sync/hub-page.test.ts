import type http from 'node:http';
import { get } from 'node:http';
import QRCode from 'qrcode';
import { afterEach, describe, expect, it } from 'vitest';
import { inviteText, readInvite } from '../../../electron/core/sync/hub-link-schema';
import { close, listen } from '../../../electron/server/http';
import { createHubServer, sqliteHubStore } from '../../../electron/server/hub';
import { isLocalRequest, joinAddresses } from '../../../electron/server/hub-page';
import { passphrase, replica, seedEvent } from './replicas';

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await close(server);
});

async function hubWithPage() {
  const hub = replica(0);
  const { eventId } = await seedEvent(hub.core);
  const page = { events: () => [{ id: eventId, title: 'Nairobi <workshop>' }], addresses: [] as string[], passphrase };
  const { server } = createHubServer({ store: sqliteHubStore(hub.core), passphrase, page });
  servers.push(server);
  const url = await listen(server, 0, '127.0.0.1');
  page.addresses = ['http://192.168.1.10:4322', 'http://10.0.0.5:4322'];
  return { url, eventId };
}

describe("the hub's join page", () => {
  it('shows someone at the hub machine a code per event and address that a kiosk reads as an invite', async () => {
    const { url, eventId } = await hubWithPage();
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).toContain('Nairobi &lt;workshop&gt;');
    expect(html).not.toContain('<workshop>');
    for (const address of ['http://192.168.1.10:4322', 'http://10.0.0.5:4322']) {
      const text = inviteText({ url: address, eventId, passphrase });
      expect(readInvite(text)).toEqual({ muster: 'hub', v: 1, url: address, eventId, passphrase });
      const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, width: 280 });
      expect(html).toContain(svg);
    }
    // The passphrase is only inside the codes, never printed for a passer-by to read off the screen.
    expect(html).not.toContain(passphrase);
  });

  it('is not shown to a request that names another host (DNS rebinding) nor to anyone off the machine', async () => {
    const { url } = await hubWithPage();
    // fetch will not send another Host header, so ask at the socket level as a rebinding page's browser would.
    const rebound = await new Promise<number>((resolve, reject) => {
      get({ host: '127.0.0.1', port: url.port, path: '/', headers: { host: `evil.example:${url.port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).on('error', reject);
    });
    expect(rebound).toBe(404);
    const from = (remoteAddress: string, host: string) =>
      isLocalRequest({ socket: { remoteAddress }, headers: { host } } as unknown as http.IncomingMessage);
    expect(from('127.0.0.1', 'localhost:4322')).toBe(true);
    expect(from('::1', '[::1]:4322')).toBe(true);
    expect(from('192.168.1.23', '192.168.1.10:4322')).toBe(false);
    expect(from('192.168.1.23', 'localhost:4322')).toBe(false);
    // A scanned badge or stranger QR is not an invite.
    expect(readInvite('M1.abcdefghijklmnopqrstuvwxyz')).toBeNull();
    expect(readInvite(JSON.stringify({ muster: 'hub', v: 1, url: 'ftp://x', passphrase }))).toBeNull();
  });

  it('tells kiosks the address they can reach', () => {
    expect(joinAddresses('192.168.1.10', 4322)).toEqual(['http://192.168.1.10:4322']);
    for (const address of joinAddresses('0.0.0.0', 4322)) expect(address).toMatch(/^http:\/\/[\d.]+:4322$/);
  });
});
