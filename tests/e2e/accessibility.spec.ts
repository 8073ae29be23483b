import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** Every rule axe-core has for WCAG 2.x A and AA, plus its best practices (landmarks, one h1, ...). */
async function expectNoViolations(page: Page, screen: string) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.passes.length, 'axe-core checked nothing').toBeGreaterThan(20);
  const found = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(found, `axe-core violations on ${screen}`).toEqual([]);
}

for (const lang of ['en', 'ar'] as const) {
  test(`the event list, the form with its errors and the event detail have no axe-core violations (${lang})`, async ({
    page,
    muster,
    api,
  }) => {
    const event = await api('event.create', {
      title: 'Bangkok workshop on maritime security',
      venue: 'UNCC',
      city: 'Bangkok',
      country: 'TH',
      startDate: '2026-09-14',
      endDate: '2026-09-16',
      timeZone: 'Asia/Bangkok',
      languages: ['en', 'ar'],
    });
    await api('event.create', {
      title: 'Port of Spain workshop',
      venue: '',
      city: 'Port of Spain',
      country: 'TT',
      startDate: '2025-11-03',
      endDate: '2025-11-04',
      timeZone: 'America/Port_of_Spain',
      languages: ['en', 'es'],
    });

    await page.goto(`${muster.url}/#/events`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    if (lang === 'ar') {
      await page.getByLabel('Language').selectOption('ar');
      await expect(page.getByRole('heading', { level: 1, name: 'الفعاليات' })).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
      await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
    } else {
      await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
    }
    const main = page.getByRole('main');
    await expect(main.getByRole('row')).toHaveCount(3);
    await expectNoViolations(page, `the event list (${lang})`);

    // The form, after a submit with every required field in error (title, city, country, both days, languages).
    await main
      .getByRole('link')
      .filter({ hasText: lang === 'ar' ? 'فعالية جديدة' : 'New event' })
      .click();
    // `.all()` does not wait: let the form render (its language box starts ticked) before unticking.
    await expect(
      page.getByRole('heading', { level: 1, name: lang === 'ar' ? 'فعالية جديدة' : 'New event' }),
    ).toBeVisible();
    await expect(page.locator('form').getByRole('checkbox', { checked: true })).not.toHaveCount(0);
    for (const box of await page.locator('form').getByRole('checkbox', { checked: true }).all()) await box.uncheck();
    await expect(page.locator('form').getByRole('checkbox', { checked: true })).toHaveCount(0);
    await page.locator('form').getByRole('button').first().click();
    await expect(page.locator('form [aria-invalid="true"]').first()).toBeVisible();
    await expect(page.locator('.field-error')).toHaveCount(6);
    await expectNoViolations(page, `the event form with errors (${lang})`);

    // The detail, with a removal being confirmed so the inline question is checked too.
    await page.goto(`${muster.url}/#/events/${event.id}`);
    await expect(page.getByRole('heading', { level: 1, name: event.title })).toBeVisible();
    await page.getByRole('button', { name: lang === 'ar' ? 'حذف Day 3' : 'Remove Day 3' }).click();
    await expectNoViolations(page, `the event detail (${lang})`);

    // The language choice was remembered across the reload.
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
  });
}

test('the header keeps its links and the sign-out apart, and every typed-in field is framed alike', async ({
  page,
  muster,
  api,
}) => {
  const event = await api('event.create', {
    title: 'Sarajevo workshop',
    venue: '',
    city: 'Sarajevo',
    country: 'BA',
    startDate: '2026-05-04',
    endDate: '2026-05-05',
    timeZone: 'Europe/Sarajevo',
    languages: ['en'],
  });
  // The staff page has a text field without a type (Name), a number (minutes) and passphrases; the new-event form a
  // number (days kept) inside a framed group; the sync page a web address (the hub's).
  for (const screen of ['members', 'events/new', `events/${event.id}/sync`]) {
    await page.goto(`${muster.url}/#/${screen}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const links = await page.getByRole('navigation').getByRole('link').all();
    expect(links.length).toBeGreaterThan(2);
    for (const [a, b] of links.slice(1).map((link, i) => [links[i]!, link] as const)) {
      const left = (await a.boundingBox())!;
      const right = (await b.boundingBox())!;
      // A narrow window wraps the links onto another line; on one line they stand apart.
      if (Math.abs(right.y - left.y) > 4) continue;
      expect(right.x - (left.x + left.width), 'space between two header links').toBeGreaterThanOrEqual(16);
    }
    const signedIn = page.getByText(/^Signed in as /);
    const signOut = page.getByRole('button', { name: 'Sign out' });
    const text = (await signedIn.boundingBox())!;
    expect((await signOut.boundingBox())!.x - (text.x + text.width)).toBeGreaterThanOrEqual(8);

    const fields = page.getByRole('main').locator('input:not([type=checkbox]):not([type=radio]):not([type=file])');
    expect(await fields.count()).toBeGreaterThan(1);
    for (const field of await fields.all()) {
      const look = await field.evaluate((el) => {
        const style = getComputedStyle(el);
        return { border: style.borderTopWidth, height: el.getBoundingClientRect().height };
      });
      expect(look.border, await field.evaluate((el) => el.outerHTML)).toBe('1px');
      expect(look.height).toBeGreaterThanOrEqual(38);
    }
  }
});
