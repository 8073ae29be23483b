import { describe, expect, it } from 'vitest';
import { languages } from '../../../electron/core/events/schema';
import { documentCatalogues, documentWords } from '../../../electron/core/exports/words';
import { genders, organisationTypes } from '../../../electron/core/participants/schema';
import { reportCategories } from '../../../electron/core/reports/closed-lists';
import ar from '../../../renderer/src/i18n/locales/ar.json';
import es from '../../../renderer/src/i18n/locales/es.json';
import fr from '../../../renderer/src/i18n/locales/fr.json';
import ru from '../../../renderer/src/i18n/locales/ru.json';
import { expectEnglishForms, expectTranslation } from '../../catalogue-check';

const { en } = documentCatalogues;

describe('the documents’ catalogue', () => {
  it('English names every gender, category and organisation type, and counts in its two forms', () => {
    expect(Object.keys(en.labels.gender).sort()).toEqual([...genders].sort());
    expect(Object.keys(en.labels.category).sort()).toEqual([...reportCategories].sort());
    expect(Object.keys(en.labels.organisationType).sort()).toEqual([...organisationTypes].sort());
    // Expected, checked in, women, absent, erased, sessions, women attended, nobody yet, other countries.
    expect(expectEnglishForms(en)).toBeGreaterThanOrEqual(9);
  });

  it.each(languages.filter((l) => l !== 'en'))(
    '%s has every English message, exactly its own plural forms, and the same placeholders',
    (lang) => expectTranslation(en, documentCatalogues[lang], lang),
  );

  it.each([
    ['fr', fr],
    ['es', es],
    ['ru', ru],
    ['ar', ar],
  ] as const)('%s names genders, categories and organisation types as its screens do', (lang, screens) => {
    const labels = documentCatalogues[lang].labels;
    expect(labels.gender).toEqual(screens.labels.gender);
    expect(labels.category).toEqual(screens.labels.category);
    expect(labels.organisationType).toEqual(screens.labels.organisationType);
  });

  it('says a count in the form its language gives the number', () => {
    const ru = documentWords('ru');
    expect([1, 2, 5, 21, 22, 25].map((n) => ru.count('signin.women', n))).toEqual([
      'из них 1 женщина',
      'из них 2 женщины',
      'из них 5 женщин',
      'из них 21 женщина',
      'из них 22 женщины',
      'из них 25 женщин',
    ]);
    const ar = documentWords('ar');
    expect([0, 1, 2, 3, 11, 100].map((n) => ar.count('summary.sessions', n))).toEqual([
      'لا جلسات',
      'جلسة واحدة',
      'جلستان',
      '3 جلسات',
      '11 جلسة',
      '100 جلسة',
    ]);
    const en = documentWords('en');
    expect([1, 2].map((n) => en.count('signin.women', n))).toEqual(['1 woman', '2 women']);
    // Numbers are written the language's way.
    expect(documentWords('fr').count('signin.expected', 1200)).toBe('1\u202f200 personnes attendues');
  });

  it('names countries and dates in the language, and builds each language once', () => {
    expect(documentWords('ru').country('UZ')).toBe('Узбекистан');
    expect(documentWords('fr').country('KE')).toBe('Kenya');
    expect(documentWords('ar').country('KE')).toBe('كينيا');
    expect(documentWords('es').longDate('2023-09-12')).toBe('martes, 12 de septiembre de 2023');
    expect(documentWords('en').longDate('2023-09-12')).toMatch(/^Tuesday,? 12 September 2023$/);
    expect(documentWords('ru')).toBe(documentWords('ru'));
  });

  it('writes decimals and shares with the digits each call asks for, in the language’s notation', () => {
    // Interleaved on one language's words: a format made for one number of decimals must not answer for another.
    const fr = documentWords('fr');
    expect([fr.percent(33.333, 0), fr.percent(33.333, 1), fr.percent(33.333, 0)]).toEqual([
      '33\u00a0%',
      '33,3\u00a0%',
      '33\u00a0%',
    ]);
    expect([fr.fixed(3.6, 2), fr.fixed(3.6, 0), fr.fixed(1234.5, 1), fr.fixed(3.6, 2)]).toEqual([
      '3,60',
      '4',
      '1\u202f234,5',
      '3,60',
    ]);
    // A share and a plain number with the same decimals are different formats.
    expect([fr.fixed(50, 1), fr.percent(50, 1)]).toEqual(['50,0', '50,0\u00a0%']);
    expect(fr.percent(null, 1)).toBe('–');
    const en = documentWords('en');
    expect([en.percent(33.333, 1), en.fixed(3.6, 2), en.percent(60, 0)]).toEqual(['33.3%', '3.60', '60%']);
  });
});
