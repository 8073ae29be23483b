import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';

const event = {
  title: 'CT TECH: Central Asia',
  venue: 'Hyatt Regency',
  city: 'Tashkent',
  country: 'UZ',
  startDate: '2023-10-03',
  endDate: '2023-10-04',
  timeZone: 'Asia/Tashkent',
  languages: ['ru', 'en'] as ('ru' | 'en')[],
};

test('the drawer prints a badge (the PDF opens for printing) and reissues it, from the keyboard, with no axe violations', async ({
  page,
  muster,
  api,
}) => {
  const created = await api('event.create', event);
  const { participant, registration } = await api('participant.create', {
    eventId: created.id,
    givenNames: 'Дилноза',
    familyName: 'Юсупова',
    gender: 'female',
    country: 'UZ',
    organisation: 'Министерство внутренних дел',
    organisationType: 'law_enforcement',
    category: 'partner_state_delegate',
  });
  const before = await api('badge.token', { registrationId: registration.id });

  await page.goto(`${muster.url}/#/events/${created.id}/participants`);
  await page
    .getByRole('table')
    .getByRole('button', { name: /Юсупова/ })
    .click();
  const drawer = page.getByRole('dialog');
  const section = drawer.getByRole('region', { name: 'Print badge' });
  await expect(section).toBeVisible();
  await section.getByLabel('Badge layout').selectOption('4x3');

  // From the keyboard: focus the button, Enter. The badge PDF opens in a new tab, where the browser prints it.
  const print = section.getByRole('button', { name: 'Print badge' });
  await print.focus();
  const popup = page.waitForEvent('popup');
  await page.keyboard.press('Enter');
  const opened = await popup;
  expect(opened.url()).toMatch(/^blob:/);
  await expect(section.getByRole('status')).toHaveText('Badge for Дилноза Юсупова sent to print.');
  await opened.close();

  const results = await new AxeBuilder({ page }).include('dialog').analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);

  // Lost badge: reissue. The old QR no longer verifies and the drawer shows the new short code.
  await section.getByRole('button', { name: 'Reissue badge' }).click();
  await expect(section.getByRole('status')).toContainText('New badge issued for Дилноза Юсупова');
  const after = await api('badge.token', { registrationId: registration.id });
  expect(after.issue).toBe(before.issue + 1);
  expect(after.code).not.toBe(before.code);
  await expect(drawer).toContainText(after.code);
  expect((await api('participant.get', { id: participant.id })).registrations[0]?.code).toBe(
    after.code.replace('-', ''),
  );

  // The layout is this desk's setting: it is still chosen when the drawer opens again.
  await page.keyboard.press('Escape');
  await page
    .getByRole('table')
    .getByRole('button', { name: /Юсупова/ })
    .click();
  await expect(page.getByRole('dialog').getByLabel('Badge layout')).toHaveValue('4x3');
});
