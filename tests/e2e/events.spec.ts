import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const title = 'Regional workshop on countering the financing of terrorism';

async function openNewEventForm(page: Page, url: string) {
  await page.goto(`${url}/#/events`);
  await page.getByRole('link', { name: 'New event' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New event' })).toBeVisible();
}

function sessionRows(page: Page) {
  return page
    .getByRole('table', { name: 'Sessions of this event' })
    .getByRole('row')
    .filter({ has: page.getByRole('textbox') });
}

test('an event created in the screens, with a renamed session, survives a restart of the server', async ({
  page,
  muster,
}) => {
  await openNewEventForm(page, muster.url);
  const form = page.locator('form');
  await form.getByLabel('Title').fill(title);
  await form.getByLabel('Venue').fill('UN Gigiri, Conference room 4');
  await form.getByLabel('City').fill('Nairobi');
  // The country box suggests localised names; typing one (in any case) picks its ISO code.
  await form.getByRole('combobox', { name: 'Country' }).fill('kenya');
  await form.getByLabel('First day').fill('2026-03-10');
  await form.getByLabel('Last day').fill('2026-03-12');
  await form.getByLabel('Time zone').selectOption('Africa/Nairobi');
  await form.getByRole('checkbox', { name: 'French' }).check();
  await form.getByRole('button', { name: 'Create event' }).click();

  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByText('Nairobi, Kenya')).toBeVisible();
  await expect(sessionRows(page)).toHaveCount(3);

  await page.getByRole('link', { name: 'Events' }).click();
  const row = page.getByRole('row').filter({ hasText: title });
  await expect(row).toContainText('Nairobi, Kenya');
  await expect(row).toContainText('Mar 10 – 12, 2026');
  await expect(row.getByRole('cell').last()).toHaveText('3');

  await row.getByRole('link', { name: title }).click();
  const name = page.getByRole('textbox', { name: 'Name, Day 2' });
  await name.fill('Field visit to the port authority');
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/session.update') && r.ok());
  await page.getByRole('button', { name: 'Save Day 2' }).click();
  await saved;
  await expect(page.getByRole('textbox', { name: 'Name, Field visit to the port authority' })).toBeVisible();

  await muster.restart();
  await page.goto(`${muster.url}/#/events`);
  await page.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(sessionRows(page)).toHaveCount(3);
  await expect(page.getByRole('textbox', { name: 'Name, Day 1' })).toHaveValue('Day 1');
  await expect(page.getByRole('textbox', { name: 'Name, Field visit to the port authority' })).toHaveValue(
    'Field visit to the port authority',
  );
  await expect(page.getByRole('textbox', { name: 'Name, Day 3' })).toHaveValue('Day 3');
});

test('bad input shows inline errors next to the fields and creates nothing', async ({ page, muster, api }) => {
  const creates: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/event.create')) creates.push(r.url());
  });
  await openNewEventForm(page, muster.url);
  const form = page.locator('form');
  await form.getByLabel('City').fill('Sarajevo');
  await form.getByRole('combobox', { name: 'Country' }).fill('Atlantis');
  await form.getByLabel('First day').fill('2026-06-12');
  await form.getByLabel('Last day').fill('2026-06-09');
  await form.getByRole('button', { name: 'Create event' }).click();

  const titleBox = form.getByLabel('Title');
  await expect(titleBox).toHaveAttribute('aria-invalid', 'true');
  await expect(titleBox).toHaveAccessibleDescription('This field is required.');
  await expect(titleBox).toBeFocused();
  await expect(form.getByRole('combobox', { name: 'Country' })).toHaveAccessibleDescription(
    /Choose a country from the list\./,
  );
  await expect(form.getByLabel('Last day')).toHaveAccessibleDescription(
    'The last day must be on or after the first day.',
  );
  await expect(form.getByLabel('City')).toHaveAttribute('aria-invalid', 'false');

  // Fixing one field clears its error at once; the others stay until they are fixed too.
  await titleBox.fill('Western Balkans workshop');
  await expect(titleBox).toHaveAttribute('aria-invalid', 'false');
  await form.getByRole('button', { name: 'Create event' }).click();
  await expect(form.getByLabel('Last day')).toHaveAttribute('aria-invalid', 'true');

  expect(creates).toEqual([]);
  expect(await api('event.list', { includeArchived: true })).toEqual([]);
});

test('editing sends only what changed, and the server’s refusal shows on the form', async ({ page, muster, api }) => {
  const event = await api('event.create', {
    title: 'Tashkent workshop',
    venue: '',
    city: 'Tashkent',
    country: 'UZ',
    startDate: '2026-04-01',
    endDate: '2026-04-02',
    timeZone: 'Asia/Tashkent',
    languages: ['en', 'ru'],
  });
  await page.goto(`${muster.url}/#/events/${event.id}`);
  await page.getByRole('link', { name: 'Edit event' }).click();
  await expect(page.getByRole('combobox', { name: 'Country' })).toHaveValue('Uzbekistan');
  await expect(page.getByLabel('Time zone')).toHaveValue('Asia/Tashkent');

  const update = page.waitForRequest((r) => r.url().endsWith('/api/event.update'));
  await page.getByLabel('Last day').fill('2026-04-03');
  await page.getByRole('button', { name: 'Save changes' }).click();
  expect((await update).postDataJSON()).toEqual({ id: event.id, changes: { endDate: '2026-04-03' } });
  // A longer event gets a session for its new day.
  await expect(page.getByRole('textbox', { name: 'Name, Day 3' })).toBeVisible();

  await page.getByRole('link', { name: 'Edit event' }).click();
  await page.getByLabel('Last day').fill('2026-04-01');
  await page.getByRole('button', { name: 'Save changes' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The event was not saved.');
  await expect(alert).toContainText('fall outside the new dates');
  expect((await api('event.get', { id: event.id })).endDate).toBe('2026-04-03');
});
