import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import type { Input } from '../../electron/core/api/contract';
import { hostileNames } from '../fixtures/hostile-names';
import { expectScreen, wedgeScan } from './kiosk-helpers';
import { expect, test } from './roster-fixtures';

test.use({ rosterSize: 30 });

type Api = Parameters<Parameters<typeof test>[2]>[0]['api'];

/**
 * A name that ran as markup would open an alert, add an <img>, <script> or <svg> element, or lose its angle brackets
 * from the text: each screen is checked for all four.
 */
function watch(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return dialogs;
}

async function expectInert(page: Page, dialogs: string[], screen: string) {
  expect(dialogs, `${screen}: a name ran as script`).toEqual([]);
  expect(await page.locator('img[src="x"], svg[onload], main script').count(), `${screen}: a name became markup`).toBe(
    0,
  );
}

async function addPeople(api: Api, eventId: string, sessionId: string) {
  const people = [];
  for (const { given, family } of hostileNames) {
    const created = await api('participant.create', {
      eventId,
      givenNames: given,
      familyName: family,
      gender: 'female',
      country: 'KE',
      organisation: family,
      organisationType: 'law_enforcement',
      category: 'partner_state_delegate',
      email: `${given.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()}@example.org`,
      checkIn: { id: randomUUID(), sessionId },
    } as Input<'participant.create'>);
    people.push({ given, family, name: `${given} ${family}`, code: created.registration.code });
  }
  return people;
}

test('names carrying HTML, script and formulas show as plain text on every screen and run nowhere', async ({
  page,
  muster,
  seeded,
  api,
}) => {
  const dialogs = watch(page);
  const people = await addPeople(api, seeded.eventId, seeded.todaySessionId);

  // The desk: search results, and the last check-ins at this desk.
  await page.goto(`${muster.url}/#/events/${seeded.eventId}/desk`);
  await expect(page.getByRole('heading', { level: 1, name: 'Check-in desk' })).toBeVisible();
  const search = page.getByRole('combobox', { name: 'Find a participant' });
  for (const person of people) {
    await search.fill('');
    await search.pressSequentially(person.given.toLowerCase());
    await expect(page.locator('.desk-results')).toHaveAttribute('data-query', person.given.toLowerCase());
    await expect(page.getByRole('listbox', { name: 'Participants found' }).getByRole('option').first()).toContainText(
      person.name,
    );
  }
  const recent = page.getByRole('region', { name: 'Last at this desk' });
  for (const person of people) await expect(recent).toContainText(person.name);
  await expectInert(page, dialogs, 'desk');

  // The roster, and one person's drawer.
  await page.goto(`${muster.url}/#/events/${seeded.eventId}/participants`);
  await expect(page.getByRole('heading', { level: 1, name: 'Participants' })).toBeVisible();
  const table = page.getByRole('table', { name: /Participants of/ });
  for (const person of people) {
    const row = table.getByRole('row').filter({ hasText: person.family });
    await row.scrollIntoViewIfNeeded();
    await expect(row.first()).toContainText(person.name);
  }
  await table.getByRole('row').filter({ hasText: people[0]!.family }).first().getByRole('button').click();
  const drawer = page.getByRole('dialog');
  await expect(drawer).toContainText(people[0]!.name);
  await expect(drawer.getByLabel('Family name')).toHaveValue(people[0]!.family);
  await page.keyboard.press('Escape');
  await expectInert(page, dialogs, 'participants');

  // The programme report's list of possible same people: each hostile person registered at a second workshop.
  const other = await api('event.create', {
    title: 'Second workshop',
    venue: '',
    city: 'Tashkent',
    country: 'UZ',
    startDate: '2023-10-03',
    endDate: '2023-10-04',
    timeZone: 'Asia/Tashkent',
    languages: ['en'],
  });
  const there = await addPeople(api, other.id, other.sessions[0]!.id);
  const programme = await api('programme.create', { name: 'CT TECH', eventIds: [seeded.eventId, other.id] });
  await page.goto(`${muster.url}/#/programmes/${programme.id}/report`);
  const matches = page.getByRole('table', { name: 'People who may be the same person' });
  for (const person of people) await expect(matches).toContainText(person.name);
  await expectInert(page, dialogs, 'programme report');

  // The kiosk's greeting, for a badge scanned at the welcome screen.
  await api('kiosk.enter', { sessionId: other.sessions[1]!.id, pin: '2468', idleSeconds: 60 });
  await page.goto(muster.url);
  for (const person of there.slice(0, 3)) {
    await expectScreen(page, 'welcome');
    await wedgeScan(page, person.code);
    await expectScreen(page, 'success');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Welcome, ${person.name}`);
    await page.getByRole('button', { name: 'Done' }).click();
  }
  await expectInert(page, dialogs, 'kiosk');
});
