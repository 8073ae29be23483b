import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type APIRequestContext, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium';
import type { Input, MethodName, Output } from '../../electron/core/api/contract';
import { callApi, expect, test } from './fixtures';
import { e2ePassphrase, projectRoot, startServer, type MusterServer } from './server';
import { signIn } from './sign-in';
import { borderWorkshop, delegate, workshopTitle } from './workshop';

const passphrase = 'kiosks of the Nairobi workshop';

/** A port nothing listens on yet: the hub's address is known (and typed) before the hub runs. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** The real `muster hub` on its own data folder, started the way an operator would. */
async function startHub(port: number, dataDir: string, passphraseFile: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    // The passphrase reaches the hub as the README says: from a file, never as an argument.
    [
      ...['--import', 'tsx', 'electron/server/cli.ts', 'hub', '--data', dataDir, '--port', String(port)],
      ...['--passphrase-file', passphraseFile],
    ],
    // Its own data is encrypted at rest like every data folder's, under the data passphrase.
    { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MUSTER_PASSPHRASE: e2ePassphrase } },
  );
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`muster hub did not start: ${out}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Muster hub on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`muster hub exited (${code}): ${out}`)));
  });
  return child;
}

/** The server's API as `request` calls it; the URL is read at each call, since a restart changes it. */
function api(request: APIRequestContext, server: MusterServer) {
  return <M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>> =>
    callApi(request, server.url, method, input);
}

function hubSection(page: Page) {
  return page.locator('section').filter({ has: page.getByRole('heading', { name: 'Sync through a hub' }) });
}

async function joinHub(page: Page, server: MusterServer, eventId: string, hubUrl: string) {
  await page.goto(`${server.url}/#/events/${eventId}/sync`);
  const section = hubSection(page);
  await section.getByLabel('Hub address').fill(hubUrl);
  await section.getByLabel('Sync passphrase of the event (at least 8 characters)').fill(passphrase);
  await section.getByRole('button', { name: 'Join the hub' }).click();
  await expect(section.getByText(`This event syncs with the hub at ${hubUrl}.`)).toBeVisible();
}

const indicator = (page: Page) => page.locator('.page-head .hub-status');

test('two browser-mode kiosks check different people in offline, join one hub from the screens, and both show every check-in', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const hubDir = mkdtempSync(path.join(tmpdir(), 'muster-e2e-hub-'));
  const passphraseFile = path.join(hubDir, 'passphrase.txt');
  writeFileSync(passphraseFile, `${passphrase}\n`);
  // Rounds every second, so the test does not wait out the app's five.
  const first = await startServer(undefined, ['--hub-every', '1']);
  const second = await startServer(undefined, ['--hub-every', '1']);
  let hub: ChildProcess | null = null;
  try {
    // The page signs in to both kiosks (each keeps its own session cookie); its requests go as it does.
    await signIn(page.request, first.url);
    await signIn(page.request, second.url);
    const one = api(page.request, first);
    const two = api(page.request, second);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Nairobi' }).format(new Date());
    const event = await one('event.create', borderWorkshop(today, today));
    const person = (familyName: string) => one('participant.create', delegate(event.id, familyName));
    const otieno = await person('Otieno');
    const wanjiru = await person('Wanjiru');
    // The second kiosk was set up from a bundle before the venue network existed.
    const bundle = await one('sync.export', { eventId: event.id, passphrase });
    await two('sync.import', { data: bundle.data, passphrase, eventId: event.id });
    const sessionId = event.sessions[0]!.id;

    // No hub yet: each kiosk checks a different person in.
    await one('checkin.create', {
      id: crypto.randomUUID(),
      sessionId,
      registrationId: otieno.registration.id,
      method: 'qr',
    });
    await two('checkin.create', {
      id: crypto.randomUUID(),
      sessionId,
      registrationId: wanjiru.registration.id,
      method: 'search',
    });

    // Both join from their Sync page while the hub is still off: they say so, in words, and keep their data.
    const hubUrl = `http://127.0.0.1:${await freePort()}`;
    await joinHub(page, second, event.id, hubUrl);
    await expect(indicator(page).getByRole('status')).toContainText('Hub offline · the hub does not answer');
    await expect(indicator(page)).toContainText('Not synced yet');
    await joinHub(page, first, event.id, hubUrl);
    await expect(indicator(page).getByRole('status')).toContainText('Hub offline');
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

    // The first kiosk restarts (a power cut) before the hub comes up: it remembers the link. Its page goes first, so
    // its polling does not hit the process while it is down.
    await page.goto('about:blank');
    await first.restart();
    await signIn(page.request, first.url);

    hub = await startHub(Number(new URL(hubUrl).port), hubDir, passphraseFile);
    for (const server of [first, second]) {
      await page.goto(`${server.url}/#/events/${event.id}`);
      await page.getByRole('link', { name: 'Check-in desk' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Check-in desk' })).toBeVisible();
      // The counters and the indicator update on their own, without a reload.
      const checkedIn = page.getByRole('region', { name: 'Attendance for this session' }).locator('.counter-main dd');
      await expect(checkedIn).toHaveText('2 of 2', { timeout: 30_000 });
      await expect(indicator(page).getByRole('status')).toHaveText('Hub online', { timeout: 15_000 });
      await expect(indicator(page)).toContainText('Changes waiting to upload: 0', { timeout: 15_000 });
      await expect(indicator(page)).toContainText('Last sync');
    }
    const [here, there] = [
      await one('sync.status', { eventId: event.id }),
      await two('sync.status', { eventId: event.id }),
    ];
    expect(here.digest).toBe(there.digest);

    // Leaving the hub: the indicator goes, the join form comes back, and the hub gets nothing more from this kiosk.
    await page.goto(`${second.url}/#/events/${event.id}/sync`);
    await hubSection(page).getByRole('button', { name: 'Leave the hub' }).click();
    await expect(hubSection(page).getByRole('button', { name: 'Join the hub' })).toBeVisible();
    await expect(indicator(page)).toHaveCount(0);
    expect((await two('sync.hub.state', { eventId: event.id })).linked).toBe(false);
  } finally {
    hub?.kill('SIGTERM');
    await first.stop();
    await second.stop();
    rmSync(hubDir, { recursive: true, force: true });
  }
});

/**
 * The hub page's first QR code as Chromium's fake camera films it: the page is opened the way the operator would, on
 * the hub machine, its code drawn on a white 640×480 JPEG frame, and 30 copies make the MJPEG file the camera loops.
 */
async function filmHubCode(hubUrl: string, dir: string): Promise<string> {
  const painter = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await painter.newPage();
    await page.goto(hubUrl);
    await expect(page.getByRole('heading', { level: 1, name: 'Muster hub' })).toBeVisible();
    const code = await page.locator('figure svg').first().screenshot();
    // The hub page's policy lets no image in (default-src 'none'): the frame is drawn on a blank page.
    await page.goto('about:blank');
    const jpeg = await page.evaluate(
      async (src) => {
        const image = new Image();
        image.src = src;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = 640;
        canvas.height = 480;
        const context = canvas.getContext('2d');
        if (!context) throw new Error('no 2d canvas');
        context.fillStyle = '#fff';
        context.fillRect(0, 0, 640, 480);
        context.drawImage(image, (640 - image.width) / 2, (480 - image.height) / 2);
        return canvas.toDataURL('image/jpeg', 0.95);
      },
      `data:image/png;base64,${code.toString('base64')}`,
    );
    const frame = Buffer.from(jpeg.slice(jpeg.indexOf(',') + 1), 'base64');
    const file = path.join(dir, 'hub-code.mjpeg');
    writeFileSync(file, Buffer.concat(Array.from({ length: 30 }, () => frame)));
    return file;
  } finally {
    await painter.close();
  }
}

test("a kiosk joins by scanning the code on the hub's own page, and brings its event to the new hub", async () => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'muster-e2e-hub-'));
  const passphraseFile = path.join(dir, 'passphrase.txt');
  writeFileSync(passphraseFile, `${passphrase}\n`);
  const hubUrl = `http://127.0.0.1:${await freePort()}`;
  const hub = await startHub(Number(new URL(hubUrl).port), path.join(dir, 'hub'), passphraseFile);
  const kiosk = await startServer(undefined, ['--hub-every', '1']);
  const camera = await chromium.launch({
    ...chromiumLaunchOptions,
    args: [
      ...chromiumLaunchOptions.args,
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${await filmHubCode(hubUrl, dir)}`,
    ],
  });
  try {
    const context = await camera.newContext({ locale: 'en-GB', timezoneId: 'Africa/Nairobi' });
    await signIn(context.request, kiosk.url);
    const event = await api(context.request, kiosk)('event.create', borderWorkshop());
    const page = await context.newPage();
    await page.goto(`${kiosk.url}/#/events/${event.id}/sync`);
    await expect(hubSection(page).getByLabel('Hub address')).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    // Nothing typed: the camera reads the hub's code, which fills the address and the passphrase and joins.
    await hubSection(page).getByRole('button', { name: 'Scan the hub’s code' }).click();
    await expect(hubSection(page).getByText(`This event syncs with the hub at ${hubUrl}.`)).toBeVisible({
      timeout: 20_000,
    });
    await expect(indicator(page).getByRole('status')).toHaveText('Hub online', { timeout: 20_000 });
    // The hub now holds the event, and its page offers a code for it.
    const hubPage = await camera.newPage();
    await hubPage.goto(hubUrl);
    await expect(hubPage.getByRole('heading', { name: workshopTitle })).toBeVisible();
  } finally {
    await camera.close();
    hub.kill('SIGTERM');
    await kiosk.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a kiosk set up at the venue fetches an event it does not have from the hub, from the sync inbox', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'muster-e2e-hub-'));
  const passphraseFile = path.join(dir, 'passphrase.txt');
  writeFileSync(passphraseFile, `${passphrase}\n`);
  const hubUrl = `http://127.0.0.1:${await freePort()}`;
  const hub = await startHub(Number(new URL(hubUrl).port), path.join(dir, 'hub'), passphraseFile);
  const organiser = await startServer(undefined, ['--hub-every', '1']);
  const kiosk = await startServer(undefined, ['--hub-every', '1']);
  try {
    await signIn(page.request, organiser.url);
    await signIn(page.request, kiosk.url);
    const office = api(page.request, organiser);
    const event = await office('event.create', borderWorkshop());
    await office('sync.hub.join', { eventId: event.id, url: hubUrl, passphrase });
    await expect
      .poll(async () => (await office('sync.hub.state', { eventId: event.id })).connection, { timeout: 30_000 })
      .toBe('online');

    // The kiosk has no events: staff type what the hub's page shows under the event's code.
    await page.goto(`${kiosk.url}/#/sync`);
    const section = page
      .locator('section')
      .filter({ has: page.getByRole('heading', { name: 'Fetch an event from a hub' }) });
    await section.getByLabel('Event ID').fill(event.id);
    await section.getByLabel('Hub address').fill(hubUrl);
    await section.getByLabel('Sync passphrase of the event (at least 8 characters)').fill(passphrase);
    await section.getByRole('button', { name: 'Join the hub' }).click();
    await expect(section.getByText('The event has arrived.')).toBeVisible({ timeout: 30_000 });
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await section.getByRole('link', { name: `Open ${workshopTitle}` }).click();
    await expect(page.getByRole('heading', { level: 1, name: workshopTitle })).toBeVisible();
    await expect(page.locator('.hub-status').getByRole('status')).toHaveText('Hub online', { timeout: 15_000 });
    expect(await api(page.request, kiosk)('sync.hub.waiting', {})).toEqual([]);
  } finally {
    hub.kill('SIGTERM');
    await organiser.stop();
    await kiosk.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
