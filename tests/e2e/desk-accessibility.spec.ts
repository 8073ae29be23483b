import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './roster-fixtures';

/** Every rule axe-core has for WCAG 2.x A and AA, plus its best practices (landmarks, one h1, ...). */
async function expectNoViolations(page: Page, screen: string) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.passes.length, 'axe-core checked nothing').toBeGreaterThan(20);
  const found = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(found, `axe-core violations on ${screen}`).toEqual([]);
}

async function chooseLanguage(page: Page, lang: 'en' | 'ar') {
  if (lang === 'en') return;
  await page.locator('.language-switcher select').selectOption(lang);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
}

// Selectors here avoid words, so one test reads the same in English and in Arabic.
for (const lang of ['en', 'ar'] as const) {
  test(`the desk, the walk-in form, the drawer and the participants list have no axe-core violations (${lang})`, async ({
    page,
    muster,
    seeded,
    api,
  }) => {
    const person = await api('participant.get', { id: seeded.accented.participantId });
    await page.goto(`${muster.url}/#/events/${seeded.eventId}/desk`);
    const search = page.locator('input.desk-search-input');
    await expect(search).toBeFocused();
    await chooseLanguage(page, lang);

    // The desk with results and a success state.
    await search.fill(seeded.accented.plain);
    await expect(page.locator('.desk-results')).toHaveAttribute('data-query', seeded.accented.plain);
    await search.press('Enter');
    await expect(page.locator('.outcome-ok')).toContainText(seeded.accented.name);
    await search.fill(seeded.accented.plain.slice(0, 2));
    await expect(page.locator('.desk-results')).toHaveAttribute('data-query', seeded.accented.plain.slice(0, 2));
    await expect(page.getByRole('option')).not.toHaveCount(0);
    await expectNoViolations(page, `the desk with results and a success (${lang})`);

    // A warning state: the same person again.
    await search.fill(seeded.accented.plain);
    await expect(page.locator('.desk-results')).toHaveAttribute('data-query', seeded.accented.plain);
    await search.press('Enter');
    await expect(page.locator('.outcome-warning')).toBeVisible();
    await expectNoViolations(page, `the desk with a warning (${lang})`);

    // The walk-in form with every required field in error, then with the duplicate warning.
    await page.locator('.desk-search-head button').click();
    const form = page.locator('dialog form.walk-in-form');
    await form.locator('button[data-intent="checkIn"]').click();
    await expect(form.locator('.field-error')).toHaveCount(6);
    await expectNoViolations(page, `the walk-in form with errors (${lang})`);
    await form.locator('input[name="givenNames"]').fill(person.participant.givenNames);
    await form.locator('input[name="familyName"]').fill(person.participant.familyName);
    await form.locator('select[name="gender"]').selectOption(person.participant.gender);
    await form.locator('input[name="country"]').fill(person.participant.country);
    await form.locator('input[name="organisation"]').fill(person.participant.organisation);
    await form.locator('select[name="organisationType"]').selectOption(person.participant.organisationType);
    await form.locator('select[name="category"]').selectOption('observer');
    await form.locator('button[data-intent="checkIn"]').click();
    await expect(form.locator('.duplicates')).toBeVisible();
    await expectNoViolations(page, `the walk-in form with the duplicate warning (${lang})`);
    await page.keyboard.press('Escape');
    await expect(form).toBeHidden();

    // The participant drawer.
    await page.locator('.result-actions .button').nth(1).click();
    const drawer = page.locator('dialog.dialog-drawer');
    await expect(drawer.locator('select[name="status"]')).toBeVisible();
    await expectNoViolations(page, `the participant drawer (${lang})`);
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();

    // Starting the kiosk, with badge printing asked for (its printer fields showing).
    await page.locator('.start-kiosk').click();
    const start = page.locator('dialog').filter({ has: page.locator('input[name="pin"]') });
    await start.locator('input[type="checkbox"]').check();
    await expect(start.locator('select')).toBeVisible();
    await expectNoViolations(page, `the start-kiosk dialog (${lang})`);
    await page.keyboard.press('Escape');
    await expect(start).toBeHidden();

    // The participants list, filtered to the women, sorted by country.
    await page.goto(`${muster.url}/#/events/${seeded.eventId}/participants`);
    await expect(page.locator('.roster-row').first()).toBeVisible();
    await page.locator('.filter-group').nth(1).locator('input[type="checkbox"]').first().check();
    await page.locator('.sort-button').nth(2).click();
    await expect(page.locator('th[aria-sort="ascending"]')).toHaveCount(1);
    await expect(page.locator('.roster-row:not(.loading-row)').first()).toBeVisible();
    await expectNoViolations(page, `the participants list (${lang})`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
  });
}
