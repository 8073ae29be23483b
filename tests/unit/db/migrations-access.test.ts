import { describe, expect, it } from 'vitest';
import { tempCore } from '../helpers';

describe('0016 staff members and 0017 audit', () => {
  it('keeps one active member per name, in any case, and lets a removed name be used again', () => {
    const { db } = tempCore().ctx;
    const add = db.prepare(
      "INSERT INTO staff_members (id, name, role, secret_hash, created_at) VALUES (?, ?, 'staff', 'scrypt$x', '2026-03-01')",
    );
    add.run('a', 'Joseph Kamau');
    expect(() => add.run('b', 'joseph kamau')).toThrow(/UNIQUE/);
    db.prepare("UPDATE staff_members SET removed_at = '2026-03-02' WHERE id = 'a'").run();
    add.run('b', 'joseph kamau');
    expect(() =>
      db
        .prepare(
          "INSERT INTO staff_members (id, name, role, secret_hash, created_at) VALUES ('c', 'X', 'kiosk', 'h', 'now')",
        )
        .run(),
    ).toThrow(/CHECK/);
  });

  it('never changes or removes an audit entry, and filters by actor and action through indexes', () => {
    const { db } = tempCore().ctx;
    db.prepare(
      `INSERT INTO audit (seq, at, device, actor, role, action, ids, counts, prev_hash, hash)
       VALUES (1, 'now', 'd', 'a', 'admin', 'event.create', '{}', '{}', 'p', 'h')`,
    ).run();
    expect(() => db.prepare("UPDATE audit SET actor = 'b'").run()).toThrow(/never changed/);
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/never removed/);
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((p) => p.detail).join('\n');
    expect(plan("SELECT * FROM audit WHERE actor = 'a' ORDER BY seq DESC LIMIT 10")).toMatch(
      /USING INDEX audit_by_actor/,
    );
    expect(plan("SELECT * FROM audit WHERE action = 'x' ORDER BY seq DESC LIMIT 10")).toMatch(
      /USING INDEX audit_by_action/,
    );
  });
});
