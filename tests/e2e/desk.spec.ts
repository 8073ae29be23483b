import type { Page } from '@playwright/test';
import { expect, test, type Seeded } from './roster-fixtures';

/** The desk's search box, its results and its figures, by the names a screen reader announces. */
function desk(page: Page) {
  return {
    search: page.getByRole('combobox', { name: 'Find a participant' }),
    results: page.getByRole('listbox', { name: 'Participants found' }),
    status: page.locator('.desk-outcome [role="status"]'),
    alert: page.locator('.desk-outcome [role="alert"]'),
    checkedIn: page.getByRole('region', { name: 'Attendance for this session' }).locator('.counter-main dd'),
    recent: page.getByRole('region', { name: 'Last at this desk' }),
  };
}

async function openDesk(page: Page, url: string, seeded: Seeded) {
  await page.goto(`${url}/#/events/${seeded.eventId}`);
  await page.getByRole('link', { name: 'Check-in desk' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check-in desk' })).toBeVisible();
  return desk(page);
}

/** Clears the box and types as staff do; resolves once the results answer exactly what was typed. */
async function find(page: Page, text: string) {
  const d = desk(page);
  await d.search.fill('');
  await d.search.pressSequentially(text);
  await expect(page.locator('.desk-results')).toHaveAttribute('data-query', text);
  return d.results.getByRole('option');
}

test('find by an accent-less name, check in, undo, check in again, register a walk-in, and keep it all across a restart', async ({
  page,
  muster,
  seeded,
  api,
}) => {
  const before = await api('checkin.counters', { sessionId: seeded.todaySessionId });
  const expected = before.expected;
  const d = await openDesk(page, muster.url, seeded);
  // Today's session, from the event's time zone, is chosen without being asked; the box has the focus.
  await expect(page.getByLabel('Session', { exact: true })).toHaveValue(seeded.todaySessionId);
  await expect(d.search).toBeFocused();
  await expect(d.checkedIn).toHaveText(`0 of ${expected.toLocaleString('en')}`);

  // "valentina munoz" finds "Valentina Muñoz": lower case, no accents, first among the results.
  const options = await find(page, seeded.accented.plain);
  await expect(options.first()).toContainText(seeded.accented.name);
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await expect(options.first()).toContainText('Not checked in');

  const created = page.waitForResponse((r) => r.url().endsWith('/api/checkin.create'));
  await page.keyboard.press('Enter');
  expect((await created).ok()).toBe(true);
  await expect(d.status).toContainText(`Checked in: ${seeded.accented.name}`);
  await expect(d.checkedIn).toHaveText(`1 of ${expected.toLocaleString('en')}`);
  await expect(options.first()).toContainText('Checked in');

  // A second Enter is refused by the server with when and where; the figure does not move.
  await page.keyboard.press('Enter');
  await expect(d.alert).toContainText(`Already checked in: ${seeded.accented.name}`);
  await expect(d.alert).toContainText('at this desk');
  await expect(d.checkedIn).toHaveText(`1 of ${expected.toLocaleString('en')}`);

  // Undo from the last check-ins, then check in again.
  await d.recent.getByRole('button', { name: `Undo check-in of ${seeded.accented.name}` }).click();
  await expect(d.status).toContainText(`Undone: ${seeded.accented.name}`);
  await expect(d.checkedIn).toHaveText(`0 of ${expected.toLocaleString('en')}`);
  await expect(d.search).toBeFocused();
  await find(page, seeded.accented.plain);
  await page.keyboard.press('Enter');
  await expect(d.status).toContainText(`Checked in: ${seeded.accented.name}`);
  await expect(d.checkedIn).toHaveText(`1 of ${expected.toLocaleString('en')}`);

  // A walk-in, registered only, then found and checked in like anyone else.
  await page.getByRole('button', { name: 'Register a walk-in' }).click();
  const form = page.getByRole('dialog', { name: 'Register a walk-in' });
  await form.getByLabel('Honorific').fill('Dr.');
  await form.getByLabel('Given names').fill('Thandiwe');
  await form.getByLabel('Family name').fill('Nkosi-Ferreira');
  await form.getByLabel('Gender').selectOption('female');
  await form.getByRole('combobox', { name: 'Country represented' }).fill('south africa');
  await form.getByLabel('Organisation', { exact: true }).fill('Financial Intelligence Centre');
  await form.getByLabel('Organisation type').selectOption('government');
  await form.getByLabel('Category').selectOption('observer');
  await form.getByLabel('Email').fill('thandiwe.nkosi@fic.gov.za');
  await form.getByLabel('Phone').fill('+27 82 123 4567');
  await form.getByRole('checkbox', { name: 'Agrees to the processing of their personal data' }).check();
  await form.getByRole('button', { name: 'Save only' }).click();
  await expect(form).toBeHidden();
  await expect(d.status).toContainText('Registered: Thandiwe Nkosi-Ferreira (not checked in)');
  await expect(d.search).toBeFocused();
  await expect(d.checkedIn).toHaveText(`1 of ${(expected + 1).toLocaleString('en')}`);

  const walkIn = await find(page, 'nkosi');
  await expect(walkIn).toHaveCount(1);
  await expect(walkIn.first()).toContainText('Thandiwe Nkosi-Ferreira');
  await expect(walkIn.first()).toContainText('Financial Intelligence Centre · South Africa · Observer');
  await page.keyboard.press('Enter');
  await expect(d.status).toContainText('Checked in: Thandiwe Nkosi-Ferreira');
  await expect(d.checkedIn).toHaveText(`2 of ${(expected + 1).toLocaleString('en')}`);

  // Everything acknowledged is on disk: a fresh server process still has it.
  await muster.restart();
  const again = await openDesk(page, muster.url, seeded);
  await expect(again.checkedIn).toHaveText(`2 of ${(expected + 1).toLocaleString('en')}`);
  await expect((await find(page, seeded.accented.plain)).first()).toContainText(/Checked in \d/);
  await expect((await find(page, 'thandiwe nkosi')).first()).toContainText(/Checked in \d/);
  // Newest first: the walk-in, the second check-in, the undo, and the first check-in marked undone.
  const entries = again.recent.getByRole('listitem');
  await expect(entries).toHaveCount(4);
  await expect(entries.nth(0)).toContainText('Thandiwe Nkosi-Ferreira');
  await expect(entries.nth(2)).toContainText(`${seeded.accented.name}Undo ·`);
  await expect(entries.nth(3)).toContainText('undone');

  const present = await api('roster.list', {
    eventId: seeded.eventId,
    sessionId: seeded.todaySessionId,
    checkedIn: true,
  });
  expect(present.rows.map((r) => `${r.givenNames} ${r.familyName}`).sort()).toEqual(
    [seeded.accented.name, 'Thandiwe Nkosi-Ferreira'].sort(),
  );
  const stored = present.rows.find((r) => r.familyName === 'Nkosi-Ferreira')!;
  expect(stored.status).toBe('walk_in');
  expect(stored.attendance?.method).toBe('search');
});

test('the desk works from the keyboard alone: arrows, Enter, the details drawer and Esc', async ({
  page,
  muster,
  seeded,
}) => {
  const d = await openDesk(page, muster.url, seeded);
  const options = await find(page, seeded.accented.plain.split(' ')[1]!.slice(0, 3));
  await expect(options.nth(1)).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(d.search).toHaveAttribute('aria-activedescendant', (await options.nth(1).getAttribute('id'))!);
  const name = (await options.nth(1).locator('.result-name').innerText()).replace(/^\S+\.\s/, '');

  // Tab to the highlighted person's actions, open the drawer, Tab around inside it, Esc back.
  const details = page.getByRole('group', { name: /^Actions for / }).getByRole('button', { name: 'Details' });
  await details.focus();
  await page.keyboard.press('Enter');
  const drawer = page.getByRole('dialog');
  await expect(drawer.getByRole('heading', { level: 2 })).toBeVisible();
  await expect(drawer.getByLabel('Status')).toBeVisible();
  expect(await page.evaluate(() => Boolean(document.activeElement?.closest('dialog')))).toBe(true);
  for (let i = 0; i < 40; i++) await page.keyboard.press('Tab');
  const inside = await page.evaluate(() => Boolean(document.activeElement?.closest('dialog')));
  expect(inside, 'focus stayed in the drawer').toBe(true);
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await expect(details).toBeFocused();

  // Back in the box, Esc clears it.
  await d.search.focus();
  await page.keyboard.press('Escape');
  await expect(d.search).toHaveValue('');
  expect(name.length).toBeGreaterThan(0);
});

test('a walk-in who is already on the roster is offered for check-in instead of being registered twice', async ({
  page,
  muster,
  seeded,
  api,
}) => {
  await openDesk(page, muster.url, seeded);
  const person = await api('participant.get', { id: seeded.accented.participantId });
  await page.getByRole('button', { name: 'Register a walk-in' }).click();
  const form = page.getByRole('dialog', { name: 'Register a walk-in' });
  // Typed without accents and in another case: the duplicate check folds names as the search does.
  await form.getByLabel('Given names').fill(seeded.accented.plain.split(' ')[0]!.toUpperCase());
  await form.getByLabel('Family name').fill(seeded.accented.plain.split(' ').slice(1).join(' '));
  await form.getByLabel('Gender').selectOption(person.participant.gender);
  await form.getByRole('combobox', { name: 'Country represented' }).fill(person.participant.country);
  await form.getByLabel('Organisation', { exact: true }).fill('Somewhere else');
  await form.getByLabel('Organisation type').selectOption('other');
  await form.getByLabel('Category').selectOption('observer');
  await form.getByRole('button', { name: 'Save and check in' }).click();

  const warning = form.getByRole('alert');
  await expect(warning).toContainText('This person may already be registered');
  await warning.getByRole('button', { name: `Check in ${seeded.accented.name} instead` }).click();
  await expect(form).toBeHidden();
  await expect(desk(page).status).toContainText(`Checked in: ${seeded.accented.name}`);
  const roster = await api('roster.list', { eventId: seeded.eventId, limit: 1 });
  expect(roster.total).toBe(seeded.total);
});
