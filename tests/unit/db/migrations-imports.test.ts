import { describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/context';
import { mappingId, rememberedMappings } from '../../../electron/core/imports/mappings';
import { nairobi, ok, tempCore } from '../helpers';

function plan(core: Core, sql: string, ...params: unknown[]): string {
  const rows = core.ctx.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
  return rows.map((r) => r.detail).join('\n');
}

describe('0006 import mappings', () => {
  it('keeps one mapping per event and layout, under an id every kiosk derives alike', async () => {
    const core = tempCore();
    const event = await ok(core, 'event.create', nairobi);
    const id = mappingId(event.id, '["nom","prenom"]');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(mappingId(event.id, '["nom","prenom"]')).toBe(id);
    expect(mappingId(event.id, '["nom"]')).not.toBe(id);
    core.ctx.db
      .prepare('INSERT INTO import_mappings VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, event.id, '["nom","prenom"]', '{"columns":["familyName","givenNames"]}', 'now', 'now');
    expect(() =>
      core.ctx.db.prepare('INSERT INTO import_mappings VALUES (?, ?, ?, ?, ?, ?)').run(id, event.id, 'x', '{}', '', ''),
    ).toThrow(/UNIQUE/);
    expect(() =>
      core.ctx.db
        .prepare('INSERT INTO import_mappings VALUES (?, ?, ?, ?, ?, ?)')
        .run('other', 'no-such-event', 'x', '{}', '', ''),
    ).toThrow(/FOREIGN KEY/);
    expect(rememberedMappings(core.ctx.db, event.id)).toEqual({
      '["nom","prenom"]': { columns: ['familyName', 'givenNames'], defaults: {} },
    });
  });

  it('passes over a remembered mapping it cannot read (a newer kiosk’s)', async () => {
    const core = tempCore();
    const event = await ok(core, 'event.create', nairobi);
    const insert = core.ctx.db.prepare('INSERT INTO import_mappings VALUES (?, ?, ?, ?, ?, ?)');
    insert.run('a', event.id, 'one', 'not json', '', '');
    insert.run('b', event.id, 'two', '{"columns":["teleportCode"]}', '', '');
    expect(rememberedMappings(core.ctx.db, event.id)).toEqual({});
  });

  it('reads an event’s mappings and one mapping through indexes', () => {
    const core = tempCore();
    expect(plan(core, 'SELECT layout, mapping FROM import_mappings WHERE event_id = ?', 'e1')).toMatch(
      /SEARCH import_mappings USING (COVERING )?INDEX import_mappings_by_event \(event_id=\?\)/,
    );
    expect(plan(core, 'SELECT mapping FROM import_mappings WHERE id = ?', 'x')).toMatch(
      /SEARCH import_mappings USING INDEX sqlite_autoindex_import_mappings_1 \(id=\?\)/,
    );
  });
});
