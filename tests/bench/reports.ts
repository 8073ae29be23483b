// Issue 7's figure: report.get for a programme of 5 events × 2,000 participants × 3 sessions, end to end through
// dispatch (validation, the two set-wise reads, counting each person once, the match candidates, the output check),
// against a floor measured in the same run: the headline counts (attendees per event, category, gender and country,
// each person once) as one raw SQL query through better-sqlite3, with no matching, no merges and no validation.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Input, MethodName, Output } from '../../electron/core/api/contract';
import { dispatch } from '../../electron/core/api/dispatch';
import { newId } from '../../electron/core/api/ids';
import { create } from '../../electron/core/changes/write';
import { checkinEntity } from '../../electron/core/checkin/store';
import { openCore, type Core } from '../../electron/core/context';
import { writeTransaction } from '../../electron/core/db/transaction';
import { register } from '../../electron/core/participants/handlers';
import { generateRoster, loadRoster, mulberry32 } from '../fixtures/roster';
import { compare, measure, type Row, type Suite } from './harness';

const events = 5;
const perEvent = Number(process.env.MUSTER_BENCH_REPORT_PEOPLE ?? 2_000);

async function call<M extends MethodName>(core: Core, method: M, input: Input<M>): Promise<Output<M>> {
  const result = await dispatch(core.ctx, method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as Output<M>;
}

const floorSql = `
  SELECT r.event_id, r.category, p.gender, p.country, count(DISTINCT r.participant_id) AS n
  FROM attendance a
  JOIN registrations r ON r.id = a.registration_id
  JOIN participants p ON p.id = r.participant_id
  WHERE a.session_id IN (SELECT value FROM json_each(?)) AND r.status != 'cancelled'
  GROUP BY 1, 2, 3, 4`;

export const reportsSuite: Suite = {
  name: 'reports',
  async run(): Promise<Row[]> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'muster-bench-reports-'));
    const core = openCore(path.join(dir, 'muster.sqlite'));
    try {
      const random = mulberry32(7);
      const eventIds: string[] = [];
      const sessionIds: string[] = [];
      let previous: string[] = [];
      for (let e = 0; e < events; e++) {
        const start = `2023-${String(9 + Math.floor(e / 2)).padStart(2, '0')}-${e % 2 ? '16' : '02'}`;
        const end = `${start.slice(0, 8)}${String(Number(start.slice(8)) + 2).padStart(2, '0')}`;
        const event = await call(core, 'event.create', {
          title: `Regional workshop ${e + 1}`,
          venue: '',
          city: 'Nairobi',
          country: 'KE',
          startDate: start,
          endDate: end,
          timeZone: 'Africa/Nairobi',
          languages: ['en'],
        });
        eventIds.push(event.id);
        sessionIds.push(...event.sessions.map((s) => s.id));
        // One in ten come back from the previous workshop: the same person record, registered again.
        const returning = previous.slice(0, perEvent / 10);
        const loaded = loadRoster(core.ctx, event.id, generateRoster(perEvent - returning.length, 1000 + e));
        const registrations = [...loaded.registrationIds];
        writeTransaction(core.ctx.db, () => {
          for (const participantId of returning) {
            registrations.push(
              register(core.ctx, event.id, participantId, { category: 'partner_state_delegate', status: 'confirmed' }),
            );
          }
          // Four in five attend each day; a few are checked in twice by two offline kiosks.
          for (const session of event.sessions) {
            for (const registrationId of registrations) {
              if (random() >= 0.8) continue;
              const copies = random() < 0.01 ? 2 : 1;
              for (let c = 0; c < copies; c++) {
                create(core.ctx, checkinEntity, newId(), {
                  kind: 'check_in',
                  registration_id: registrationId,
                  session_id: session.id,
                  method: 'qr',
                  device_id: c ? 'kiosk-b' : core.ctx.device,
                  at: `${session.date}T07:00:00.000Z`,
                });
              }
            }
          }
        });
        previous = loaded.participantIds;
      }
      core.ctx.db.pragma('optimize');
      const programme = await call(core, 'programme.create', { name: 'Bench programme', eventIds });
      const report = await call(core, 'report.get', { programmeId: programme.id });
      const floorQuery = core.ctx.db.prepare(floorSql);
      const floorRows = floorQuery.all(JSON.stringify(sessionIds)).length;
      const subject = await measure(20, () => call(core, 'report.get', { programmeId: programme.id }), 3);
      const floor = await measure(20, () => floorQuery.all(JSON.stringify(sessionIds)), 3);
      process.stderr.write(
        `reports: ${report.totals.registered} people, ${report.totals.uniqueParticipants} attended, ${report.totals.attendances} attendances, ${floorRows} floor rows\n`,
      );
      return [
        compare(
          'reports',
          `report.get, programme of ${events} events × ${perEvent} people × 3 sessions`,
          'p50',
          subject,
          floor,
        ),
        compare(
          'reports',
          `report.get, programme of ${events} events × ${perEvent} people × 3 sessions`,
          'p95',
          subject,
          floor,
        ),
      ];
    } finally {
      core.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
