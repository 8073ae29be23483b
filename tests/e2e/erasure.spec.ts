import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';

const person = {
  gender: 'female',
  country: 'KE',
  organisation: 'National Police Service',
  organisationType: 'law_enforcement',
  category: 'partner_state_delegate',
} as const;

test('erase a person from the drawer: the name leaves the roster and the desk search, the figures stay', async ({
  page,
  muster,
  api,
}) => {
  const event = await api('event.create', {
    title: 'Nairobi workshop',
    venue: '',
    city: 'Nairobi',
    country: 'KE',
    startDate: '2026-09-14',
    endDate: '2026-09-15',
    timeZone: 'Africa/Nairobi',
    languages: ['en'],
  });
  const canary = await api('participant.create', {
    ...person,
    eventId: event.id,
    givenNames: 'Zawadi',
    familyName: 'Kanaritova',
  });
  await api('participant.create', { ...person, eventId: event.id, givenNames: 'Amina', familyName: 'Otieno' });
  await api('checkin.create', {
    id: crypto.randomUUID(),
    sessionId: event.sessions[0]!.id,
    registrationId: canary.registration.id,
    method: 'manual',
  });

  await page.goto(`${muster.url}/#/events/${event.id}`);
  await page.getByRole('link', { name: 'Participants', exact: true }).click();
  const table = page.getByRole('table', { name: 'Participants of Nairobi workshop' });
  await table.getByRole('button', { name: 'Zawadi Kanaritova' }).click();
  const drawer = page.getByRole('dialog');

  // The question says what goes and what stays; cancelling changes nothing and gives the focus back.
  const open = drawer.getByRole('button', { name: 'Erase personal data…' });
  await open.click();
  const question = drawer.getByRole('group', { name: 'Erase this person’s personal data for good?' });
  await expect(question).toBeFocused();
  await expect(question).toContainText('names, badge name');
  await expect(question).toContainText('gender, country represented, organisation type');
  const axe = await new AxeBuilder({ page }).include('dialog').analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  await question.getByRole('button', { name: 'Cancel' }).click();
  await expect(open).toBeFocused();

  // Keyboard only: back into the question and confirm with Enter.
  await open.press('Enter');
  await drawer.getByRole('button', { name: 'Erase for good' }).press('Enter');
  await expect(drawer.getByText('This person’s personal data was erased.')).toBeVisible();
  await expect(drawer.getByRole('heading', { name: 'Erased participant' })).toBeVisible();
  await expect(drawer.getByLabel('Family name')).toHaveCount(0);
  await page.keyboard.press('Escape');

  await expect(table.getByRole('button', { name: 'Erased participant' })).toBeVisible();
  await expect(table).not.toContainText('Kanaritova');
  await expect(table.getByRole('button', { name: 'Amina Otieno' })).toBeVisible();

  await page.goto(`${muster.url}/#/events/${event.id}`);
  await page.getByRole('link', { name: 'Check-in desk' }).click();
  const search = page.getByRole('combobox', { name: 'Find a participant' });
  await search.pressSequentially('Kanarit');
  await expect(page.locator('.desk-results')).toHaveAttribute('data-query', 'Kanarit');
  await expect(page.getByRole('listbox', { name: 'Participants found' }).getByRole('option')).toHaveCount(0);
  // Her check-in still counts.
  const counters = await api('checkin.counters', { sessionId: event.sessions[0]!.id });
  expect(counters.checkedIn).toBe(1);
});

test('the event form sets how long personal data is kept, or keeps it until erased by hand', async ({
  page,
  muster,
  api,
}) => {
  const event = await api('event.create', {
    title: 'Tashkent workshop',
    venue: '',
    city: 'Tashkent',
    country: 'UZ',
    startDate: '2026-10-03',
    endDate: '2026-10-04',
    timeZone: 'Asia/Tashkent',
    languages: ['en'],
  });
  expect(event.retentionDays).toBe(365);
  await page.goto(`${muster.url}/#/events/${event.id}/edit`);
  const days = page.getByLabel('Keep personal data for (days after the event ends)');
  await expect(days).toHaveValue('365');
  const update = page.waitForRequest((r) => r.url().endsWith('/api/event.update'));
  await days.fill('');
  await page.getByRole('button', { name: 'Save changes' }).click();
  expect((await update).postDataJSON()).toEqual({ id: event.id, changes: { retentionDays: null } });
  await expect(page.getByRole('link', { name: 'Edit event' })).toBeVisible();
  expect((await api('event.get', { id: event.id })).retentionDays).toBeNull();
});
