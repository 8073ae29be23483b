import { spawnSync } from 'node:child_process';
import path from 'node:path';

const cli = path.resolve('electron/server/cli.ts');

/** Runs the real command line, as a user would, and captures what it says. */
export function muster(...args: string[]) {
  const started = Date.now();
  const run = spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr, ms: Date.now() - started };
}

/** A two-day Nairobi workshop in `data`, made through the command line. */
export function createEvent(data: string): { eventId: string; day1: string; day2: string } {
  const created = muster(
    'event',
    'create',
    '--data',
    data,
    '--json',
    '--title',
    'CT TECH East Africa',
    '--city',
    'Nairobi',
    '--country',
    'KE',
    '--start',
    '2023-09-12',
    '--end',
    '2023-09-13',
    '--time-zone',
    'Africa/Nairobi',
  );
  if (created.code !== 0) {
    throw new Error(`muster event create exited ${created.code} after ${created.ms} ms: ${created.stderr}`);
  }
  const event = JSON.parse(created.stdout) as { id: string; sessions: { id: string }[] };
  return { eventId: event.id, day1: event.sessions[0]!.id, day2: event.sessions[1]!.id };
}
