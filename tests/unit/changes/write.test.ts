import { describe, expect, it } from 'vitest';
import { defineEntity, write } from '../../../electron/core/changes/write';
import { tempCore } from '../helpers';

const note = defineEntity('note', 'notes', ['text', 'pinned'] as const);

function coreWithNotes() {
  const core = tempCore();
  core.ctx.db.exec('CREATE TABLE notes (id TEXT PRIMARY KEY, text TEXT NOT NULL, pinned INTEGER) STRICT');
  return core;
}

describe('the write path', () => {
  it('stores the row and a change record naming only the fields set, in one transaction', () => {
    const { ctx } = coreWithNotes();
    ctx.db.transaction(() => {
      write(ctx, note, 'n1', { text: 'Bring badges', pinned: 0 });
      write(ctx, note, 'n1', { pinned: 1 });
    })();
    expect(ctx.db.prepare('SELECT * FROM notes').all()).toEqual([{ id: 'n1', text: 'Bring badges', pinned: 1 }]);
    const changes = ctx.db
      .prepare('SELECT device_id, entity, entity_id, fields, hlc FROM changes ORDER BY seq')
      .all() as {
      device_id: string;
      fields: string;
      hlc: string;
    }[];
    expect(changes.map((c) => JSON.parse(c.fields))).toEqual([{ text: 'Bring badges', pinned: 0 }, { pinned: 1 }]);
    expect(changes.every((c) => c.device_id === ctx.device && c.hlc.endsWith(ctx.device))).toBe(true);
    expect((changes[0]?.hlc ?? '') < (changes[1]?.hlc ?? '')).toBe(true);
  });

  it('leaves neither row nor change behind when the transaction fails', () => {
    const { ctx } = coreWithNotes();
    expect(() =>
      ctx.db.transaction(() => {
        write(ctx, note, 'n1', { text: 'Lost?' });
        throw new Error('power cut');
      })(),
    ).toThrow('power cut');
    expect(ctx.db.prepare('SELECT count(*) FROM notes').pluck().get()).toBe(0);
    expect(ctx.db.prepare('SELECT count(*) FROM changes').pluck().get()).toBe(0);
  });

  it('refuses to write outside a transaction or to a column the entity does not have', () => {
    const { ctx } = coreWithNotes();
    expect(() => write(ctx, note, 'n1', { text: 'x' })).toThrow(/inside a transaction/);
    const smuggled = { text: 'x', secret: 'y' } as { text: string };
    expect(() => ctx.db.transaction(() => write(ctx, note, 'n1', smuggled))()).toThrow(/no column secret/);
  });
});
