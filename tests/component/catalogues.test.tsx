import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorCodes, validationMessages } from '../../electron/core/api/errors';
import ar from '../../renderer/src/i18n/locales/ar.json';
import en from '../../renderer/src/i18n/locales/en.json';
import es from '../../renderer/src/i18n/locales/es.json';
import fr from '../../renderer/src/i18n/locales/fr.json';
import ru from '../../renderer/src/i18n/locales/ru.json';

// jsdom gives import.meta.url an http: scheme, so resolve from the project root vitest runs in.
const eventSchemaText = readFileSync(path.resolve('electron/core/events/schema.ts'), 'utf8');

function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1] ?? '').sort();
}

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

  it('translates every error code, and every check the event and session screens can meet', () => {
    for (const code of errorCodes) expect(en.errors, code).toHaveProperty(code);
    // Keys of other domains (participants, check-in) arrive with their screens; until then the core's English shows.
    const eventKeys = Object.keys(validationMessages).filter((key) => eventSchemaText.includes(`'${key}'`));
    expect(eventKeys.length).toBeGreaterThan(5);
    for (const key of [...eventKeys, 'sessionOutsideEvent']) expect(en.validation, key).toHaveProperty(key);
  });
});
