import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

async function expectNoViolations(page: Page, screen: string) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.passes.length, 'axe-core checked nothing').toBeGreaterThan(20);
  const found = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(found, `axe-core violations on ${screen}`).toEqual([]);
}

type Api = Parameters<Parameters<typeof test>[2]>[0]['api'];

/** Two workshops in one programme: one person at both, a woman, someone whose gender is not stated, an embassy. */
async function seedProgramme(api: Api) {
  const workshop = async (city: string, country: string, start: string, end: string, timeZone: string) =>
    api('event.create', {
      title: `CT TECH workshop: ${city}`,
      venue: '',
      city,
      country,
      startDate: start,
      endDate: end,
      timeZone,
      languages: ['en'],
    });
  const nairobi = await workshop('Nairobi', 'KE', '2023-09-12', '2023-09-13', 'Africa/Nairobi');
  const tashkent = await workshop('Tashkent', 'UZ', '2023-10-03', '2023-10-04', 'Asia/Tashkent');
  const person = async (eventId: string, sessionId: string | null, fields: Record<string, string>) =>
    api('participant.create', {
      eventId,
      familyName: fields.family ?? 'Person',
      givenNames: fields.given ?? '',
      gender: (fields.gender ?? 'male') as 'male',
      country: fields.country ?? 'KE',
      organisation: fields.organisation ?? 'National Police Service',
      organisationType: 'law_enforcement',
      category: (fields.category ?? 'partner_state_delegate') as 'partner_state_delegate',
      ...(fields.email ? { email: fields.email } : {}),
      ...(sessionId ? { checkIn: { id: randomUUID(), sessionId } } : {}),
    });
  const amina = { family: 'Otieno', given: 'Amina', gender: 'female', email: 'amina.otieno@example.org' };
  await person(nairobi.id, nairobi.sessions[0]!.id, amina);
  // The same woman registered again at the second workshop as a new record: a match for staff to confirm.
  await person(tashkent.id, tashkent.sessions[1]!.id, amina);
  await person(nairobi.id, nairobi.sessions[1]!.id, { family: 'Kamau', country: 'UG', gender: 'not_stated' });
  await person(nairobi.id, nairobi.sessions[0]!.id, { family: 'Smith', country: 'US', category: 'embassy' });
  await person(tashkent.id, tashkent.sessions[0]!.id, { family: 'Karimov', country: 'UZ' });
  await person(tashkent.id, null, { family: 'Yusupova', country: 'KZ', gender: 'female' });
  return api('programme.create', { name: 'CT TECH regional workshops', eventIds: [nairobi.id, tashkent.id] });
}

for (const lang of ['en', 'ar'] as const) {
  test(`the programme report shows its figures and charts, exports the PDF, and has no axe-core violations (${lang})`, async ({
    page,
    muster,
    api,
  }) => {
    const programme = await seedProgramme(api);
    await page.goto(`${muster.url}/#/programmes`);
    if (lang === 'ar') {
      await page.getByLabel('Language').selectOption('ar');
      await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    }
    const main = page.getByRole('main');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(lang === 'ar' ? 'البرامج' : 'Programmes');
    await expectNoViolations(page, `the programmes page (${lang})`);
    // Keyboard: Tab to the programme's link and open it with Enter.
    const link = main.getByRole('link', { name: 'CT TECH regional workshops' });
    await link.focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`#/programmes/${programme.id}/report$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      lang === 'ar' ? 'تقرير البرنامج' : 'Programme report',
    );

    // Five records attended (Yusupova registered but never came); Amina Otieno's two are one person once confirmed.
    const figures = main.locator('.report-figures');
    const figure = (en: string, ar: string) =>
      figures
        .locator('div')
        .filter({ hasText: lang === 'ar' ? ar : en })
        .locator('dd');
    const unique = figure('Unique participants', 'المشاركون دون تكرار');
    const women = figure('Women (of those stating a gender)', 'النساء (من بين من ذكروا الجنس)');
    await expect(unique).toHaveText('5');
    await expect(figure('Partner states', 'الدول الشريكة')).toHaveText('3');
    if (lang === 'en') await expect(women).toHaveText('50 %');
    await main
      .getByRole('button', { name: lang === 'ar' ? 'Amina Otieno: الشخص نفسه' : 'Amina Otieno: same person' })
      .click();
    await expect(unique).toHaveText('4');
    if (lang === 'en') {
      await expect(women).toHaveText('33.3 %');
      await expect(figure('Gender not stated', '')).toHaveText('1');
    }
    await expect(
      main.getByRole('button', {
        name: lang === 'ar' ? 'Amina Otieno: التراجع عن القرار' : 'Amina Otieno: undo the decision',
      }),
    ).toBeVisible();
    await expect(main.getByRole('table').first().getByRole('row')).toHaveCount(3);

    // Five charts, each drawn (an SVG with bars) and each with its table of figures as the text alternative.
    const charts = main.getByTestId('report-chart');
    await expect(charts).toHaveCount(5);
    for (const chart of await charts.all())
      await expect(chart.locator('svg .recharts-bar-rectangle').first()).toBeAttached();
    await expect(main.getByRole('figure')).toHaveCount(5);
    await expectNoViolations(page, `the programme report (${lang})`);

    // The PDF's language: English for a programme; in the Arabic run, Russian chosen from the keyboard (three down
    // the list: English, French, Spanish, Russian).
    const language = main.getByRole('combobox', { name: lang === 'ar' ? 'لغة المستند' : 'Language of the document' });
    await expect(language).toHaveValue('en');
    if (lang === 'ar') {
      await language.focus();
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
      await expect(language).toHaveValue('ru');
    }
    const downloaded = page.waitForEvent('download');
    await main
      .getByRole('button', { name: lang === 'ar' ? 'تنزيل التقرير (PDF)' : 'Download the report (PDF)' })
      .click();
    const download = await downloaded;
    expect(download.suggestedFilename()).toBe('ct-tech-regional-workshops-report.pdf');
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', (await download.path())!, '-'], { encoding: 'utf8' });
    expect(text).toContain(
      lang === 'ar' ? 'Отчёт по программе: CT TECH regional workshops' : 'Programme report: CT TECH regional workshops',
    );
    await expect(main.getByRole('status').filter({ hasText: 'ct-tech-regional-workshops-report.pdf' })).toBeVisible();
    await expectNoViolations(page, `the programme report after the export (${lang})`);
  });
}

for (const lang of ['en', 'ar'] as const) {
  test(`the live dashboard shows a session's arrivals with charts and has no axe-core violations (${lang})`, async ({
    page,
    muster,
    api,
  }) => {
    const today = new Date().toISOString().slice(0, 10);
    const event = await api('event.create', {
      title: 'CT TECH workshop: Sarajevo',
      venue: '',
      city: 'Sarajevo',
      country: 'BA',
      startDate: today,
      endDate: today,
      timeZone: 'UTC',
      languages: ['en'],
    });
    const sessionId = event.sessions[0]!.id;
    for (const [familyName, gender, checkIn] of [
      ['Begić', 'male', true],
      ['Hadžić', 'female', true],
      ['Petrović', 'not_stated', false],
    ] as const) {
      await api('participant.create', {
        eventId: event.id,
        familyName,
        gender,
        country: 'BA',
        organisation: 'Ministry of Security',
        organisationType: 'government',
        category: 'partner_state_delegate',
        ...(checkIn ? { checkIn: { id: randomUUID(), sessionId } } : {}),
      });
    }
    await page.goto(`${muster.url}/#/events/${event.id}`);
    if (lang === 'ar') {
      await page.getByLabel('Language').selectOption('ar');
      await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    }
    await page.getByRole('link', { name: lang === 'ar' ? 'لوحة المتابعة المباشرة' : 'Live dashboard' }).click();
    const main = page.getByRole('main');
    await expect(main.locator('.report-figures dd').first()).toHaveText(lang === 'ar' ? '2 من 3' : '2 of 3');
    const charts = main.getByTestId('report-chart');
    await expect(charts).toHaveCount(5);
    await expect(charts.first().locator('svg .recharts-area')).toBeAttached();
    await expectNoViolations(page, `the live dashboard (${lang})`);
    // Live: a check-in made elsewhere shows within the refresh.
    const third = await api('roster.list', { eventId: event.id, limit: 10, offset: 0, sort: 'name', direction: 'asc' });
    const petrovic = third.rows.find((r) => r.familyName === 'Petrović')!;
    await api('checkin.create', { id: randomUUID(), sessionId, registrationId: petrovic.registrationId, method: 'qr' });
    await expect(main.locator('.report-figures dd').first()).toHaveText(lang === 'ar' ? '3 من 3' : '3 of 3', {
      timeout: 15_000,
    });

    // The same event's report: its one workshop, the charts, and the workbook through the export jobs.
    await page.goto(`${muster.url}/#/events/${event.id}/report`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(lang === 'ar' ? 'تقرير الفعالية' : 'Event report');
    await expect(main.getByRole('table').first().getByRole('row')).toHaveCount(2);
    await expect(main.getByTestId('report-chart')).toHaveCount(5);
    const downloaded = page.waitForEvent('download');
    await main
      .getByRole('button', {
        name: lang === 'ar' ? 'تنزيل التقرير (Excel ‏.xlsx)' : 'Download the report (Excel .xlsx)',
      })
      .click();
    expect((await downloaded).suggestedFilename()).toBe('ct-tech-workshop-sarajevo-report.xlsx');
    await expectNoViolations(page, `the event report (${lang})`);
  });
}
