// Issue 8.4: what erasing one person costs on a large roster, end to end through dispatch (the change, the scrubbed
// change log and signatures, the search indexes merged into one segment each, the WAL checkpointed and emptied),
// against a floor measured in the same run: the same personal columns blanked by one raw UPDATE in a durable
// transaction, which leaves the old words in the search segments and the change log (so it is not an erasure).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dispatch } from '../../electron/core/api/dispatch';
import { openCore } from '../../electron/core/context';
import { erasedValues } from '../../electron/core/erasure/fields';
import { generateRoster, loadRoster } from '../fixtures/roster';
import { compare, measure, type Row, type Suite } from './harness';

const people = Number(process.env.MUSTER_BENCH_ERASURE_PEOPLE ?? 100_000);
const erasures = 20;

export const erasureSuite: Suite = {
  name: 'erasure',
  async run(): Promise<Row[]> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'muster-bench-erasure-'));
    const core = openCore(path.join(dir, 'muster.sqlite'));
    try {
      const result = await dispatch(core.ctx, 'event.create', {
        title: 'Bench',
        venue: '',
        city: 'Nairobi',
        country: 'KE',
        startDate: '2023-09-12',
        endDate: '2023-09-14',
        timeZone: 'Africa/Nairobi',
        languages: ['en'],
      });
      if (!result.ok) throw new Error(result.error.message);
      const eventId = (result.value as { id: string }).id;
      const { participantIds } = loadRoster(core.ctx, eventId, generateRoster(people));
      const columns = Object.keys(erasedValues);
      const blank = core.ctx.db.prepare(
        `UPDATE participants SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`,
      );
      const floor = await measure(
        erasures,
        (i) => core.ctx.db.transaction(() => blank.run(...Object.values(erasedValues), participantIds[i]))(),
        0,
      );
      const subject = await measure(
        erasures,
        async (i) => {
          const erased = await dispatch(core.ctx, 'person.erase', { participantId: participantIds[erasures + i] });
          if (!erased.ok) throw new Error(erased.error.message);
        },
        0,
      );
      return [
        compare('erasure', `person.erase, one of ${people.toLocaleString('en')}`, 'p50', subject, floor),
        compare('erasure', `person.erase, one of ${people.toLocaleString('en')}`, 'p95', subject, floor),
      ];
    } finally {
      core.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
