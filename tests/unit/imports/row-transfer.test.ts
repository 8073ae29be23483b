import { describe, expect, it } from 'vitest';
import type { ImportField } from '../../../electron/core/imports/fields';
import { readImport } from '../../../electron/core/imports/read';
import { receiveRow, sendRead } from '../../../electron/core/imports/row-transfer';
import { prepareRow } from '../../../electron/core/imports/rows';
import { generateRoster } from '../../fixtures/roster';
import { rosterCsv } from './files';

const context = { eventId: '4a0f6a4e-8b4f-4f0e-9d3e-2f1b6c7d8e9f', eventCountry: 'KE' };

const fields: (ImportField | null)[] = [
  'honorific',
  'fullName',
  'middleNames',
  'gender',
  'country',
  'nationality',
  'organisation',
  'category',
  'status',
  'email',
  'phone',
  'preferredLanguage',
  'code',
  'notes',
];

describe('rows crossing from the reading worker to the main thread', () => {
  it('arrive exactly as the worker prepared them: values, update changes, problems, keys, key order', async () => {
    const cells = [
      [
        'Mme',
        'OTIENO Amina',
        'Wanjiru',
        '',
        'Kenya',
        'KE',
        'NPS',
        'Embassy',
        'invited',
        'a@b.ke',
        '0712 345 678',
        'fr',
        '',
        '',
      ],
      ['', '王小明', '', 'M', 'CN', '', '公安部', '', '', '', '', '', 'ABCD-2345', 'Arrives late'],
      [
        'Dr.',
        'Karimov Aziz Rustamovich',
        '',
        'x',
        'Narnia',
        '',
        '',
        'pirate',
        'maybe',
        'not an email',
        '12',
        'xx',
        '',
        '',
      ],
      ['', 'Single', '', 'F', 'UZ', 'UZ', 'MVD', '', 'confirmed', '', '+998 90 123 45 67', '', '', ''],
    ];
    const prepared = cells.map((row, i) =>
      prepareRow(i + 2, row, { columns: fields, defaults: {} }, context, { hidden: i === 3 }),
    );
    const roster = await readImport(
      { bytes: new TextEncoder().encode(rosterCsv(generateRoster(200, 9))), remembered: {}, ...context },
      () => undefined,
    );
    const rows = [...prepared, ...roster.rows];
    // Rows with errors and rows ready to import, with and without update changes, are all in the sample.
    expect(rows.some((r) => r.create === null)).toBe(true);
    expect(rows.filter((r) => r.create !== null).length).toBeGreaterThan(100);
    const sent = sendRead({ ...roster, rows }).rows;
    // What crosses is a structured clone, as postMessage makes it.
    const received = structuredClone(sent).map(receiveRow);
    expect(received).toStrictEqual(rows);
    expect(JSON.stringify(received)).toBe(JSON.stringify(rows));
    // Rows ready to import cross without their values and changes.
    expect(sent.filter((r) => 'values' in r).length).toBe(rows.filter((r) => r.create === null).length);
  });
});
