import { randomUUID } from 'node:crypto';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Input } from '../../../electron/core/api/contract';
import { neutralise } from '../../../electron/core/exports/neutralise';
import { hostileNames } from '../../fixtures/hostile-names';
import { nairobi, ok, tempCore } from '../helpers';
import { pdfText, sheetsViaLibreOffice } from '../exports/readers';

/**
 * Participants named with HTML, script and spreadsheet-formula payloads, checked in, then every file Muster writes
 * about them: each name is there as the text it is (a spreadsheet's formula cells neutralised per OWASP), never run.
 */
async function seed() {
  const core = tempCore();
  const event = await ok(core, 'event.create', { ...nairobi, languages: ['en'] });
  const sessionId = event.sessions[0]!.id;
  const registrations: string[] = [];
  for (const { given, family } of hostileNames) {
    const created = await ok(core, 'participant.create', {
      eventId: event.id,
      givenNames: given,
      familyName: family,
      gender: 'female',
      country: 'KE',
      organisation: family,
      organisationType: 'law_enforcement',
      category: 'partner_state_delegate',
      checkIn: { id: randomUUID(), sessionId },
    } as Input<'participant.create'>);
    registrations.push(created.registration.id);
  }
  const run = async (format: Input<'export.run'>['format']) => {
    const result = await ok(core, 'export.run', {
      jobId: randomUUID(),
      eventId: event.id,
      format,
      ...(format === 'signin-pdf' ? { sessionId } : {}),
    } as Input<'export.run'>);
    return Buffer.from(result.data, 'base64');
  };
  return { run, registrations };
}

/** pdftotext breaks long lines and may space out punctuation; compare with whitespace removed. */
const squeeze = (text: string) => text.replace(/\s+/g, '');

describe('hostile names in every file', () => {
  it('CSV: each name is one cell, its formula payloads neutralised (OWASP), its markup untouched', async () => {
    const { run } = await seed();
    const rows = Papa.parse<string[]>((await run('csv')).toString('utf8').replace(/^\uFEFF/, ''), {
      skipEmptyLines: true,
    }).data;
    const cells = new Set(rows.flat());
    for (const { given, family } of hostileNames) {
      expect(cells, given).toContain(neutralise(given));
      expect(cells, family).toContain(neutralise(family));
    }
    // Nothing a spreadsheet would run: no cell starts with a formula character.
    expect(rows.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
  });

  it('XLSX: LibreOffice shows each name as text, not as the result of a formula', async () => {
    const { run } = await seed();
    const sheets = sheetsViaLibreOffice(await run('xlsx'));
    const shown = new Set(Object.values(sheets).flat(2));
    for (const { given, family } of hostileNames) {
      expect(shown, given).toContain(neutralise(given));
      expect(shown, family).toContain(neutralise(family));
    }
  }, 120_000);

  it('sign-in sheet and badges (PDF): pdftotext reads each name literally', async () => {
    const { run } = await seed();
    for (const format of ['signin-pdf', 'badges-pdf'] as const) {
      const text = squeeze(pdfText(await run(format)));
      for (const { given, family } of hostileNames) {
        expect(text, `${format}: ${given} ${family}`).toContain(squeeze(`${family}`));
        expect(text, `${format}: ${given}`).toContain(squeeze(given));
      }
    }
  }, 60_000);
});
