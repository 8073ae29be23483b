import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type { Input, MethodName, Output } from '../../electron/core/api/contract';
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

/**
 * A list as partners send them: French headers, semicolons, Windows-1252 (no BOM, so the encoding must be
 * detected), and a column ("Structure") no alias knows, which the person maps to Organisation by hand. Row 3 has
 * an invalid email, row 4 a country no one has heard of, row 5 is Amina Otieno, already on the roster.
 */
const messyCsv = Buffer.from(
  [
    'Prénom;Nom;Courriel;Pays;Sexe;Structure',
    'José;Müller-Ortega;jose.muller@example.org;France;Homme;Gendarmerie nationale',
    'Aïcha;Benali;aicha.benali@@example.org;Maroc;Femme;DGSN',
    'Jean;Dupont;jean.dupont@example.org;Atlantide;M;Police judiciaire',
    'Amina;Otieno;amina.otieno@example.org;Kenya;F;Kenya Police Service',
    'Chloé;Lefèvre;chloe.lefevre@example.org;Belgique;F;Parquet fédéral',
    '',
  ].join('\r\n'),
  'latin1',
);

type Api = <M extends MethodName>(method: M, input: Input<M>) => Promise<Output<M>>;

/** An event of three days (three sessions) with Amina Otieno already registered, as the roster issue left her. */
async function eventWithAmina(api: Api) {
  const event = await api('event.create', {
    title: 'Nairobi regional workshop on border security',
    venue: 'UN Gigiri, Conference room 4',
    city: 'Nairobi',
    country: 'KE',
    startDate: '2026-03-10',
    endDate: '2026-03-12',
    timeZone: 'Africa/Nairobi',
    languages: ['en', 'fr', 'ar'],
  });
  const amina = await api('participant.create', {
    eventId: event.id,
    givenNames: 'Amina',
    familyName: 'Otieno',
    gender: 'female',
    country: 'KE',
    organisation: 'Kenya Police',
    organisationType: 'law_enforcement',
    email: 'amina.otieno@example.org',
    category: 'partner_state_delegate',
  });
  return { event, amina };
}

async function chooseLanguage(page: Page, lang: 'en' | 'ar') {
  if (lang === 'en') return;
  await page.locator('.language-switcher select').selectOption('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
}

test('a messy CSV imported through the screens: a column mapped by hand, errors seen, a duplicate updated, then the XLSX exported', async ({
  page,
  muster,
  api,
}) => {
  const { event, amina } = await eventWithAmina(api);
  await page.goto(`${muster.url}/#/events/${event.id}`);
  await page.getByRole('link', { name: 'Import participants' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import participants' })).toBeVisible();
  const fileInput = page.getByLabel('Participant list (CSV or Excel .xlsx)');

  // Junk first: the core's own reason, and nothing read.
  await fileInput.setInputFiles({
    name: 'photo.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from([0, 1, 2, 255, 254, 0, 9]),
  });
  const refusal = page.getByRole('alert');
  await expect(refusal).toContainText('This file cannot be imported. Nothing changed in the roster.');
  await expect(refusal).toContainText('This is not a CSV or Excel (.xlsx) file.');

  await fileInput.setInputFiles({ name: 'délégués.csv', mimeType: 'text/csv', buffer: messyCsv });
  await expect(page.getByText('CSV · Windows-1252 (Western European) · separated by semicolons')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expectNoViolations(page, 'the wizard with a file chosen');

  // Auto-mapping found the French headers but not "Structure": every row lacks its organisation.
  const fieldFor = (column: string) => page.getByRole('combobox', { name: `Muster field for the column “${column}”` });
  await expect(fieldFor('Prénom')).toHaveValue('givenNames');
  await expect(fieldFor('Nom')).toHaveValue('familyName');
  await expect(fieldFor('Courriel')).toHaveValue('email');
  await expect(fieldFor('Sexe')).toHaveValue('gender');
  await expect(fieldFor('Structure')).toHaveValue('');
  const totals = page.locator('.import-totals');
  await expect(totals.getByRole('definition').nth(2)).toHaveText('5');
  await expect(page.getByRole('row', { name: /José Müller-Ortega/ })).toContainText(
    'Error: Organisation: This field is required.',
  );

  // Fix the mapping: the preview runs again and only the real problems remain.
  await fieldFor('Structure').selectOption('organisation');
  await expect(fieldFor('Structure')).toHaveValue('organisation');
  await expect(totals).toBeVisible();
  const counts = await totals.getByRole('definition').allTextContents();
  expect(counts).toEqual(['5', '2', '2', '0', '1']);
  await page.getByRole('radio', { name: 'With errors (2)' }).check();
  const rows = page.getByRole('table', { name: 'Rows of the file as they will be imported' });
  await expect(rows.getByRole('row', { name: /Aïcha Benali/ })).toContainText(
    'Error: Email: Enter an email address such as name@example.org.',
  );
  await expect(rows.getByRole('row', { name: /Jean Dupont/ })).toContainText(
    'Error: Country represented: Choose a country from the list. (“Atlantide”)',
  );
  await expect(page.getByText('Rows 1–2 of 2')).toBeVisible();
  await expectNoViolations(page, 'the preview with errors');

  // Amina is already on the roster (same email): update her instead of skipping, the default.
  await page.getByRole('radio', { name: 'Possible duplicates (1)' }).check();
  const aminaRow = rows.getByRole('row', { name: /Amina Otieno/ });
  await expect(aminaRow).toContainText('same email');
  const commit = page.locator('.commit-bar button.primary');
  await expect(commit).toHaveText('Import: add 2, update 0, skip 1');
  await aminaRow
    .getByRole('combobox', { name: 'What to do with row 5' })
    .selectOption({ label: 'Update Amina Otieno' });
  await expect(commit).toHaveText('Import: add 2, update 1, skip 0');
  await expect(page.getByText(/^2 rows have errors and will not be imported/)).toBeVisible();

  const committed = page.waitForRequest((r) => r.url().endsWith('/api/import.commit') && !r.postDataJSON().dryRun);
  await commit.click();
  expect((await committed).postDataJSON()).toMatchObject({
    onDuplicate: 'skip',
    decisions: [{ row: 5, action: 'update', participantId: amina.participant.id }],
  });
  const report = page.getByRole('heading', { level: 2, name: 'Import finished' });
  await expect(report).toBeFocused();
  const reportCounts = page.locator('.import-report .counter-list dd');
  await expect(reportCounts).toHaveText(['2', '1', '0', '2']);
  await expect(page.getByText('Rows added')).toBeVisible();
  await expect(page.locator('.report-rows')).toContainText('2, 6');
  const failed = page.getByRole('table', { name: 'Rows not imported, and why' });
  await expect(failed.getByRole('row', { name: /^3 / })).toContainText('Enter an email address');
  await expect(failed.getByRole('row', { name: /^4 / })).toContainText('(“Atlantide”)');
  await expectNoViolations(page, 'the import report');

  // The people are on the roster, Amina with the organisation from the file.
  await page.getByRole('link', { name: 'See the participants' }).click();
  await expect(page.getByText('Matching participants: 3')).toBeVisible();
  const list = page.getByRole('table', { name: `Participants of ${event.title}` });
  await expect(list.getByRole('button', { name: 'José Müller-Ortega' })).toBeVisible();
  await expect(list.getByRole('button', { name: 'Chloé Lefèvre' })).toBeVisible();
  await expect(list.getByRole('row', { name: /Amina Otieno/ })).toContainText('Kenya Police Service');

  // The attendance workbook: email and phone are off until ticked, and the file is a real XLSX.
  await page.getByRole('link', { name: 'Back to the event' }).click();
  await page.getByRole('link', { name: 'Export attendance files' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Export attendance files' })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Attendance workbook (Excel .xlsx)' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Email' })).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Phone' })).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Family name' })).toBeChecked();
  const downloaded = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const download = await downloaded;
  expect(download.suggestedFilename()).toBe('nairobi-regional-workshop-on-border-security-attendance.xlsx');
  const bytes = await readFile((await download.path())!);
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  const workbook = new ExcelJS.Workbook();
  // exceljs's types predate Node's generic Buffer; the bytes are what it reads.
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('Participants')!;
  const cells: string[] = [];
  sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
  expect(cells).toContain('Müller-Ortega');
  expect(cells).toContain('Lefèvre');
  expect(cells.join('\n')).not.toContain('@example.org');
  await expect(page.getByText(`Saved ${download.suggestedFilename()}`)).toBeVisible();
  await expect(page.getByText('3 registrations', { exact: false })).toBeVisible();
  await expectNoViolations(page, 'the export page after a download');
});

test('the wizard and the export page in Arabic have no axe-core violations, step by step', async ({
  page,
  muster,
  api,
}) => {
  const { event } = await eventWithAmina(api);
  await page.goto(`${muster.url}/#/events/${event.id}/import`);
  await expect(page.locator('h1')).toBeVisible();
  await chooseLanguage(page, 'ar');
  await page.locator('.drop-zone input[type="file"]').setInputFiles({
    name: 'délégués.csv',
    mimeType: 'text/csv',
    buffer: messyCsv,
  });
  await expect(page.locator('.mapping-table select')).toHaveCount(6);
  await page.locator('.row-defaults summary').click();
  await expect(page.locator('.row-defaults select')).toHaveCount(4);
  await expectNoViolations(page, 'the wizard with a file chosen and the values for every row open (ar)');

  await page.locator('.mapping-table select').nth(5).selectOption('organisation');
  // Seven errors before (five missing organisations, the email, the country), two after.
  await expect(page.locator('.preview-table .issue-error')).toHaveCount(2);
  await expect(page.locator('.commit-bar button.primary')).toBeEnabled();
  await expectNoViolations(page, 'the preview with errors (ar)');

  await page.locator('.commit-bar button.primary').click();
  await expect(page.locator('.import-report h2')).toBeFocused();
  await expectNoViolations(page, 'the import report (ar)');

  await page.goto(`${muster.url}/#/events/${event.id}/export`);
  await expect(page.locator('.export-form')).toBeVisible();
  await page.locator('.export-form input[type="radio"][value="signin-pdf"]').check();
  // The session, then the document's language: preset to the event's first (English), changed from the keyboard.
  await expect(page.locator('.export-form select')).toHaveCount(2);
  const language = page.getByRole('combobox', { name: 'لغة المستند' });
  await expect(language).toHaveValue('en');
  // The event's languages (en, fr, ar) come first: Arabic is two down.
  await language.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(language).toHaveValue('ar');
  const downloaded = page.waitForEvent('download');
  await page.locator('.export-form button[type="submit"]').click();
  const download = await downloaded;
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  // An Arabic sheet: its headings in Arabic, with English (the event's other language) beside them.
  const sheet = execFileSync('pdftotext', ['-enc', 'UTF-8', (await download.path())!, '-'], { encoding: 'utf8' });
  expect(sheet).toContain('التوقيع');
  expect(sheet).toContain('Signature');
  await expect(page.locator('.export-saved')).toBeVisible();
  await expectNoViolations(page, 'the export page after a download (ar)');
});

test('a workbook’s hidden row and uncalculated formula are shown in Arabic, axe-clean, and the hidden row added on request', async ({
  page,
  muster,
  api,
}) => {
  const { event } = await eventWithAmina(api);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Nominations');
  ws.addRow(['First name', 'Last name', 'Country', 'Organisation']);
  ws.addRow(['Dilnoza', 'Yusupova', 'Uzbekistan', 'MVD']);
  ws.addRow(['Aziz', 'Karimov', 'Uzbekistan', 'MVD']).hidden = true;
  ws.addRow(['Faith', 'Wanjiru', 'Kenya', 'MVD']).hidden = true;
  ws.addRow(['Peter', 'Kamau', 'Kenya', { formula: 'Lists!A1' }]);
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());

  await page.goto(`${muster.url}/#/events/${event.id}/import`);
  await expect(page.locator('h1')).toBeVisible();
  await chooseLanguage(page, 'ar');
  await page.locator('.drop-zone input[type="file"]').setInputFiles({
    name: 'nominations.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer,
  });
  const karimov = page.locator('.preview-table tr', { hasText: 'Karimov' });
  await expect(karimov.locator('.issue-warning')).toContainText('مخفي في جدول البيانات');
  await expect(page.locator('.preview-table tr', { hasText: 'Kamau' }).locator('.issue-error')).toContainText(
    'Organisation',
  );
  await expectNoViolations(page, 'the preview with hidden rows and a formula with no saved value (ar)');

  await karimov.locator('select').selectOption('add');
  await page.locator('.commit-bar button.primary').click();
  await expect(page.locator('.import-report h2')).toBeFocused();
  expect((await api('roster.search', { eventId: event.id, query: 'Karimov' })).length).toBe(1);
  expect(await api('roster.search', { eventId: event.id, query: 'Wanjiru' })).toEqual([]);
});
