import { createHash } from 'node:crypto';
import { defineEntity, write } from '../changes/write';
import type { Context } from '../context';
import type { Db } from '../db/driver';
import { prepared } from '../db/statements';
import { importMapping, type ImportMapping } from './mapping';

export const importMappingEntity = defineEntity('import_mapping', 'import_mappings', [
  'event_id',
  'layout',
  'mapping',
  'created_at',
  'updated_at',
] as const);

/** The same event and layout give the same id on every kiosk (a UUID-shaped digest), so synced copies merge. */
export function mappingId(eventId: string, layout: string): string {
  const hex = createHash('sha256').update(`${eventId}\n${layout}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The mappings remembered for an event, by layout. One that no longer parses (a newer kiosk's) is passed over. */
export function rememberedMappings(db: Db, eventId: string): Record<string, ImportMapping> {
  const rows = prepared(db, 'SELECT layout, mapping FROM import_mappings WHERE event_id = ?').all(eventId) as {
    layout: string;
    mapping: string;
  }[];
  const found: Record<string, ImportMapping> = {};
  for (const row of rows) {
    try {
      const parsed = importMapping.safeParse(JSON.parse(row.mapping));
      if (parsed.success) found[row.layout] = parsed.data;
    } catch {
      // Not JSON: ignore it; the next import with this layout writes a good one.
    }
  }
  return found;
}

/** Remembers the mapping an import used, inside the import's transaction, writing only when it changed. */
export function rememberMapping(ctx: Context, eventId: string, layout: string, mapping: ImportMapping): void {
  const id = mappingId(eventId, layout);
  const json = JSON.stringify(mapping);
  const current = prepared(ctx.db, 'SELECT mapping FROM import_mappings WHERE id = ?').pluck().get(id) as
    string | undefined;
  if (current === json) return;
  const now = ctx.now().toISOString();
  write(ctx, importMappingEntity, id, {
    event_id: eventId,
    layout,
    mapping: json,
    ...(current === undefined ? { created_at: now } : {}),
    updated_at: now,
  });
}
