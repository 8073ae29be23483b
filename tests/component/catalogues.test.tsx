import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorCodes, validationMessages } from '../../electron/core/api/errors';
import { exportFields, exportFormats, exportPhases } from '../../electron/core/exports/schema';
import { importFields } from '../../electron/core/imports/fields';
import { importActions, importPhases } from '../../electron/core/imports/schema';
import { encodings } from '../../electron/core/imports/table';
import { checkInMethods, genders, organisationTypes, statuses } from '../../electron/core/participants/schema';
import { reportCategories } from '../../electron/core/reports/closed-lists';
import ar from '../../renderer/src/i18n/locales/ar.json';
import en from '../../renderer/src/i18n/locales/en.json';
import es from '../../renderer/src/i18n/locales/es.json';
import fr from '../../renderer/src/i18n/locales/fr.json';
import ru from '../../renderer/src/i18n/locales/ru.json';
import { expectEnglishForms, expectTranslation } from '../catalogue-check';

// jsdom gives import.meta.url an http: scheme, so resolve from the project root vitest runs in.
const schemaText = ['events', 'participants', 'checkin']
  .map((domain) => readFileSync(path.resolve(`electron/core/${domain}/schema.ts`), 'utf8'))
  .join('\n');
// Imports and exports raise their keys from every module (a row's problems are found while reading it), not only
// from their schemas: all their source is searched.
const importExportText = ['imports', 'exports']
  .flatMap((domain) => {
    const folder = path.resolve(`electron/core/${domain}`);
    return readdirSync(folder, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .map((file) => readFileSync(path.join(folder, file), 'utf8'));
  })
  .join('\n');

/** Whether a tree has a message under the key, plain or in counted forms. */
const hasMessage = (tree: object, key: string) => Object.hasOwn(tree, key) || Object.hasOwn(tree, `${key}_other`);

describe('translation catalogues', () => {
  it('English has every form its counted messages need', () => {
    // The counts on screen: rows with errors, pages, registrations, seconds, changes, minutes, entries, days.
    expect(expectEnglishForms(en)).toBeGreaterThanOrEqual(12);
  });

  it.each([
    ['fr', fr],
    ['es', es],
    ['ru', ru],
    ['ar', ar],
  ])('%s has every English string, no extra ones, its own plural forms, and the same placeholders', (lang, catalogue) =>
    expectTranslation(en, catalogue, lang),
  );

  it('translates every error code, and every check the event, session, participant and check-in screens can meet', () => {
    for (const code of errorCodes) expect(en.errors, code).toHaveProperty(code);
    // Keys of other domains arrive with their screens; until then the core's English shows.
    const keys = Object.keys(validationMessages).filter((key) => schemaText.includes(`'${key}'`));
    expect(keys.length).toBeGreaterThan(10);
    for (const key of [...keys, 'sessionOutsideEvent']) expect(hasMessage(en.validation, key), key).toBe(true);
  });

  it('translates every reason the import and export screens can show: files refused, rows’ errors and warnings', () => {
    const keys = Object.keys(validationMessages).filter((key) => importExportText.includes(`'${key}'`));
    // The file refusals (fileEmpty, notATable, zipBomb…), the row checks (codeInUse, phoneDropped…), the exports'.
    expect(keys.length).toBeGreaterThan(30);
    for (const key of keys) expect(hasMessage(en.validation, key), key).toBe(true);
  });

  it('names every value of the contract’s closed lists', () => {
    // Categories include the figures' "Other" bucket, which the report and dashboard screens name.
    const lists = {
      gender: genders,
      category: reportCategories,
      organisationType: organisationTypes,
      status: statuses,
    };
    for (const [list, values] of Object.entries(lists)) {
      expect(Object.keys(en.labels[list as keyof typeof lists]).sort(), list).toEqual([...values].sort());
    }
    expect(Object.keys(en.labels.method).sort()).toEqual([...checkInMethods].sort());
  });

  it('names every field an import can fill and an export can carry, and every format, phase, action and encoding', () => {
    expect(Object.keys(en.fields).sort()).toEqual([...importFields].sort());
    for (const field of exportFields) expect(en.fields, field).toHaveProperty(field);
    expect(Object.keys(en.exports.formats).sort()).toEqual([...exportFormats].sort());
    expect(Object.keys(en.exports.formatHints).sort()).toEqual([...exportFormats].sort());
    // The phases a running job reports; the end states are said by the screens' own messages.
    const running = (phases: readonly string[], ends: string[]) => phases.filter((p) => !ends.includes(p)).sort();
    expect(Object.keys(en.imports.phase).sort()).toEqual(
      running(importPhases, ['ready', 'committed', 'failed', 'cancelled']),
    );
    expect(Object.keys(en.exports.phase).sort()).toEqual(running(exportPhases, ['done', 'failed', 'cancelled']));
    expect(Object.keys(en.imports.action).sort()).toEqual([...importActions].sort());
    expect(Object.keys(en.imports.encoding).sort()).toEqual([...encodings].sort());
  });
});
