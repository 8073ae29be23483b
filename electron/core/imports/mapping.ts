import { z } from 'zod';
import { country } from '../events/schema';
import { category, gender, organisationType, status } from '../participants/schema';
import { importField, type ImportField } from './fields';
import { importLimits } from './limits';

/** Values for rows that leave a field empty, or for a file without the column (a list of Kenya's delegates). */
export const importDefaults = z
  .object({
    gender: gender.optional(),
    country: z.string().trim().toUpperCase().pipe(country).optional(),
    organisation: z.string().trim().normalize('NFC').min(1).max(200).optional(),
    organisationType: organisationType.optional(),
    category: category.optional(),
    status: status.optional(),
  })
  .strict();

/** Which field each column of the file fills (null: leave the column out), in the file's column order. */
export const importMapping = z
  .object({
    columns: z.array(importField.nullable()).max(importLimits.columns),
    defaults: importDefaults.default({}),
  })
  .strict()
  .superRefine((value, ctx) => {
    const seen = new Set<ImportField>();
    value.columns.forEach((field, i) => {
      if (field === null) return;
      if (seen.has(field)) ctx.addIssue({ code: 'custom', path: ['columns', i], params: { key: 'fieldMappedTwice' } });
      seen.add(field);
    });
  });
export type ImportMapping = z.output<typeof importMapping>;
export type ImportDefaults = z.output<typeof importDefaults>;

export const mappingSources = ['auto', 'remembered', 'given'] as const;
