// The checks every translation catalogue passes, the screens' (renderer/src/i18n/locales) and the documents'
// (electron/core/exports/words): same keys as English, each language's own plural forms, the same placeholders.
import { expect } from 'vitest';

export function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

export function placeholders(text: string): string[] {
  return [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1] ?? '').sort();
}

const pluralSuffix = /_(zero|one|two|few|many|other)$/;

/**
 * A catalogue's messages by key, a counted message's forms gathered under its plain key (`rows_one`, `rows_other` →
 * `rows`), as i18next looks them up; a message without forms has the single form ''.
 */
export function messages(catalogue: object): Map<string, Map<string, string>> {
  const byKey = new Map<string, Map<string, string>>();
  for (const key of keys(catalogue)) {
    const text = key.split('.').reduce<unknown>((o, p) => (o as never)[p], catalogue);
    const form = pluralSuffix.exec(key)?.[1] ?? '';
    const plain = form ? key.slice(0, -form.length - 1) : key;
    const forms = byKey.get(plain) ?? new Map<string, string>();
    forms.set(form, typeof text === 'string' ? text : '');
    byKey.set(plain, forms);
  }
  return byKey;
}

// The forms a language's numbers take (Russian one/few/many/other, Arabic zero/one/two/few/many/other): i18next picks
// among them with the same Intl.PluralRules, so a missing one shows the English fallback to someone counting.
export const pluralForms = (lang: string) => [...new Intl.PluralRules(lang).resolvedOptions().pluralCategories].sort();

/** English has exactly its two forms for every counted message; answers how many counted messages there are. */
export function expectEnglishForms(english: object): number {
  const counted = [...messages(english)].filter(([, forms]) => !forms.has(''));
  for (const [key, forms] of counted) expect([...forms.keys()].sort(), key).toEqual(pluralForms('en'));
  return counted.length;
}

/**
 * A translation has every English message and no other, exactly the plural forms Intl.PluralRules gives its language,
 * no empty text, and the placeholders of the English message.
 */
export function expectTranslation(english: object, catalogue: object, lang: string): void {
  const reference = messages(english);
  const translated = messages(catalogue);
  expect([...translated.keys()].sort()).toEqual([...reference.keys()].sort());
  for (const [key, englishForms] of reference) {
    const forms = translated.get(key) ?? new Map<string, string>();
    const counted = !englishForms.has('');
    expect([...forms.keys()].sort(), key).toEqual(counted ? pluralForms(lang) : ['']);
    const wanted = placeholders(englishForms.get(counted ? 'other' : '') ?? '');
    for (const [form, text] of forms) {
      expect(text.trim(), `${key} ${form}`).not.toBe('');
      // A form for one exact number may say it in words ("صف واحد", "صفّان") and leave the count out; the general
      // form must carry every value the English one does.
      if (form === '' || form === 'other') expect(placeholders(text), `${key} ${form}`).toEqual(wanted);
      else for (const name of placeholders(text)) expect(wanted, `${key} ${form}`).toContain(name);
    }
  }
}
