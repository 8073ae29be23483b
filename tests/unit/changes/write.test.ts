import { describe, expect, it } from 'vitest';
import { create, defineEntity, write } from '../../../electron/core/changes/write';
import { tempCore } from '../helpers';

const note = defineEntity('note', 'notes', ['text', 'pinned'] as const);
const memo = defineEntity('memo', 'memos', ['text', 'pinned'] as const);

function coreWithNotes() {
  const core = tempCore();
  core.ctx.db.exec(`CREATE TABLE notes (id TEXT PRIMARY KEY, text TEXT NOT NULL, pinned INTEGER) STRICT;
    CREATE TABLE memos (id TEXT PRIMARY KEY, text TEXT, pinned INTEGER) STRICT`);
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

  it('puts each new row’s values in their own columns, whichever fields it sets, in whatever order, in whichever table', () => {
    const { ctx } = coreWithNotes();
    // Reused statements are chosen by table and column list: the same list in another order, or in another table with
    // the same columns, must not borrow one.
    ctx.db.transaction(() => {
      create(ctx, note, 'n1', { text: 'Bring badges', pinned: 1 });
      create(ctx, note, 'n2', { pinned: 0, text: 'Print sheets' });
      create(ctx, note, 'n3', { text: 'Book room' });
      write(ctx, note, 'n4', { pinned: 1, text: 'Call venue' });
      create(ctx, memo, 'm1', { pinned: 1, text: 'Not a note' });
      create(ctx, memo, 'm2', { pinned: 0 });
    })();
    expect(ctx.db.prepare('SELECT * FROM notes ORDER BY id').all()).toEqual([
      { id: 'n1', text: 'Bring badges', pinned: 1 },
      { id: 'n2', text: 'Print sheets', pinned: 0 },
      { id: 'n3', text: 'Book room', pinned: null },
      { id: 'n4', text: 'Call venue', pinned: 1 },
    ]);
    expect(ctx.db.prepare('SELECT * FROM memos ORDER BY id').all()).toEqual([
      { id: 'm1', text: 'Not a note', pinned: 1 },
      { id: 'm2', text: null, pinned: 0 },
    ]);
    // A new record's id is never an edit of one already there.
    expect(() => ctx.db.transaction(() => create(ctx, note, 'n1', { text: 'Again' }))()).toThrow(/UNIQUE/);
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
