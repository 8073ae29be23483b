import type { RosterRow } from '../../electron/core/participants/schema';
import { expect, test } from './roster-fixtures';

/** The name the list shows: the badge name, as people are known at the event. */
const shown = (row: RosterRow) => row.badgeName || `${row.givenNames} ${row.familyName}`;

test('the participants list scrolls through the whole roster, filters, sorts, and edits through the drawer', async ({
  page,
  muster,
  seeded,
  api,
}) => {
  await page.goto(`${muster.url}/#/events/${seeded.eventId}`);
  // Exact: the event page also links to "Import participants".
  await page.getByRole('link', { name: 'Participants', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Participants' })).toBeVisible();
  await expect(page.getByText(`Matching participants: ${seeded.total.toLocaleString('en')}`)).toBeVisible();
  const table = page.getByRole('table', { name: `Participants of ${seeded.eventTitle}` });
  await expect(table).toHaveAttribute('aria-rowcount', String(seeded.total + 1));
  // Only the rows in view are in the page, not 2,000.
  expect(await table.locator('tbody tr[aria-rowindex]').count()).toBeLessThan(60);

  // To the very end: the last page is fetched when it comes into view, and the last line is the last by name.
  const last = await api('roster.list', { eventId: seeded.eventId, offset: seeded.total - 1, limit: 1 });
  await page.locator('.roster-scroll').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  const lastRow = table.locator(`tr[aria-rowindex="${seeded.total + 1}"]`);
  await expect(lastRow).toContainText(shown(last.rows[0]!));

  // Women who have not checked in to today's session, sorted by country, Z to A.
  await page.getByRole('group', { name: 'Gender' }).getByRole('checkbox', { name: 'Female' }).check();
  await page.getByLabel('Check-in', { exact: true }).selectOption('out');
  const countryHeader = page.getByRole('columnheader', { name: /Country/ });
  await countryHeader.getByRole('button').click();
  await countryHeader.getByRole('button').click();
  await expect(countryHeader).toHaveAttribute('aria-sort', 'descending');
  const expected = await api('roster.list', {
    eventId: seeded.eventId,
    sessionId: seeded.todaySessionId,
    gender: ['female'],
    checkedIn: false,
    sort: 'country',
    direction: 'desc',
    limit: 1,
  });
  await expect(page.getByText(`Matching participants: ${expected.total.toLocaleString('en')}`)).toBeVisible();
  const firstRow = table.locator('tr[aria-rowindex="2"]');
  await expect(firstRow).toContainText(shown(expected.rows[0]!));

  // Correct someone's organisation in the drawer: the list shows it, and only that field was sent.
  const sent: unknown[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/participant.update')) sent.push(r.postDataJSON());
  });
  await firstRow.getByRole('button').click();
  const drawer = page.getByRole('dialog');
  await drawer.getByLabel('Organisation', { exact: true }).fill('Kenya Police Service');
  await drawer.getByRole('button', { name: 'Save details' }).click();
  await expect(drawer.getByText('Saved.')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(firstRow).toContainText('Kenya Police Service');
  expect(sent).toEqual([{ id: expected.rows[0]!.participantId, changes: { organisation: 'Kenya Police Service' } }]);
});
