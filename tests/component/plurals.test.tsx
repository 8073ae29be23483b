import { describe, expect, it } from 'vitest';
import { i18n } from '../../renderer/src/i18n/i18n';
import { setLanguage } from '../../renderer/src/i18n/language';

// Through the real set-up: the language's chunk loaded by setLanguage, i18next choosing the form by Intl.PluralRules.
const pages = (count: number) => i18n.t('exports.pages', { count, pages: String(count) });

describe('counted messages', () => {
  it('take Russian’s few and many forms: 2–4, 22 страницы; 5, 11, 25 страниц; 21 страница', async () => {
    await setLanguage('ru');
    expect([1, 2, 4, 5, 11, 21, 22, 25].map(pages)).toEqual([
      '1 страница',
      '2 страницы',
      '4 страницы',
      '5 страниц',
      '11 страниц',
      '21 страница',
      '22 страницы',
      '25 страниц',
    ]);
  });

  it('take Arabic’s dual for two, and its own forms for none, 3–10, 11–99 and 100', async () => {
    await setLanguage('ar');
    expect([0, 1, 2, 3, 11, 100].map(pages)).toEqual([
      'لا صفحات',
      'صفحة واحدة',
      'صفحتان',
      '3 صفحات',
      '11 صفحةً',
      '100 صفحة',
    ]);
  });

  it('reach the event form’s limit in Russian, whose 62 takes the genitive plural', async () => {
    await setLanguage('ru');
    const { validationMessage } = await import('../../renderer/src/i18n/zod-messages');
    expect(validationMessage('eventTooLong')).toBe('Мероприятие может длиться не более 62 дней.');
  });
});
