import { expect, test, type Page } from '@playwright/test';
import { expectNoViolations } from './kiosk-helpers';
import { startServer, type MusterServer } from './server';
import { people } from './sign-in';

// Browser mode started with no data passphrase (--unlock-in-browser) shows the unlock screen the desktop's unlock
// window shows: the same page, the same contract methods, the same locked door (electron/core/system/locked-door.ts).

const dataPassphrase = 'Port of Spain data passphrase';
let muster: MusterServer;

test.beforeEach(async () => {
  muster = await startServer(undefined, ['--unlock-in-browser'], null);
});
test.afterEach(async () => {
  await muster.stop();
});

/** Moves the focus with Tab until it is on `target`: the way someone without a mouse gets there. */
async function tabTo(page: Page, target: ReturnType<Page['getByLabel']>) {
  for (let i = 0; i < 12; i += 1) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('Tab never reached the field');
}

test('a new data folder chooses its passphrase by keyboard, and a restart asks for it again, refusing a wrong one', async ({
  page,
}) => {
  await page.goto(muster.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choose the data passphrase');
  await expectNoViolations(page, 'the unlock screen (choose)');

  const passphrase = page.getByLabel('Administrator passphrase');
  const again = page.getByLabel('Passphrase again');
  await tabTo(page, passphrase);
  await page.keyboard.type('too short');
  await page.keyboard.press('Tab');
  // The Show toggle comes next, and shows what was typed.
  await expect(page.getByRole('button', { name: 'Show Administrator passphrase' })).toBeFocused();
  await page.keyboard.press('Space');
  await expect(passphrase).toHaveAttribute('type', 'text');
  await page.keyboard.press('Tab');
  await expect(again).toBeFocused();
  await page.keyboard.type('too short');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toHaveText('A passphrase has at least 10 characters.');
  await expectNoViolations(page, 'the unlock screen with its error');

  await passphrase.fill('');
  await tabTo(page, passphrase);
  await page.keyboard.type(dataPassphrase);
  await tabTo(page, again);
  await page.keyboard.type(`${dataPassphrase}!`);
  await page.keyboard.press('Enter');
  await expect(page.getByText('The two passphrases differ.')).toBeVisible();
  await again.fill('');
  await tabTo(page, again);
  await page.keyboard.type(dataPassphrase);
  await page.keyboard.press('Enter');

  // Open: on to the app as a first run, where the administrator sets up the device.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Set up this device');
  await page.getByLabel('Your name').fill(people.admin.name);
  await page.getByLabel('Passphrase', { exact: true }).fill(people.admin.passphrase);
  await page.getByLabel('Passphrase again').fill(people.admin.passphrase);
  await page.getByRole('button', { name: 'Set up' }).click();
  await expect(page.getByText(`Signed in as ${people.admin.name}`)).toBeVisible();

  await muster.restart();
  await page.goto(muster.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Unlock Muster');
  await expect(page.getByLabel('Passphrase again')).toHaveCount(0);
  const unlock = page.getByLabel('Administrator passphrase');
  await tabTo(page, unlock);
  await page.keyboard.type('not the data passphrase');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('This passphrase does not unlock the data.');
  await expect(unlock).toHaveValue('');
  await expectNoViolations(page, 'the unlock screen after a wrong passphrase');
  await tabTo(page, unlock);
  await page.keyboard.type(dataPassphrase);
  await page.keyboard.press('Enter');
  // The same data: the administrator made before the restart is there to sign in.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
  await expect(page.getByLabel('Who are you?')).toContainText(people.admin.name);
});

test('while locked, the API answers every other method with locked', async ({ page }) => {
  await page.goto(muster.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choose the data passphrase');
  const answer = await page.evaluate(async () => {
    const response = await fetch('/api/event.list', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    return (await response.json()) as { ok: boolean; error?: { code: string } };
  });
  expect(answer).toMatchObject({ ok: false, error: { code: 'locked' } });
});
