import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPlainDatabase } from '../../../electron/core/db/driver';
import { keyringFile } from '../../../electron/core/db/keyring';
import { tempDir } from '../helpers';

const cli = path.resolve('electron/server/cli.ts');

/** The real command line with a chosen data passphrase in its environment (or none). */
function muster(passphrase: string | undefined, ...args: string[]) {
  const env = { ...process.env };
  if (passphrase === undefined) delete env['MUSTER_PASSPHRASE'];
  else env['MUSTER_PASSPHRASE'] = passphrase;
  const run = spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], {
    encoding: 'utf8',
    env,
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const eventArgs = (data: string) => [
  'event',
  'create',
  '--data',
  data,
  '--title',
  'Port of Spain workshop',
  '--city',
  'Port of Spain',
  '--country',
  'TT',
  '--start',
  '2023-11-16',
  '--end',
  '2023-11-17',
  '--time-zone',
  'America/Port_of_Spain',
];

describe('the command line and the data passphrase', () => {
  it('encrypts a new data folder with the passphrase, and opens it again only with that passphrase', () => {
    const data = tempDir();
    const made = muster('Port of Spain admin', ...eventArgs(data));
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    const file = path.join(data, 'muster.sqlite');
    expect(isPlainDatabase(file)).toBe(false);
    expect(readFileSync(file).includes('Port of Spain')).toBe(false);

    const before = readFileSync(file);
    const wrong = muster('Port of Spain guest', 'event', 'list', '--data', data);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/passphrase does not unlock this database/);
    expect(readFileSync(file).equals(before)).toBe(true);

    const missing = muster(undefined, 'event', 'list', '--data', data);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/MUSTER_PASSPHRASE or --data-passphrase-file/);

    const listed = muster('Port of Spain admin', 'event', 'list', '--data', data, '--json');
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.stdout) as { title: string }[]).map((e) => e.title)).toEqual(['Port of Spain workshop']);
  });

  it('never creates a keyring without a passphrase', () => {
    const data = tempDir();
    expect(muster(undefined, ...eventArgs(data)).code).toBe(2);
    expect(() => readFileSync(keyringFile(path.join(data, 'muster.sqlite')))).toThrow(/ENOENT/);
  });

  it('reads the passphrase for serve and hub from --data-passphrase-file', () => {
    const data = tempDir();
    const secret = path.join(tempDir(), 'passphrase.txt');
    writeFileSync(secret, 'from a file only root can read\n');
    expect(muster('from a file only root can read', ...eventArgs(data)).code).toBe(0);
    // A wrong passphrase in the environment is ignored when a file is given; the server must start and stop.
    const hub = spawnSync(
      process.execPath,
      ['--import', 'tsx', cli, 'hub', '--data', data, '--port', '0', '--data-passphrase-file', secret],
      {
        encoding: 'utf8',
        env: { ...process.env, MUSTER_PASSPHRASE: 'wrong', MUSTER_SYNC_PASSPHRASE: 'sync secret' },
        timeout: 8_000,
        killSignal: 'SIGTERM',
      },
    );
    expect(hub.stdout).toMatch(/Muster hub on http:\/\/127\.0\.0\.1:\d+/);
    expect(hub.stderr).not.toMatch(/passphrase/);
  });
});
