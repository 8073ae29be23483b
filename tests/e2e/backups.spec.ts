import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

async function expectNoViolations(page: Page, screen: string) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.passes.length, 'axe-core checked nothing').toBeGreaterThan(10);
  const found = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(found, `axe-core violations on ${screen}`).toEqual([]);
}

const workshop = (title: string) => ({
  title,
  venue: 'UN Gigiri',
  city: 'Nairobi',
  country: 'KE',
  startDate: '2026-03-10',
  endDate: '2026-03-11',
  timeZone: 'Africa/Nairobi',
  languages: ['en' as const],
});

test('a backup made from the screen is restored from it: what came after is gone, and can be had back', async ({
  page,
  muster,
  api,
}) => {
  await api('event.create', workshop('Kept workshop'));
  await page.goto(`${muster.url}/#/backups`);
  await expect(page.getByRole('heading', { level: 1, name: 'Backups' })).toBeVisible();
  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByRole('status')).toContainText('Backed up');
  const rows = page.getByRole('table', { name: 'Backups of this machine’s data, newest first' }).locator('tbody tr');
  const manual = rows.filter({ hasText: 'By hand' });
  await expect(manual).toHaveCount(1);
  await expectNoViolations(page, 'the backups page');

  await api('event.create', workshop('Entered after the backup'));
  await manual.getByRole('button', { name: /^Restore the backup of/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore this backup?' });
  await expect(dialog).toBeVisible();
  await expectNoViolations(page, 'the restore question');
  await dialog.getByRole('button', { name: 'Restore' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status')).toContainText('Restored the backup of');
  await expect(rows.filter({ hasText: 'Before a restore' })).toHaveCount(1);

  const titles = (await api('event.list', {})).map((e) => e.title);
  expect(titles).toEqual(['Kept workshop']);
  await page.getByRole('link', { name: 'Events' }).click();
  await expect(page.getByText('Kept workshop')).toBeVisible();
  await expect(page.getByText('Entered after the backup')).toHaveCount(0);
});

test('the backups page in Arabic has no axe-core violations', async ({ page, muster }) => {
  await page.goto(`${muster.url}/#/backups`);
  await page.locator('.language-switcher select').selectOption('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.locator('.page-head button').click();
  await expect(page.locator('tbody tr')).not.toHaveCount(0);
  await expectNoViolations(page, 'the backups page (ar)');
  await page.locator('tbody tr button').first().click();
  await expect(page.locator('dialog')).toBeVisible();
  await expectNoViolations(page, 'the restore question (ar)');
});
