import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { newId } from '../../electron/core/api/ids';
import { dispatch } from '../../electron/core/api/dispatch';
import { takeBackup } from '../../electron/core/backups/backup';
import { openCore, type Core } from '../../electron/core/context';
import { unlockDatabaseKey } from '../../electron/core/db/keyring';
import { fold } from '../../electron/core/text/fold';
import { generateRoster, loadRoster, mulberry32 } from '../fixtures/roster';
import { compare, summarise, type Row, type Sample, type Suite } from './harness';
import { nairobi } from '../fixtures/workshop';

const size = Number(process.env.MUSTER_BENCH_CRYPT ?? 20_000);
const rounds = Number(process.env.MUSTER_BENCH_CRYPT_ROUNDS ?? 500);

interface Desk {
  core: Core;
  eventId: string;
  sessionId: string;
  registrationIds: string[];
}

async function desk(file: string, key?: string): Promise<Desk> {
  const core = openCore(file, key ? { key } : {});
  const created = await dispatch(core.ctx, 'event.create', nairobi);
  if (!created.ok) throw new Error(created.error.message);
  const event = created.value as { id: string; sessions: { id: string }[] };
  const people = generateRoster(size, 20231116);
  const { registrationIds } = loadRoster(core.ctx, event.id, people);
  const active = registrationIds.filter((_, i) => people[i]!.status !== 'cancelled');
  return { core, eventId: event.id, sessionId: event.sessions[0]!.id, registrationIds: active };
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/**
 * What encryption costs at the desk: the same roster in a plain and an encrypted database, in the same run, with
 * durable check-ins and searches interleaved (alternating which goes first) so the noise of a shared machine falls on
 * both alike. Also the one-off costs: unlocking the key (scrypt) and a backup.
 */
export const cryptSuite: Suite = {
  name: 'crypt',
  async run(): Promise<Row[]> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'muster-bench-crypt-'));
    try {
      const encryptedFile = path.join(dir, 'encrypted', 'muster.sqlite');
      const plainFile = path.join(dir, 'plain', 'muster.sqlite');
      for (const file of [encryptedFile, plainFile]) mkdirSync(path.dirname(file));
      const unlocks: number[] = [];
      let key = '';
      for (let i = 0; i < 3; i++) {
        const t = performance.now();
        key = unlockDatabaseKey(encryptedFile, { passphrase: 'bench data passphrase' });
        unlocks.push(performance.now() - t);
      }
      process.stderr.write(`  loading ${size} participants into a plain and an encrypted database…\n`);
      const plain = await desk(plainFile);
      const encrypted = await desk(encryptedFile, key);

      const checkIn = (d: Desk, i: number) => async () => {
        const result = await dispatch(d.core.ctx, 'checkin.create', {
          id: newId(),
          sessionId: d.sessionId,
          registrationId: d.registrationIds[i % d.registrationIds.length]!,
          method: 'search',
        });
        if (!result.ok) throw new Error(result.error.message);
      };
      const random = mulberry32(11);
      const people = generateRoster(size, 20231116);
      const queries = Array.from({ length: rounds }, () => {
        const p = people[Math.floor(random() * people.length)]!;
        return random() < 0.5 ? fold(p.familyName) : fold(`${p.givenNames} ${p.familyName}`);
      });
      const search = (d: Desk, query: string) => async () => {
        const result = await dispatch(d.core.ctx, 'roster.search', {
          eventId: d.eventId,
          sessionId: d.sessionId,
          query,
          limit: 20,
        });
        if (!result.ok) throw new Error(result.error.message);
      };

      const times = { plainCheckIn: [] as number[], encCheckIn: [] as number[], plainSearch: [] as number[] };
      const encSearch: number[] = [];
      for (let i = 0; i < 30; i++) {
        await checkIn(plain, rounds + i)();
        await checkIn(encrypted, rounds + i)();
      }
      for (let i = 0; i < rounds; i++) {
        const pair = [
          async () => times.plainCheckIn.push(await timed(checkIn(plain, i))),
          async () => times.encCheckIn.push(await timed(checkIn(encrypted, i))),
        ];
        if (i % 2) pair.reverse();
        for (const step of pair) await step();
        const searches = [
          async () => times.plainSearch.push(await timed(search(plain, queries[i]!))),
          async () => encSearch.push(await timed(search(encrypted, queries[i]!))),
        ];
        if (i % 2) searches.reverse();
        for (const step of searches) await step();
      }

      const backupPlain = await timed(async () => void (await takeBackup(plain.core.ctx, 'manual')));
      const backupEnc = await timed(async () => void (await takeBackup(encrypted.core.ctx, 'manual')));
      const sizes = { plain: statSync(plainFile).size, encrypted: statSync(encryptedFile).size };
      plain.core.close();
      encrypted.core.close();
      const reopen = (file: string, withKey?: string) => {
        const t = performance.now();
        openCore(file, withKey ? { key: withKey } : {}).close();
        return performance.now() - t;
      };
      const opens = { plain: [reopen(plainFile), reopen(plainFile)], encrypted: [reopen(encryptedFile, key)] };
      opens.encrypted.push(reopen(encryptedFile, key));

      const one = (ms: number): Sample => summarise([ms]);
      const name = (what: string) => `${what} (${size} people): encrypted vs plain`;
      return [
        compare(
          'crypt',
          name('durable check-in via dispatch'),
          'p50',
          summarise(times.encCheckIn),
          summarise(times.plainCheckIn),
        ),
        compare(
          'crypt',
          name('durable check-in via dispatch'),
          'p99',
          summarise(times.encCheckIn),
          summarise(times.plainCheckIn),
        ),
        compare('crypt', name('desk search via dispatch'), 'p50', summarise(encSearch), summarise(times.plainSearch)),
        compare('crypt', name('desk search via dispatch'), 'p99', summarise(encSearch), summarise(times.plainSearch)),
        compare('crypt', name('backup, checked'), 'p50', one(backupEnc), one(backupPlain)),
        compare(
          'crypt',
          name('open (after the key is unlocked)'),
          'p50',
          summarise(opens.encrypted),
          summarise(opens.plain),
        ),
        {
          suite: 'crypt',
          case: 'unlock the key from the passphrase (scrypt N=2^17, r=8, p=1), once per start',
          metric: 'p50',
          value: summarise(unlocks).p50,
          unit: 'ms',
        },
        {
          suite: 'crypt',
          case: name('database file size'),
          metric: 'bytes',
          value: sizes.encrypted,
          unit: 'B',
          floor: sizes.plain,
          ratio: sizes.encrypted / sizes.plain,
        },
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
