import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import type { Input, MethodName, Output } from '../../electron/core/api/contract';
import {
  countTouches,
  drawSignature,
  expectNoViolations,
  expectScreen,
  layoutScan,
  pdfImageCount,
  screenOf,
  wedgeScan,
} from './kiosk-helpers';
import { expect, test, type Seeded } from './roster-fixtures';
import { qwertz, scannedOn, typedText } from '../fixtures/keyboard-layouts';

test.use({ rosterSize: 200 });

// People type a name a key at a time; only a scanner types a whole code in one burst (what the kiosk tells apart).

type Api = <M extends MethodName>(method: M, input: Input<M>) => Promise<Output<M>>;

const person = {
  honorific: '',
  gender: 'female',
  country: 'KE',
  organisationType: 'law_enforcement',
  category: 'partner_state_delegate',
  email: 'someone@example.org',
} as const;

/** Someone new on the roster, with a name no generated person has, so a name search finds only them. */
async function newPerson(api: Api, seeded: Seeded, givenNames: string, familyName: string, organisation: string) {
  const created = await api('participant.create', {
    ...person,
    eventId: seeded.eventId,
    givenNames,
    familyName,
    organisation,
  } as Input<'participant.create'>);
  return { ...created.registration, name: `${givenNames} ${familyName}` };
}

async function startFromDesk(page: Page, url: string, seeded: Seeded, idleSeconds: number, printer?: string) {
  await page.goto(`${url}/#/events/${seeded.eventId}/desk`);
  await page.getByRole('button', { name: 'Start kiosk' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Staff PIN (4 to 12 digits)').fill('2468');
  await dialog.getByLabel('The PIN again').fill('2468');
  await dialog.getByLabel('Seconds without a touch before the kiosk starts over').fill(String(idleSeconds));
  if (printer !== undefined) {
    await dialog.getByLabel('Print each person’s badge when they check in').check();
    await dialog.getByLabel('Printer').fill(printer);
  }
  await dialog.getByRole('button', { name: 'Start kiosk' }).click();
  await expectScreen(page, 'welcome');
}

test('a scanner burst checks a person in with no touch; again is friendly; a forged badge is refused; idle returns; only the PIN leaves', async ({
  page,
  muster,
  seeded,
  api,
}) => {
  const amina = await newPerson(api, seeded, 'Amina', 'Kioskova', 'National Police Service');
  // Asked for before the kiosk starts: while it runs, the staff side is shut to every caller.
  const { token } = await api('badge.token', { registrationId: amina.id });
  await startFromDesk(page, muster.url, seeded, 3, 'Front desk label printer');
  const touches = await countTouches(page);
  const printed = page.waitForRequest((r) => r.url().endsWith('/api/badge.print'));
  // The welcome screen takes the scan without anyone clicking first: the burst, then Enter.
  await wedgeScan(page, amina.code);
  await expectScreen(page, 'success');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Welcome, ${amina.name}`);
  expect(await touches()).toBe(0);
  // The kiosk was started to print badges: this one goes to its printer, and the screen says so.
  expect((await printed).postDataJSON()).toMatchObject({
    registrationId: amina.id,
    layout: 'a6',
    printer: 'Front desk label printer',
  });
  await expect(screenOf(page)).toContainText('Your badge is printing.');

  // Idle: back to welcome, with nothing of Amina left on screen.
  await expectScreen(page, 'welcome', 6_000);
  await expect(screenOf(page)).not.toContainText(amina.name);

  // The same badge again: the friendly "already checked in", not an error.
  await wedgeScan(page, `${amina.code.slice(0, 4)}-${amina.code.slice(4)}`.toLowerCase());
  await expectScreen(page, 'already');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You are already checked in');
  await page.getByRole('button', { name: 'Done' }).click();
  await expectScreen(page, 'welcome');

  // A signed badge token with one symbol changed is a forgery: refused, sent to the desk.
  const at = token.length - 10;
  const forged = `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
  const refused = page.waitForResponse((r) => r.url().endsWith('/api/kiosk.identify'));
  await wedgeScan(page, forged);
  expect(await (await refused).json()).toMatchObject({
    ok: false,
    error: { code: 'invalid_badge', details: { badge: 'forged' } },
  });
  await expectScreen(page, 'staff');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Please see the registration desk');
  await page.getByRole('button', { name: 'Done' }).click();
  // The genuine token checks its holder in (here: already checked in).
  await wedgeScan(page, token);
  await expectScreen(page, 'already');
  await page.getByRole('button', { name: 'Done' }).click();

  // A wrong PIN does not leave; the right one does, back on the desk.
  await page.getByRole('button', { name: 'Staff' }).click();
  await page.getByLabel('Staff PIN').fill('0000');
  await page.getByRole('button', { name: 'Leave kiosk mode' }).click();
  await expect(page.getByRole('alert')).toHaveText('That is not the PIN.');
  await expectScreen(page, 'leave');
  expect(await api('kiosk.state', {})).toMatchObject({ active: true });
  await page.getByLabel('Staff PIN').fill('2468');
  await page.getByRole('button', { name: 'Leave kiosk mode' }).click();
  await expect(page.locator('input.desk-search-input')).toBeVisible();
  await expect(screenOf(page)).toHaveCount(0);
  expect(await api('kiosk.state', {})).toEqual({ active: false });
  // Back on the staff side, the check-in is there, made by the kiosk.
  const recent = await api('checkin.recent', { sessionId: seeded.todaySessionId, limit: 5 });
  expect(recent[0]).toMatchObject({ registrationId: amina.id, method: 'qr', operator: 'kiosk' });
  // The desk polls its counters; leave it before the server stops, or a poll meets the closing server (its 500 is
  // the fixture's teardown, not the app's).
  await page.goto('about:blank');
});

test('a badge token scanned on a machine with the German (QWERTZ) layout checks its holder in', async ({
  page,
  muster,
  seeded,
  api,
}) => {
  const lena = await newPerson(api, seeded, 'Lena', 'Qwertzová', 'Bundespolizei');
  const { token } = await api('badge.token', { registrationId: lena.id });
  await startFromDesk(page, muster.url, seeded, 30);
  const presses = scannedOn(qwertz, token);
  expect(typedText(presses)).not.toBe(token);
  await layoutScan(page, presses);
  await expectScreen(page, 'success');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Welcome, ${lena.name}`);

  // The server serves the whole file: leave the kiosk for the tests after this one.
  await page.getByRole('button', { name: 'Staff' }).click();
  await page.getByLabel('Staff PIN').fill('2468');
  await page.getByRole('button', { name: 'Leave kiosk mode' }).click();
  await expect(page.locator('input.desk-search-input')).toBeVisible();
  const recent = await api('checkin.recent', { sessionId: seeded.todaySessionId, limit: 5 });
  expect(recent[0]).toMatchObject({ registrationId: lena.id, method: 'qr', operator: 'kiosk' });
  await page.goto('about:blank');
});

test('with a signature required, a scan needs two touches; a name search with consent and a signature reaches the sign-in sheet', async ({
  page,
  muster,
  seeded,
  api,
}) => {
  await api('event.update', { id: seeded.eventId, changes: { signatureRequired: true } });
  const scanned = await newPerson(api, seeded, 'Omar', 'Kiosktest', 'Ministry of Interior');
  await api('kiosk.enter', { sessionId: seeded.todaySessionId, pin: '2468', idleSeconds: 60 });
  await page.goto(muster.url);
  await expectScreen(page, 'welcome');
  const touches = await countTouches(page);
  await wedgeScan(page, scanned.code);
  await expectScreen(page, 'sign');
  await drawSignature(page);
  await page.getByRole('button', { name: 'Check in' }).click();
  await expectScreen(page, 'success');
  expect(await touches()).toBe(2);

  // Now a notice to agree to, and a name typed rather than a badge.
  await api('kiosk.leave', { pin: '2468' });
  await api('event.update', {
    id: seeded.eventId,
    changes: {
      privacyNotice: 'Your name and signature go on the attendance sheet for the donor.',
      privacyNoticeVersion: '2026-03',
    },
  });
  const zainab = await newPerson(api, seeded, 'Zainab', 'Signatureva', 'Supreme Court');
  // Same name, other organisation: the list tells them apart by organisation only.
  await newPerson(api, seeded, 'Zainab', 'Signatureva', 'Customs Authority');
  await api('kiosk.enter', { sessionId: seeded.todaySessionId, pin: '2468', idleSeconds: 60 });
  await page.goto(muster.url);
  await expectScreen(page, 'welcome');
  await page.getByLabel('Scan your badge or type your name').pressSequentially('zainab sig', { delay: 60 });
  const lines = page.locator('.kiosk-results li');
  await expect(lines).toHaveCount(2);
  await expect(page.locator('.kiosk-results')).not.toContainText('@');
  await expect(page.locator('.kiosk-results')).not.toContainText('KE');
  await lines.filter({ hasText: 'Supreme Court' }).getByRole('button').click();
  await expectScreen(page, 'confirm');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Are you ${zainab.name}?`);
  await page.getByRole('button', { name: "Yes, that's me" }).click();
  await expectScreen(page, 'sign');
  // Without the box ticked and a signature, nothing is sent.
  await page.getByRole('button', { name: 'Check in' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await page.getByLabel(/I have read the notice and I agree/).check();
  await drawSignature(page);
  await page.getByRole('button', { name: 'Check in' }).click();
  await expectScreen(page, 'success');

  const who = await api('kiosk.identify', { who: { registrationId: zainab.id } });
  expect(who).toMatchObject({ needsConsent: false });
  // The sign-in sheet is an export: staff leave kiosk mode with the PIN first.
  await api('kiosk.leave', { pin: '2468' });
  const sheet = await api('export.run', {
    jobId: randomUUID(),
    eventId: seeded.eventId,
    format: 'signin-pdf',
    sessionId: seeded.todaySessionId,
  });
  // Omar's and Zainab's signatures, drawn on screen, are the sheet's images.
  expect(pdfImageCount(Buffer.from(sheet.data, 'base64'))).toBe(2);
});

for (const lang of ['en', 'ar'] as const) {
  test(`every kiosk screen has no axe-core violations (${lang})`, async ({ page, muster, seeded, api }) => {
    await api('event.update', {
      id: seeded.eventId,
      changes: {
        signatureRequired: true,
        privacyNotice: 'Notice for the attendance report.',
        privacyNoticeVersion: 'v1',
      },
    });
    const first = await newPerson(api, seeded, 'Leila', 'Axetest', 'Ministry of Justice');
    const cancelled = await newPerson(api, seeded, 'Rami', 'Axetest', 'Ministry of Justice');
    await api('registration.update', { id: cancelled.id, changes: { status: 'cancelled' } });
    await api('kiosk.enter', { sessionId: seeded.todaySessionId, pin: '2468', idleSeconds: 120 });
    await page.goto(muster.url);
    await expectScreen(page, 'welcome');
    if (lang === 'ar') {
      await page.getByRole('button', { name: 'العربية' }).click();
      await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
      await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
    }
    const box = page.locator('input.kiosk-name');
    await box.pressSequentially('leila axe', { delay: 60 });
    await expect(page.locator('.kiosk-results li')).toHaveCount(1);
    await expectNoViolations(page, `welcome with results (${lang})`);

    // Checking: held while the answer is on its way.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(
      '**/api/kiosk.identify',
      async (route) => {
        await held;
        await route.continue();
      },
      { times: 1 },
    );
    await page.locator('.kiosk-result').click();
    await expectScreen(page, 'checking');
    await expectNoViolations(page, `checking (${lang})`);
    release();
    await expectScreen(page, 'confirm');
    await expectNoViolations(page, `confirm (${lang})`);
    await page.locator('.kiosk-primary').click();
    await expectScreen(page, 'sign');
    await page.locator('.kiosk-primary').click();
    await expect(page.getByRole('alert').first()).toBeVisible();
    await expectNoViolations(page, `sign with consent and its problems (${lang})`);
    await page.locator('.kiosk-check input').check();
    await drawSignature(page);

    // An error the kiosk did not expect: the check-in answers with a failure.
    await page.route(
      '**/api/kiosk.checkIn',
      (route) => route.fulfill({ json: { ok: false, error: { code: 'internal', message: 'Something went wrong.' } } }),
      { times: 1 },
    );
    await page.locator('.kiosk-primary').click();
    await expectScreen(page, 'error');
    await expectNoViolations(page, `error (${lang})`);
    await page.locator('.kiosk-primary').click();
    await expectScreen(page, 'welcome');
    // Back to the event's first language with the welcome screen.
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
    if (lang === 'ar') await page.getByRole('button', { name: 'العربية' }).click();

    // Success, by the same path.
    await box.pressSequentially('leila axe', { delay: 60 });
    await page.locator('.kiosk-result').click();
    await page.locator('.kiosk-primary').click();
    await page.locator('.kiosk-check input').check();
    await drawSignature(page);
    await page.locator('.kiosk-primary').click();
    await expectScreen(page, 'success');
    if (lang === 'ar') await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expectNoViolations(page, `success (${lang})`);
    await page.locator('.kiosk-primary').click();
    if (lang === 'ar') await page.getByRole('button', { name: 'العربية' }).click();

    await wedgeScan(page, first.code);
    await expectScreen(page, 'already');
    await expectNoViolations(page, `already checked in (${lang})`);
    await page.locator('.kiosk-primary').click();
    if (lang === 'ar') await page.getByRole('button', { name: 'العربية' }).click();

    await wedgeScan(page, cancelled.code);
    await expectScreen(page, 'staff');
    await expectNoViolations(page, `see the desk (${lang})`);
    await page.locator('.kiosk-primary').click();
    if (lang === 'ar') await page.getByRole('button', { name: 'العربية' }).click();

    await page.locator('.kiosk-staff').click();
    await expectScreen(page, 'leave');
    await page.locator('.kiosk-pin input').fill('1111');
    await page.locator('.kiosk-pin .kiosk-primary').click();
    await expect(page.getByRole('alert')).toBeVisible();
    if (lang === 'ar') await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expectNoViolations(page, `staff PIN with a wrong PIN (${lang})`);
  });
}

test('a tap in the signature box is not a signature: the core refuses it, the kiosk says so, and a real one checks in', async ({
  page,
  muster,
  seeded,
  api,
}) => {
  await api('event.update', { id: seeded.eventId, changes: { signatureRequired: true } });
  const tapper = await newPerson(api, seeded, 'Aigerim', 'Tapova', 'Ministry of Justice');
  await api('kiosk.enter', { sessionId: seeded.todaySessionId, pin: '2468', idleSeconds: 60 });
  await page.goto(muster.url);
  await expectScreen(page, 'welcome');
  await wedgeScan(page, tapper.code);
  await expectScreen(page, 'sign');
  // One touch of the pen: the screen counts it as drawn, the core finds only a dot.
  const box = await page.locator('canvas.kiosk-signature-canvas').boundingBox();
  if (!box) throw new Error('no signature canvas');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.getByRole('button', { name: 'Check in' }).click();
  await expectScreen(page, 'sign');
  await expect(page.getByRole('alert')).toHaveText('The box is empty or holds only a dot. Please sign your name.');
  expect(await api('kiosk.identify', { who: { registrationId: tapper.id } })).toMatchObject({ checkedInAt: null });
  await expectNoViolations(page, 'sign after a refused signature');

  await drawSignature(page);
  await page.getByRole('button', { name: 'Check in' }).click();
  await expectScreen(page, 'success');
});
