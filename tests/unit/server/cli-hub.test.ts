import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers';
import { createEvent, muster } from './muster-cli';

const cli = path.resolve('electron/server/cli.ts');
const passphrase = 'kiosks of the Nairobi workshop';
const env = { ...process.env, MUSTER_SYNC_PASSPHRASE: passphrase };
const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

/** Starts `muster hub` on a free port and answers its URL once it listens. */
function startHub(data: string): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'hub', '--data', data, '--port', '0'], { env });
  stops.push(() => child.kill('SIGTERM'));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /Muster hub on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve(url);
    });
    child.on('exit', (code) => reject(new Error(`muster hub exited with ${code}`)));
  });
}

function syncHub(data: string, url: string, eventId: string) {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', cli, 'sync', 'hub', '--url', url, '--event', eventId, '--data', data, '--json'],
    { encoding: 'utf8', env, timeout: 60_000 },
  );
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('muster hub', () => {
  it('is started by a command, and two kiosks sync through it with muster sync hub', async () => {
    const work = tempDir();
    const url = await startHub(path.join(work, 'hub'));
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const kiosk1 = path.join(work, 'kiosk1');
    const kiosk2 = path.join(work, 'kiosk2');
    const { eventId } = createEvent(kiosk1);
    const up = syncHub(kiosk1, url, eventId);
    expect(up.code, up.stderr).toBe(0);
    expect(JSON.parse(up.stdout)).toMatchObject({ identical: true });
    const down = syncHub(kiosk2, url, eventId);
    expect(down.code, down.stderr).toBe(0);
    expect(JSON.parse(down.stdout).pulled.applied).toBeGreaterThan(0);
    const status1 = JSON.parse(muster('sync', 'status', '--data', kiosk1, '--event', eventId, '--json').stdout);
    const status2 = JSON.parse(muster('sync', 'status', '--data', kiosk2, '--event', eventId, '--json').stdout);
    expect(status2.digest).toBe(status1.digest);
  }, 120_000);

  it('says clearly when the hub does not answer', () => {
    const data = tempDir();
    const { eventId } = createEvent(data);
    const run = syncHub(data, 'http://127.0.0.1:9', eventId);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/hub does not answer/);
  }, 60_000);
});
