import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers';
import { createEvent, muster } from './muster-cli';

const cli = path.resolve('electron/server/cli.ts');

/** The command line with the passphrase in the environment, as a script on a kiosk would run it. */
function withEnv(passphrase: string, ...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, MUSTER_SYNC_PASSPHRASE: passphrase },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('muster sync', () => {
  it('exports a bundle with a passphrase file, imports it elsewhere, and both report the same digest', () => {
    const work = tempDir();
    const kiosk = path.join(work, 'kiosk');
    const hq = path.join(work, 'hq');
    const secret = path.join(work, 'passphrase.txt');
    writeFileSync(secret, 'kiosks of the Nairobi workshop\n');
    const { eventId, day1 } = createEvent(kiosk);
    const added = muster(
      'participant',
      'add',
      '--data',
      kiosk,
      '--json',
      '--event',
      eventId,
      '--family',
      'Otieno',
      '--given',
      'Amina',
      '--gender',
      'female',
      '--country',
      'KE',
      '--organisation',
      'NPS',
      '--org-type',
      'law_enforcement',
      '--category',
      'partner_state_delegate',
      '--check-in',
      day1,
    );
    expect(added.code, added.stderr).toBe(0);

    const bundle = path.join(work, 'kiosk.mustersync');
    const exported = muster(
      'sync',
      'export',
      '--data',
      kiosk,
      '--event',
      eventId,
      '--out',
      bundle,
      '--passphrase-file',
      secret,
      '--json',
    );
    expect(exported.code, exported.stderr).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({ file: bundle });
    expect(readFileSync(bundle).subarray(0, 8).toString()).toBe('MUSTSYNC');

    const imported = withEnv('kiosks of the Nairobi workshop', 'sync', 'import', bundle, '--data', hq, '--json');
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ eventId, duplicates: 0 });

    const statusFile = path.join(work, 'hq-status.json');
    const hqStatus = muster('sync', 'status', '--data', hq, '--event', eventId, '--json');
    writeFileSync(statusFile, hqStatus.stdout);
    const kioskStatus = muster('sync', 'status', '--data', kiosk, '--event', eventId, '--json');
    expect(JSON.parse(hqStatus.stdout).digest).toBe(JSON.parse(kioskStatus.stdout).digest);

    // Nothing new since headquarters' vector: an empty bundle.
    const delta = path.join(work, 'delta.mustersync');
    const since = muster(
      'sync',
      'export',
      '--data',
      kiosk,
      '--event',
      eventId,
      '--out',
      delta,
      '--passphrase-file',
      secret,
      '--since',
      statusFile,
      '--json',
    );
    expect(since.code, since.stderr).toBe(0);
    expect(JSON.parse(since.stdout).changes).toBe(0);

    const wrong = withEnv('another passphrase entirely', 'sync', 'import', bundle, '--data', hq);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/passphrase does not open/);
  }, 120_000);

  it('never takes the passphrase as an argument, and says where to give it', () => {
    const data = tempDir();
    const { eventId } = createEvent(data);
    const argument = muster(
      'sync',
      'export',
      '--data',
      data,
      '--event',
      eventId,
      '--out',
      'x',
      '--passphrase',
      'secret',
    );
    expect(argument.code).toBe(2);
    const env = { ...process.env };
    delete env.MUSTER_SYNC_PASSPHRASE;
    const missing = spawnSync(
      process.execPath,
      ['--import', 'tsx', cli, 'sync', 'export', '--data', data, '--event', eventId, '--out', 'x'],
      {
        encoding: 'utf8',
        env,
      },
    );
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/MUSTER_SYNC_PASSPHRASE/);
  }, 60_000);
});
