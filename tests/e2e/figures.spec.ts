import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';

test('a past workshop keeps its figures after an edit unless staff tick it as a correction, from the keyboard', async ({
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
  const { registration } = await api('participant.create', {
    eventId: event.id,
    givenNames: 'Amina',
    familyName: 'Otieno',
    gender: 'female',
    country: 'KE',
    organisation: 'National Police Service',
    organisationType: 'law_enforcement',
    category: 'partner_state_delegate',
  });
  await api('checkin.create', {
    id: crypto.randomUUID(),
    sessionId: event.sessions[0]!.id,
    registrationId: registration.id,
    method: 'manual',
  });
  const reported = async () =>
    Object.entries((await api('report.get', { eventId: event.id })).totals.byOrganisationType)
      .filter(([, n]) => n > 0)
      .map(([type]) => type);

  await page.goto(`${muster.url}/#/events/${event.id}`);
  await page.getByRole('link', { name: 'Participants', exact: true }).click();
  await page
    .getByRole('table', { name: 'Participants of Nairobi workshop' })
    .getByRole('button', { name: 'Amina Otieno' })
    .click();
  const drawer = page.getByRole('dialog');
  const correct = drawer.getByRole('checkbox', { name: 'Also correct past workshops' });
  await expect(correct).not.toBeChecked();
  const axe = await new AxeBuilder({ page }).include('dialog').analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);

  // A change since the workshop: it keeps what it reported.
  await drawer.getByLabel('Organisation type').selectOption('security_agency');
  await drawer.getByRole('button', { name: 'Save details' }).click();
  await expect(drawer.getByText('Saved.')).toBeVisible();
  expect(await reported()).toEqual(['law_enforcement']);

  // It was a mistake all along: tick with the space bar, save with the keyboard.
  await correct.focus();
  await page.keyboard.press('Space');
  await expect(correct).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(drawer.getByRole('button', { name: 'Save details' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(correct).not.toBeChecked();
  await expect.poll(reported).toEqual(['security_agency']);
});
