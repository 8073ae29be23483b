import { describe, expect, it } from 'vitest';
import { afterCommit, writeTransaction } from '../../../electron/core/db/transaction';
import { tempCore } from '../helpers';

// State kept outside the database (an import job's "committed") may only change once the write is on disk.
describe('afterCommit', () => {
  it('runs after the commit, never after a rollback, and inside a nested write waits for the outer commit', () => {
    const { db } = tempCore().ctx;
    const seen: string[] = [];
    writeTransaction(db, () => {
      afterCommit(db, () => seen.push(`committed ${String(db.inTransaction)}`));
      seen.push('working');
    });
    expect(seen).toEqual(['working', 'committed false']);

    expect(() =>
      writeTransaction(db, () => {
        afterCommit(db, () => seen.push('rolled back'));
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(seen).toHaveLength(2);

    writeTransaction(db, () => {
      writeTransaction(db, () => afterCommit(db, () => seen.push(`outer ${String(db.inTransaction)}`)));
      seen.push('inner done');
    });
    expect(seen.slice(2)).toEqual(['inner done', 'outer false']);
    // And the next write starts with nothing queued.
    writeTransaction(db, () => undefined);
    expect(seen).toHaveLength(4);
  });

  it('refuses to be used outside a write transaction, where nothing would ever commit', () => {
    const { db } = tempCore().ctx;
    expect(() => afterCommit(db, () => undefined)).toThrow(/inside writeTransaction/);
  });
});
