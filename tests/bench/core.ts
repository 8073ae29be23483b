import { newId } from '../../electron/core/api/ids';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dispatch } from '../../electron/core/api/dispatch';
import { openCore } from '../../electron/core/context';
import { compare, measure, measureBatched, type Row, type Suite } from './harness';

const input = {
  title: 'CT TECH regional workshop',
  venue: 'Hilton Trinidad',
  city: 'Port of Spain',
  country: 'TT',
  startDate: '2023-11-16',
  endDate: '2023-11-17',
  timeZone: 'America/Port_of_Spain',
  languages: ['en', 'es'],
};

/** Foundation figures: what the one door (validation, Result, transaction, change log) costs over the raw floor. */
export const coreSuite: Suite = {
  name: 'core',
  async run(): Promise<Row[]> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'muster-bench-'));
    try {
      const core = openCore(path.join(dir, 'muster.sqlite'));
      const { ctx } = core;

      const noop = () => ({ ok: true as const });
      const direct = await measureBatched(200, 1000, noop);
      const ping = await measureBatched(200, 1000, () => dispatch(ctx, 'system.ping', {}));

      // The floor for creating an event: the same rows (1 event + 2 sessions), each in the same durable transaction,
      // written raw with better-sqlite3 and synchronous=FULL on the same file.
      const insertEvent = ctx.db.prepare(
        `INSERT INTO events (id, title, venue, city, country, start_date, end_date, time_zone, languages, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const insertSession = ctx.db.prepare(
        `INSERT INTO sessions (id, event_id, name, date, start_time, end_time, created_at, updated_at)
         VALUES (?, ?, ?, ?, '09:00', '17:00', ?, ?)`,
      );
      const raw = ctx.db.transaction(() => {
        const id = newId();
        const now = new Date().toISOString();
        insertEvent.run(
          id,
          input.title,
          input.venue,
          input.city,
          input.country,
          input.startDate,
          input.endDate,
          input.timeZone,
          '["en","es"]',
          now,
          now,
        );
        insertSession.run(newId(), id, 'Day 1', '2023-11-16', now, now);
        insertSession.run(newId(), id, 'Day 2', '2023-11-17', now, now);
      });
      const rawCreate = await measure(500, () => raw.immediate());
      const viaDispatch = await measure(500, async () => {
        const result = await dispatch(ctx, 'event.create', input);
        if (!result.ok) throw new Error(result.error.message);
      });
      core.close();
      return [
        compare('core', 'no-op method: dispatch vs direct call', 'p50', ping, direct),
        compare(
          'core',
          'create event (1 event + 2 sessions): dispatch vs raw INSERTs, synchronous=FULL',
          'p50',
          viaDispatch,
          rawCreate,
        ),
        compare(
          'core',
          'create event (1 event + 2 sessions): dispatch vs raw INSERTs, synchronous=FULL',
          'p99',
          viaDispatch,
          rawCreate,
        ),
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
