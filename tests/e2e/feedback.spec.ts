import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectNoViolations, expectScreen, wedgeScan } from './kiosk-helpers';

/** Staff write a question in each of the event's languages (English and French) and add it. */
async function addQuestion(
  page: Page,
  kind: string,
  en: string,
  fr: string,
  { options = [], required = false }: { options?: [string, string][]; required?: boolean } = {},
) {
  const form = page.getByRole('form', { name: 'Add a question' });
  await form.getByLabel('Kind of question').selectOption({ label: kind });
  if (required) await form.getByLabel('Make required').check();
  await form.getByLabel('Question in English').fill(en);
  await form.getByLabel('Question in French').fill(fr);
  for (const [i, [optionEn, optionFr]] of options.entries()) {
    await form.getByLabel(`Option ${i + 1} in English`).fill(optionEn);
    await form.getByLabel(`Option ${i + 1} in French`).fill(optionFr);
  }
  await form.getByRole('button', { name: 'Add the question' }).click();
  await expect(page.getByRole('list').filter({ hasText: en })).toBeVisible();
}

test('staff define two questions, an attendee answers at the kiosk in French, and the report shows the figures and a chart', async ({
  page,
  muster,
  api,
}) => {
  const event = await api('event.create', {
    title: 'CT TECH regional workshop: East Africa',
    venue: 'UN Gigiri complex',
    city: 'Nairobi',
    country: 'KE',
    startDate: '2023-09-12',
    endDate: '2023-09-13',
    timeZone: 'Africa/Nairobi',
    languages: ['en', 'fr'],
  });

  await page.goto(`${muster.url}/#/events/${event.id}/feedback`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Feedback');
  await addQuestion(page, 'Rating 1–5', 'How useful was the workshop?', 'L’atelier vous a-t-il été utile ?', {
    required: true,
  });
  await addQuestion(page, 'Single choice', 'Which day helped most?', 'Quel jour vous a le plus aidé ?', {
    options: [
      ['Day 1', 'Jour 1'],
      ['Day 2', 'Jour 2'],
    ],
  });
  await page.getByLabel('Open the form (the kiosk and the desk take answers)').check();
  await expect(page.getByText('Open: the kiosk offers it')).toBeVisible();
  await expectNoViolations(page, 'the feedback page');

  // The kiosk, started with its PIN, offers feedback on its welcome screen while the form is open.
  await api('kiosk.enter', { sessionId: event.sessions[0]!.id, pin: '2468', idleSeconds: 60 });
  await page.reload();
  await expectScreen(page, 'welcome');
  await page.getByRole('button', { name: 'Français' }).click();
  await page.getByRole('button', { name: 'Donner mon avis' }).click();
  await expectScreen(page, 'feedback');
  await expect(page.getByRole('group', { name: /L’atelier vous a-t-il été utile/ })).toBeVisible();
  await expectNoViolations(page, 'the kiosk’s feedback screen');
  // The required rating left out is named before anything is sent; then the answers, in French.
  await page.getByRole('button', { name: 'Envoyer mon évaluation' }).click();
  await expect(page.getByText('Veuillez répondre à cette question.')).toBeVisible();
  await expectScreen(page, 'feedback');
  await page
    .getByRole('group', { name: /L’atelier vous a-t-il été utile/ })
    .getByLabel('4')
    .check();
  await page
    .getByRole('group', { name: /Quel jour vous a le plus aidé/ })
    .getByLabel('Jour 2')
    .check();
  await page.getByRole('button', { name: 'Envoyer mon évaluation' }).click();
  await expectScreen(page, 'thanks');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Merci pour votre évaluation !');

  // Staff leave the kiosk (the staff side is shut while it runs); this screen reads in English again.
  await api('kiosk.leave', { pin: '2468' });
  const stored = await api('report.get', { eventId: event.id });
  expect(stored.feedback.events[0]!.responses).toBe(1);

  await page.evaluate(() => window.localStorage.setItem('muster.language', 'en'));
  await page.goto(`${muster.url}/#/events/${event.id}/report`);
  await page.reload();
  const section = page.getByRole('region', { name: 'Feedback' });
  await expect(section).toContainText('Responses: 1');
  await expect(section).toContainText('Mean: 4.00 of 5');
  await expect(section.getByTestId('report-chart')).toHaveCount(2);
  const chartTable = section.getByRole('figure', { name: 'Choices: Which day helped most?' }).getByRole('table');
  await expect(chartTable.getByRole('row', { name: 'Day 2 1' })).toBeVisible();
  await expectNoViolations(page, 'the report with feedback');
});

test('a named form takes the attendee’s badge first, and a second response from the same badge is refused kindly', async ({
  page,
  muster,
  api,
}) => {
  const event = await api('event.create', {
    title: 'CT TECH regional workshop: Central Asia',
    venue: '',
    city: 'Tashkent',
    country: 'UZ',
    startDate: '2023-10-03',
    endDate: '2023-10-03',
    timeZone: 'Asia/Tashkent',
    languages: ['en'],
  });
  const { registration } = await api('participant.create', {
    eventId: event.id,
    givenNames: 'Dilnoza',
    familyName: 'Yusupova',
    gender: 'female',
    country: 'UZ',
    organisation: 'Prosecutor General’s Office',
    organisationType: 'prosecution_judiciary',
    category: 'partner_state_delegate',
  });
  const form = await api('feedback.addQuestion', {
    eventId: event.id,
    kind: 'rating',
    prompt: { en: 'How useful was the workshop?' },
    required: true,
  });
  await api('feedback.settings', { eventId: event.id, open: true, anonymous: false });
  await api('kiosk.enter', { sessionId: event.sessions[0]!.id, pin: '2468', idleSeconds: 60 });

  await page.goto(muster.url);
  await expectScreen(page, 'welcome');
  const giveFeedback = async () => {
    await page.getByRole('button', { name: 'Give feedback' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Scan your badge or type your name to give feedback',
    );
  };
  const answer = async (rating: string) => {
    await expectScreen(page, 'feedback');
    await expect(page.getByText('Answering as Dilnoza Yusupova.')).toBeVisible();
    await page
      .getByRole('group', { name: /How useful was the workshop/ })
      .getByLabel(rating)
      .check();
    await page.getByRole('button', { name: 'Send my feedback' }).click();
  };
  await giveFeedback();
  await wedgeScan(page, registration.code);
  await answer('5');
  await expectScreen(page, 'thanks');
  await page.getByRole('button', { name: 'Done' }).click();
  await expectScreen(page, 'welcome');
  // Again, by name this time: nothing replaces the first answers.
  await giveFeedback();
  await page
    .getByLabel('Scan your badge or type your name', { exact: true })
    .pressSequentially('Dilnoza', { delay: 60 });
  await page.getByRole('button', { name: /Dilnoza Yusupova/ }).click();
  await page.getByRole('button', { name: "Yes, that's me" }).click();
  await answer('1');
  await expectScreen(page, 'feedbackGiven');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You have already given your feedback. Thank you!');

  await api('kiosk.leave', { pin: '2468' });
  const report = await api('report.get', { eventId: event.id });
  expect(report.feedback.events[0]!.questions[0]).toMatchObject({
    questionId: form.questions[0]!.id,
    answered: 1,
    mean: 5,
  });
});
