import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Input, MethodName, Output } from '../../electron/core/api/contract';
import { callApi, expect, test } from './fixtures';
import { signIn } from './sign-in';
import { startServer } from './server';
import { borderWorkshop, delegate } from './workshop';

const passphrase = 'kiosks of the Nairobi workshop';

async function expectNoViolations(page: Page, screen: string) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.passes.length, 'axe-core checked nothing').toBeGreaterThan(10);
  const found = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(found, `axe-core violations on ${screen}`).toEqual([]);
}

/** Saves this event's bundle from its sync page, as staff would onto a USB stick, and returns the file's bytes. */
async function saveBundle(page: Page, url: string, eventId: string): Promise<{ name: string; buffer: Buffer }> {
  await page.goto(`${url}/#/events/${eventId}/sync`);
  await page.getByLabel('Sync passphrase of the event (at least 8 characters)').first().fill(passphrase);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save the bundle' }).click();
  const file = await download;
  await expect(page.getByText(/^Saved .* changes\)\.$/)).toBeVisible();
  return { name: file.suggestedFilename(), buffer: readFileSync(await file.path()) };
}

async function mergeBundle(page: Page, bundle: { name: string; buffer: Buffer }) {
  const section = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Import from a kiosk' }) });
  await section.getByLabel('Bundle file').setInputFiles({
    name: bundle.name,
    mimeType: 'application/octet-stream',
    buffer: bundle.buffer,
  });
  await section.getByLabel('Sync passphrase of the event (at least 8 characters)').fill(passphrase);
  await section.getByRole('button', { name: 'Merge the bundle' }).click();
  await expect(section.getByText(/^Merged: /)).toBeVisible();
}

test('two kiosks check different people in offline, swap bundles through the screens, and both see every check-in', async ({
  page,
  muster,
  api,
  request,
}) => {
  const other = await startServer();
  try {
    // The second kiosk is its own device: set up and signed in for the page and for the API calls alike.
    await signIn(page.request, other.url);
    await signIn(request, other.url);
    const otherApi = <M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>> =>
      callApi(request, other.url, method, input);
    const event = await api('event.create', borderWorkshop());
    const person = (familyName: string) => api('participant.create', delegate(event.id, familyName));
    const first = await person('Otieno');
    const second = await person('Wanjiru');
    const sessionId = event.sessions[0]!.id;

    // The first kiosk checks Otieno in, then hands its bundle to the second, which has never seen the event.
    await api('checkin.create', {
      id: crypto.randomUUID(),
      sessionId,
      registrationId: first.registration.id,
      method: 'qr',
    });
    const fromFirst = await saveBundle(page, muster.url, event.id);
    await expectNoViolations(page, 'the sync page');
    await page.goto(`${other.url}/#/sync`);
    await expect(page.getByRole('heading', { level: 1, name: 'Import a sync bundle' })).toBeVisible();
    await mergeBundle(page, fromFirst);
    await expectNoViolations(page, 'the sync inbox after a merge');

    // Offline again, both correct Wanjiru's job title (the second kiosk later); the second checks her in.
    await api('participant.update', { id: second.participant.id, changes: { jobTitle: 'Inspector' } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await otherApi('participant.update', { id: second.participant.id, changes: { jobTitle: 'Chief Inspector' } });
    // Its bundle goes back to the first.
    await otherApi('checkin.create', {
      id: crypto.randomUUID(),
      sessionId,
      registrationId: second.registration.id,
      method: 'search',
    });
    const fromSecond = await saveBundle(page, other.url, event.id);
    await page.goto(`${muster.url}/#/events/${event.id}/sync`);
    await mergeBundle(page, fromSecond);
    // And back once more, so the second kiosk has the first's job title too (it loses to the later one there as well).
    const back = await saveBundle(page, muster.url, event.id);
    await page.goto(`${other.url}/#/events/${event.id}/sync`);
    await mergeBundle(page, back);
    await page.goto(`${muster.url}/#/events/${event.id}/sync`);

    for (const counters of [
      await api('checkin.counters', { sessionId }),
      await otherApi('checkin.counters', { sessionId }),
    ]) {
      expect(counters).toMatchObject({ expected: 2, checkedIn: 2 });
    }
    const [here, there] = [
      await api('sync.status', { eventId: event.id }),
      await otherApi('sync.status', { eventId: event.id }),
    ];
    expect(here.digest).toBe(there.digest);
    // The page shows the same fingerprint the other kiosk has.
    await page.reload();
    await expect(page.getByText(here.digest.slice(0, 12))).toBeVisible();

    // The page shows what the merge settled: the job title set on both kiosks, and which value was kept.
    const fields = page.getByRole('table', { name: 'Fields changed on two devices (the newest change won)' });
    await expect(fields.getByRole('row', { name: /Amina Wanjiru/ })).toContainText('Chief Inspector');
    await expect(fields.getByRole('row', { name: /Amina Wanjiru/ })).toContainText('Inspector');
    await expectNoViolations(page, 'the sync page after a merge with a conflict');

    // Otieno's registration is cancelled after he was checked in: his check-in stays, uncounted, and the page says so.
    await api('registration.update', { id: first.registration.id, changes: { status: 'cancelled' } });
    await page.reload();
    const uncounted = page.getByRole('table', { name: /^Checked in on one device while another cancelled/ });
    await expect(uncounted.getByRole('row', { name: /Amina Otieno/ })).toContainText('Registration cancelled');
    await expectNoViolations(page, 'the sync page with an uncounted check-in');

    // Wanjiru registered again on the other kiosk, as a second record: the page asks whether she is one person.
    await otherApi('participant.create', delegate(event.id, 'Wanjiru'));
    const again = await saveBundle(page, other.url, event.id);
    await page.goto(`${muster.url}/#/events/${event.id}/sync`);
    await mergeBundle(page, again);
    await page.reload();
    const twice = page.getByRole('table', { name: /^Possibly one person registered twice/ });
    await expect(twice.getByRole('row', { name: /Amina Wanjiru/ })).toContainText('Same name and country');
    await expectNoViolations(page, 'the sync page with a possible duplicate');

    // A wrong passphrase is refused, and says so.
    const section = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Import from a kiosk' }) });
    await section
      .getByLabel('Bundle file')
      .setInputFiles({ name: fromSecond.name, mimeType: 'application/octet-stream', buffer: fromSecond.buffer });
    await section.getByLabel('Sync passphrase of the event (at least 8 characters)').fill('not the passphrase');
    await section.getByRole('button', { name: 'Merge the bundle' }).click();
    await expect(section.getByText('The bundle was not merged')).toBeVisible();
  } finally {
    await other.stop();
  }
});
