import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers';
import { muster } from './muster-cli';

const cli = path.resolve('electron/server/cli.ts');

const create = (data: string, ...extra: string[]) =>
  muster(
    'event',
    'create',
    '--data',
    data,
    '--title',
    'CT TECH Central Asia',
    '--city',
    'Tashkent',
    '--country',
    'uz',
    '--start',
    '2023-10-03',
    '--end',
    '2023-10-04',
    '--time-zone',
    'Asia/Tashkent',
    '--languages',
    'en,ru',
    ...extra,
  );

describe('muster command line', () => {
  it('creates an event and lists it, as text and as JSON', () => {
    const data = tempDir();
    const created = create(data, '--json');
    expect(created.code).toBe(0);
    const event = JSON.parse(created.stdout) as { id: string; country: string; sessions: unknown[] };
    expect(event).toMatchObject({ country: 'UZ', sessions: [{}, {}] });
    const listed = muster('event', 'list', '--data', data);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`${event.id}\\s+CT TECH Central Asia\\s+Tashkent\\s+UZ`));
    expect(JSON.parse(muster('event', 'list', '--data', data, '--json').stdout)).toHaveLength(1);
  });

  it('exits 1 with one line for a value the contract refuses, and changes nothing', () => {
    const data = tempDir();
    const run = muster(
      'event',
      'create',
      '--data',
      data,
      '--title',
      'X',
      '--city',
      'Y',
      '--country',
      'ZZ',
      '--start',
      '2023-10-03',
      '--end',
      '2023-10-01',
      '--time-zone',
      'Asia/Tashkent',
    );
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^muster: country: Choose a country/);
    expect(JSON.parse(muster('event', 'list', '--data', data, '--json').stdout)).toEqual([]);
  });

  it('exits 2 with one line for a mistake in how it was called', () => {
    for (const args of [
      ['frobnicate'],
      ['event', 'delete'],
      ['event', 'list', '--colour'],
      ['event', 'create', '--title', 'x'],
    ]) {
      const run = muster(...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });

  it('refuses a data folder holding something that is not a Muster database', () => {
    const data = tempDir();
    writeFileSync(path.join(data, 'muster.sqlite'), 'this is a spreadsheet, honest');
    const run = muster('event', 'list', '--data', data);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/not a Muster database/);
  });

  it('serves the API on loopback until told to stop', async () => {
    const data = tempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', cli, 'serve', '--data', data, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /serving on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`serve exited early with ${code}`)));
    });
    const res = await fetch(`${url}/api/system.ping`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(await res.json()).toEqual({ ok: true, value: { ok: true } });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 120_000); // a fresh checkout builds the screens first

  it('refuses to serve beyond this machine', () => {
    const run = muster('serve', '--host', '0.0.0.0', '--data', tempDir());
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/this machine only/);
  });
});
