// Issue 8.4: what erasing one person costs on a large roster, end to end through dispatch (the change, the scrubbed
// change log and signatures, the search indexes merged into one segment each, the WAL checkpointed and emptied),
// against a floor measured in the same run: the same personal columns blanked by one raw UPDATE in a durable
// transaction, which leaves the old words in the search segments and the change log (so it is not an erasure).
// Second case: one erasure on a realistic event's encrypted database with twenty backups, until every backup is
// rewritten without the person (erasure/backups.ts), against VACUUM INTO of the same twenty files.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dispatch } from '../../electron/core/api/dispatch';
import { takeBackup } from '../../electron/core/backups/backup';
import { backupsDir, listBackups } from '../../electron/core/backups/files';
import { openCore } from '../../electron/core/context';
import { openSnapshot } from '../../electron/core/db/driver';
import { backupScrubSettled } from '../../electron/core/erasure/backups';
import { erasedValues } from '../../electron/core/erasure/fields';
import { generateRoster, loadRoster } from '../fixtures/roster';
import { compare, measure, type Row, type Suite } from './harness';
import { nairobi } from '../fixtures/workshop';

const people = Number(process.env.MUSTER_BENCH_ERASURE_PEOPLE ?? 100_000);
const erasures = 20;
/** A large workshop or a small conference: what a kiosk's database holds for one event. */
const eventPeople = Number(process.env.MUSTER_BENCH_ERASURE_EVENT_PEOPLE ?? 1000);
const backups = 20;
const backupRounds = 5;

async function withBackups(): Promise<Row[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'muster-bench-erasure-backups-'));
  const key = randomBytes(32).toString('hex');
  let now = Date.parse('2023-09-12T06:00:00.000Z');
  const core = openCore(path.join(dir, 'muster.sqlite'), { key, wallClock: () => now });
  try {
    const result = await dispatch(core.ctx, 'event.create', nairobi);
    if (!result.ok) throw new Error(result.error.message);
    const { participantIds } = loadRoster(core.ctx, (result.value as { id: string }).id, generateRoster(eventPeople));
    for (let i = 0; i < backups; i++) {
      now += 15 * 60_000;
      await takeBackup(core.ctx, 'manual');
    }
    const files = listBackups(backupsDir(core.file)).map((b) => path.join(backupsDir(core.file), b.name));
    const floor = await measure(
      backupRounds,
      () => {
        for (const file of files) {
          const source = openSnapshot(file, { key });
          try {
            source.prepare('VACUUM INTO ?').run(`${file}.floor`);
          } finally {
            source.close();
          }
          rmSync(`${file}.floor`);
        }
      },
      0,
    );
    // Each round erases someone every backup still holds, so all twenty are rewritten each time.
    const subject = await measure(
      backupRounds,
      async (i) => {
        const erased = await dispatch(core.ctx, 'person.erase', { participantId: participantIds[i] });
        if (!erased.ok) throw new Error(erased.error.message);
        await backupScrubSettled(core.ctx);
      },
      0,
    );
    const name = `person.erase until ${backups} backups are rewritten, event of ${eventPeople.toLocaleString('en')}`;
    return [compare('erasure', name, 'p50', subject, floor), compare('erasure', name, 'p95', subject, floor)];
  } finally {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const erasureSuite: Suite = {
  name: 'erasure',
  async run(): Promise<Row[]> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'muster-bench-erasure-'));
    const core = openCore(path.join(dir, 'muster.sqlite'));
    try {
      const result = await dispatch(core.ctx, 'event.create', nairobi);
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
        ...(await withBackups()),
      ];
    } finally {
      core.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
