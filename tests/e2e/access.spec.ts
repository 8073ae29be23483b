import { expect, test } from './fixtures';
import { expectNoViolations } from './kiosk-helpers';
import { people } from './sign-in';
import { borderWorkshop } from './workshop';

test.describe('first run', () => {
  test.use({ firstRun: true });

  test('the administrator sets a passphrase, adds staff; staff sign in with their PIN and see no admin screens', async ({
    page,
    muster,
  }) => {
    await page.goto(muster.url);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Set up this device');
    await expectNoViolations(page, 'the first-run screen');
    await page.getByLabel('Your name').fill(people.admin.name);
    await page.getByLabel('Passphrase', { exact: true }).fill('too short');
    await page.getByLabel('Passphrase again').fill('too short');
    await page.getByRole('button', { name: 'Set up' }).click();
    await expect(page.getByRole('alert')).toHaveText('A passphrase has at least 10 characters.');
    await page.getByLabel('Passphrase', { exact: true }).fill(people.admin.passphrase);
    await page.getByLabel('Passphrase again').fill(people.admin.passphrase);
    await page.getByRole('button', { name: 'Set up' }).click();
    await expect(page.getByText(`Signed in as ${people.admin.name}`)).toBeVisible();

    await page.getByRole('link', { name: 'Staff', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Staff and administrators');
    await page.getByLabel('Name', { exact: true }).fill(people.staff.name);
    await page.getByLabel('PIN or passphrase').fill(people.staff.pin);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(page.getByText(`${people.staff.name} can now sign in.`)).toBeVisible();
    await expectNoViolations(page, 'the staff list');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
    await expectNoViolations(page, 'the sign-in screen');
    await page.getByLabel('Who are you?').selectOption({ label: `${people.staff.name} (Staff)` });
    await page.getByLabel('PIN or passphrase').fill('0000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toContainText('That name and secret do not match.');
    await page.getByLabel('PIN or passphrase').fill(people.staff.pin);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText(`Signed in as ${people.staff.name}`)).toBeVisible();
    await expect(page.getByRole('link', { name: 'Audit trail' })).toHaveCount(0);
    // Typing the address does not help: the core refuses staff an admin method.
    await page.goto(`${muster.url}/#/audit`);
    await expect(page.getByRole('alert').first()).toContainText('Only an administrator may do this.');
  });
});

test('the audit viewer lists what was done, filters it, checks the chain and exports it', async ({
  page,
  muster,
  api,
}) => {
  await api('event.create', borderWorkshop());
  await page.goto(`${muster.url}/#/audit`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit trail');
  const table = page.locator('table.audit-table');
  await expect(table.getByRole('cell', { name: 'event.create' })).toBeVisible();
  await expect(table.getByRole('cell', { name: 'access.setup' })).toBeVisible();
  // Ids only: the event's title is nowhere in the trail.
  await expect(table).not.toContainText('border security');
  await expectNoViolations(page, 'the audit trail');

  await page.getByLabel('Action').fill('event');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(table.getByRole('cell', { name: 'access.setup' })).toHaveCount(0);
  await expect(table.getByRole('cell', { name: 'event.create' })).toBeVisible();

  await page.getByRole('button', { name: 'Check the chain' }).click();
  await expect(page.getByText(/^The chain is intact \(\d+ entries\)\.$/)).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export as CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^muster-audit-.*\.csv$/);
});
