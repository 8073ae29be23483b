import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import QRCode from 'qrcode';
import type { Input } from '../../electron/core/api/contract';
import { chromiumLaunchOptions } from './chromium';
import { expectScreen } from './kiosk-helpers';
import { expect, test as rosterTest } from './roster-fixtures';

// The code printed on this test's badge: chosen ahead (imports may carry codes), so the camera's video file can be
// made before the browser starts, as the fake camera is a launch flag.
const badgeCode = 'CAM7QR42';

/**
 * A QR code filmed by Chromium's fake camera: the `qrcode` package draws the badge's code, Chromium paints it on a
 * white 640×480 frame and encodes it as JPEG (no ImageMagick needed), and 30 copies of that frame make the MJPEG
 * file the fake camera loops.
 */
async function qrVideo(dir: string): Promise<string> {
  const qr = await QRCode.toDataURL(badgeCode, { width: 360, margin: 4, errorCorrectionLevel: 'M' });
  const painter = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await painter.newPage();
    const jpeg = await page.evaluate(async (src) => {
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
    }, qr);
    const frame = Buffer.from(jpeg.slice(jpeg.indexOf(',') + 1), 'base64');
    const file = path.join(dir, 'badge.mjpeg');
    writeFileSync(file, Buffer.concat(Array.from({ length: 30 }, () => frame)));
    return file;
  } finally {
    await painter.close();
  }
}

const test = rosterTest.extend<object, { cameraBrowser: Browser }>({
  cameraBrowser: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'muster-camera-'));
      const video = await qrVideo(dir);
      const browser = await chromium.launch({
        ...chromiumLaunchOptions,
        args: [
          ...chromiumLaunchOptions.args,
          '--use-fake-ui-for-media-stream',
          '--use-fake-device-for-media-stream',
          `--use-file-for-fake-video-capture=${video}`,
        ],
      });
      await use(browser);
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  // Every page of this file comes from the browser with the fake camera.
  page: async ({ cameraBrowser }, use) => {
    const context = await cameraBrowser.newContext({ locale: 'en-GB', timezoneId: 'Africa/Nairobi' });
    const page = await context.newPage();
    await use(page);
    await context.close();
  },
});

test.use({ rosterSize: 100 });

test('a badge held up to the camera checks its holder in', async ({ page, muster, seeded, api }) => {
  const created = await api('participant.create', {
    eventId: seeded.eventId,
    givenNames: 'Dilnoza',
    familyName: 'Kamerova',
    gender: 'female',
    country: 'UZ',
    organisation: 'Border Guard Service',
    organisationType: 'law_enforcement',
    category: 'partner_state_delegate',
    code: badgeCode,
  } as Input<'participant.create'>);
  await api('kiosk.enter', { sessionId: seeded.todaySessionId, pin: '2468', idleSeconds: 60 });
  await page.goto(muster.url);
  // Nothing typed, nothing clicked: the camera reads the QR code and the kiosk checks Dilnoza in. The welcome screen
  // and its camera are not awaited first: the fake camera can read the code before a check of them runs, and the
  // check-in's method (below) is what shows the camera read it.
  await expectScreen(page, 'success', 15_000);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Dilnoza Kamerova');
  // The camera is off once someone's name is on screen.
  await expect(page.locator('.kiosk-camera')).toHaveCount(0);
  // The staff side (and its list of check-ins) opens again only once staff leave kiosk mode with the PIN.
  await api('kiosk.leave', { pin: '2468' });
  const recent = await api('checkin.recent', { sessionId: seeded.todaySessionId, limit: 1 });
  expect(recent[0]).toMatchObject({ registrationId: created.registration.id, method: 'qr', operator: 'kiosk' });
});
