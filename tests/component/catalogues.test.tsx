import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorCodes, validationMessages } from '../../electron/core/api/errors';
import {
  categories,
  checkInMethods,
  genders,
  organisationTypes,
  statuses,
} from '../../electron/core/participants/schema';
import ar from '../../renderer/src/i18n/locales/ar.json';
import en from '../../renderer/src/i18n/locales/en.json';
import es from '../../renderer/src/i18n/locales/es.json';
import fr from '../../renderer/src/i18n/locales/fr.json';
import ru from '../../renderer/src/i18n/locales/ru.json';

function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1] ?? '').sort();
}

// jsdom gives import.meta.url an http: scheme, so resolve from the project root vitest runs in.
const schemaText = ['events', 'participants', 'checkin']
  .map((domain) => readFileSync(path.resolve(`electron/core/${domain}/schema.ts`), 'utf8'))
  .join('\n');

const english = new Map(keys(en).map((k) => [k, k.split('.').reduce<unknown>((o, p) => (o as never)[p], en)]));

describe('translation catalogues', () => {
  it.each([
    ['fr', fr],
    ['es', es],
    ['ru', ru],
    ['ar', ar],
  ])('%s has every English string, no extra ones, and the same placeholders', (_lang, catalogue) => {
    expect(keys(catalogue).sort()).toEqual([...english.keys()].sort());
    for (const key of english.keys()) {
      const text = key.split('.').reduce<unknown>((o, p) => (o as never)[p], catalogue);
      expect(typeof text, key).toBe('string');
      expect(String(text).trim(), key).not.toBe('');
      expect(placeholders(String(text)), key).toEqual(placeholders(String(english.get(key))));
    }
  });

  it('translates every error code, and every check the event, session, participant and check-in screens can meet', () => {
    for (const code of errorCodes) expect(en.errors, code).toHaveProperty(code);
    // Keys of other domains (imports, exports) arrive with their screens; until then the core's English shows.
    const keys = Object.keys(validationMessages).filter((key) => schemaText.includes(`'${key}'`));
    expect(keys.length).toBeGreaterThan(10);
    for (const key of [...keys, 'sessionOutsideEvent']) expect(en.validation, key).toHaveProperty(key);
  });

  it('names every value of the contract’s closed lists', () => {
    const lists = { gender: genders, category: categories, organisationType: organisationTypes, status: statuses };
    for (const [list, values] of Object.entries(lists)) {
      expect(Object.keys(en.labels[list as keyof typeof lists]).sort(), list).toEqual([...values].sort());
    }
    expect(Object.keys(en.labels.method).sort()).toEqual([...checkInMethods].sort());
  });
});
