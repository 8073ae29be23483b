// Issue 6's sync figures: an event of 20,000 people checked in to 3 sessions (about 100,000 changes; every row names
// the exact count), exported as a sealed bundle and imported into an empty replica, then the same file imported again
// (nothing to apply, answered from the hash of a bundle already applied). Floors measured in the
// same run: gzip + AES-256-GCM of the same JSON (what any encrypted file costs), and a raw INSERT of the same rows
// and change records in one write transaction (same schema, same triggers and deferred indexes, no validation, no
// duplicate or last-writer checks). Every change here creates its record, so a plain INSERT is the same rows.
import { createCipheriv, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { contract } from '../../electron/core/api/contract';
import type { Handlers } from '../../electron/core/api/handler';
import { openCore, type Core } from '../../electron/core/context';
import type { Statement } from '../../electron/core/db/driver';
import { writeTransaction } from '../../electron/core/db/transaction';
import { handlers } from '../../electron/core/handlers';
import { syncedEntities } from '../../electron/core/sync/entities';
import { eventChanges, eventState } from '../../electron/core/sync/scope';
import { exportBundle, importBundle } from '../../electron/core/sync/sync';
import { generateRoster, loadRoster } from '../fixtures/roster';
import { measure, type Row, type Suite } from './harness';

const people = Number(process.env.MUSTER_BENCH_SYNC ?? 20_000);
const passphrase = 'bench passphrase for the Nairobi kiosks';

function fresh(dirs: string[]): Core {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'muster-bench-sync-'));
  dirs.push(dir);
  return openCore(path.join(dir, 'muster.sqlite'));
}

export const syncSuite: Suite = {
  name: 'sync',
  async run(): Promise<Row[]> {
    const dirs: string[] = [];
    const cores: Core[] = [];
    const rows: Row[] = [];
    const row = (name: string, value: number, unit = 'ms', floor?: number): Row => ({
      suite: 'sync',
      case: name,
      metric: 'p50',
      value,
      unit,
      ...(floor === undefined ? {} : { floor, ratio: value / floor }),
    });
    try {
      const kiosk = fresh(dirs);
      cores.push(kiosk);
      const event = writeTransaction(kiosk.ctx.db, () =>
        (handlers as Handlers)['event.create'](
          kiosk.ctx,
          contract['event.create'].input.parse({
            title: 'CT TECH regional workshop',
            venue: 'UN Gigiri complex',
            city: 'Nairobi',
            country: 'KE',
            startDate: '2023-09-11',
            endDate: '2023-09-13',
            timeZone: 'Africa/Nairobi',
            languages: ['en'],
          }),
        ),
      );
      const loaded = loadRoster(
        kiosk.ctx,
        event.id,
        generateRoster(people, 6).map((p) => ({ ...p, status: 'confirmed' as const })),
      );
      const checkIn = (handlers as Handlers)['checkin.create'];
      for (const session of event.sessions) {
        writeTransaction(kiosk.ctx.db, () => {
          for (const registrationId of loaded.registrationIds) {
            checkIn(
              kiosk.ctx,
              contract['checkin.create'].input.parse({
                id: randomUUID(),
                sessionId: session.id,
                registrationId,
                method: 'qr',
              }),
            );
          }
        });
      }

      let bundle: Buffer = Buffer.alloc(0);
      let changes = 0;
      const exported = await measure(
        3,
        async () => {
          const made = await exportBundle(kiosk.ctx, { eventId: event.id, passphrase });
          bundle = made.bytes;
          changes = made.changes;
        },
        1,
      );
      const rowsOut = eventChanges(kiosk.ctx.db, event.id);
      const json = JSON.stringify({
        format: 1,
        eventId: event.id,
        changes: rowsOut.map((r) => ({
          hlc: r.hlc,
          entity: r.entity,
          id: r.entity_id,
          fields: JSON.parse(r.fields) as unknown,
        })),
      });
      const key = randomBytes(32);
      const sealFloor = await measure(
        3,
        () => {
          const cipher = createCipheriv('aes-256-gcm', key, randomBytes(12));
          Buffer.concat([
            cipher.update(gzipSync(Buffer.from(json), { level: 6 })),
            cipher.final(),
            cipher.getAuthTag(),
          ]);
        },
        1,
      );
      rows.push(
        row(
          `export a bundle of ${changes} changes (${people} people, 3 sessions checked in) vs gzip+AES of the same JSON`,
          exported.p50,
          'ms',
          sealFloor.p50,
        ),
      );
      rows.push(row('bundle size per change (gzip + AES-GCM)', bundle.length / changes, 'bytes'));

      // Import into an empty replica: a fresh one per run, so every run applies everything.
      const importTimes: number[] = [];
      let target: Core | undefined;
      for (let i = 0; i < 3; i++) {
        target = fresh(dirs);
        cores.push(target);
        const started = performance.now();
        await importBundle(target.ctx, bundle, { passphrase });
        importTimes.push(performance.now() - started);
      }
      importTimes.sort((a, b) => a - b);
      const insertTimes: number[] = [];
      for (let i = 0; i < 3; i++) {
        const raw = fresh(dirs);
        cores.push(raw);
        const started = performance.now();
        writeTransaction(raw.ctx.db, () => {
          const log = raw.ctx.db.prepare(
            'INSERT INTO changes (hlc, device_id, entity, entity_id, fields) VALUES (?, ?, ?, ?, ?)',
          );
          const statements = new Map<string, Statement>();
          for (const change of rowsOut) {
            const fields = JSON.parse(change.fields) as Record<string, string | number | null>;
            const names = Object.keys(fields);
            const table = syncedEntities[change.entity]!.table;
            const sql = `INSERT INTO ${table} (id${names.map((n) => `, ${n}`).join('')}) VALUES (?${names.map(() => ', ?').join('')})`;
            let statement = statements.get(sql);
            if (!statement) statements.set(sql, (statement = raw.ctx.db.prepare(sql)));
            statement.run(change.entity_id, ...Object.values(fields));
            log.run(change.hlc, change.device_id, change.entity, change.entity_id, change.fields);
          }
        });
        insertTimes.push(performance.now() - started);
      }
      insertTimes.sort((a, b) => a - b);
      rows.push(
        row(
          `import the bundle of ${changes} changes into an empty replica vs raw INSERT of the same rows`,
          importTimes[1]!,
          'ms',
          insertTimes[1]!,
        ),
      );
      const again = await measure(3, () => importBundle(target!.ctx, bundle, { passphrase }), 1);
      rows.push(row(`import the same bundle of ${changes} changes again (every change already there)`, again.p50));
      rows.push(row('import again, as a share of the first import', (again.p50 / importTimes[1]!) * 100, '%'));
      rows.push(row('export + import, end to end', exported.p50 + importTimes[1]!));
      // The first status on a connection reads the log; later ones with nothing new are answered from a cache.
      const second = openCore(kiosk.file);
      cores.push(second);
      const first = performance.now();
      eventState(second.ctx.db, event.id);
      rows.push(row('sync.status: version vector and digest of the event, first read', performance.now() - first));
      const status = await measure(5, () => eventState(kiosk.ctx.db, event.id), 1);
      rows.push(row('sync.status again with nothing new (cached)', status.p50));
      if (eventState(target!.ctx.db, event.id).digest !== eventState(kiosk.ctx.db, event.id).digest) {
        throw new Error('The imported replica does not match the kiosk.');
      }
    } finally {
      for (const core of cores) if (core.ctx.db.open) core.close();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    }
    return rows;
  },
};
