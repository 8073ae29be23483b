import { describe, expect, it } from 'vitest';
import { migrations } from '../../../electron/core/db/migrations';
import { tempCore } from '../helpers';

function plan(core: ReturnType<typeof tempCore>, sql: string, ...params: unknown[]): string {
  const rows = core.ctx.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
  return rows.map((r) => r.detail).join('\n');
}

describe('migrations', () => {
  it('are numbered 1..n without gaps and have unique names', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(new Set(migrations.map((m) => m.name)).size).toBe(migrations.length);
  });

  describe('0001 store, as 0007 leaves it', () => {
    it("finds a record's changes through one index and keeps local arrival order", () => {
      const core = tempCore();
      expect(
        plan(
          core,
          "SELECT * FROM changes WHERE entity = ? AND entity != 'checkin' AND entity_id = ? ORDER BY hlc",
          'event',
          'x',
        ),
      ).toMatch(/USING INDEX changes_by_record/);
      expect(plan(core, 'SELECT * FROM changes WHERE seq > ?', 1)).toMatch(/USING INTEGER PRIMARY KEY/);
    });

    it('refuses the same change twice', () => {
      const { ctx } = tempCore();
      const insert = ctx.db.prepare(
        "INSERT INTO changes (hlc, device_id, entity, entity_id, fields) VALUES ('t', 'd', 'event', 'e', '{}')",
      );
      insert.run();
      expect(() => insert.run()).toThrow(/UNIQUE/);
    });
  });

  describe('0010 check-in change index', () => {
    it('keeps check-ins out of the per-record index, which edited records still use and dedupe by', () => {
      const { ctx } = tempCore();
      const insert = ctx.db.prepare(
        'INSERT INTO changes (hlc, device_id, entity, entity_id, fields) VALUES (?, ?, ?, ?, ?)',
      );
      insert.run('t1', 'd', 'checkin', 'c1', '{}');
      insert.run('t1', 'd', 'registration', 'r1', '{}');
      const indexed = ctx.db
        .prepare("SELECT entity FROM changes INDEXED BY changes_by_record WHERE entity != 'checkin'")
        .pluck()
        .all();
      expect(indexed).toEqual(['registration']);
      expect(() => insert.run('t1', 'd', 'registration', 'r1', '{}')).toThrow(/UNIQUE/);
      // A check-in is deduplicated by its own key instead: the nonce is the checkins table's primary key.
      expect(ctx.db.prepare("SELECT count(*) FROM changes WHERE entity = 'checkin'").pluck().get()).toBe(1);
    });
  });

  describe('0007 leaner change log', () => {
    it('keeps every change, in order, with two B-trees instead of four', () => {
      const { db } = tempCore().ctx;
      // The change log as migrations 1–6 left it.
      db.exec('DROP TABLE changes');
      db.exec(migrations[0]!.sql.replace(/CREATE TABLE meta[^;]*;/, ''));
      const insert = db.prepare(
        'INSERT INTO changes (hlc, device_id, entity, entity_id, fields) VALUES (?, ?, ?, ?, ?)',
      );
      insert.run('2026-11-28T09:00:00.000Z-0000-0123456789abcdef', '0123456789abcdef', 'event', 'e1', '{"title":"A"}');
      insert.run('2026-11-28T08:00:00.000Z-0000-fedcba9876543210', 'fedcba9876543210', 'event', 'e1', '{"title":"B"}');
      const before = db.prepare('SELECT * FROM changes ORDER BY seq').all();
      db.exec(migrations[6]!.sql);
      expect(db.prepare('SELECT * FROM changes ORDER BY seq').all()).toEqual(before);
      const trees = db
        .prepare(
          "SELECT name FROM sqlite_schema WHERE tbl_name = 'changes' AND type IN ('table', 'index') ORDER BY name",
        )
        .pluck()
        .all();
      expect(trees).toEqual(['changes', 'changes_by_record']);
    });
  });

  describe('0002 events', () => {
    it('ties sessions to an existing event', () => {
      const { ctx } = tempCore();
      expect(() =>
        ctx.db
          .prepare(
            "INSERT INTO sessions (id, event_id, name, date, start_time, end_time, created_at, updated_at) VALUES ('s', 'missing', 'Day 1', '2024-01-01', '09:00', '17:00', '', '')",
          )
          .run(),
      ).toThrow(/FOREIGN KEY/);
    });

    it("lists an event's sessions through the index", () => {
      const core = tempCore();
      expect(plan(core, 'SELECT * FROM sessions WHERE event_id = ? ORDER BY date, start_time', 'x')).toMatch(
        /USING INDEX sessions_by_event/,
      );
    });

    it('stores strictly typed columns', () => {
      const { ctx } = tempCore();
      expect(() =>
        ctx.db
          .prepare(
            "INSERT INTO events (id, title, venue, city, country, start_date, end_date, time_zone, languages, created_at, updated_at) VALUES ('e', 't', '', 'c', 'KE', '2024-01-01', '2024-01-02', 'UTC', '[]', X'00', '')",
          )
          .run(),
      ).toThrow(/cannot store BLOB value in TEXT column/);
    });
  });
});
