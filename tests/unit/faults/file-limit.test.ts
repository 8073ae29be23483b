import { execFileSync, spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../../electron/core/context';
import { root } from '../../fixtures/kill';
import { generateRoster, loadRoster } from '../../fixtures/roster';
import { nairobi, ok, tempDir } from '../helpers';

const hasPrlimit = (() => {
  try {
    execFileSync('prlimit', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const size = (file: string) => (existsSync(file) ? statSync(file).size : 0);

/**
 * A write the system refuses without the disk being full: the desk process may not grow a file past a limit
 * (RLIMIT_FSIZE, as a quota or a failing USB stick would refuse it). No root needed, unlike the tmpfs test.
 */
describe.skipIf(!hasPrlimit)('a write refused by the system (file size limit)', () => {
  it('is a typed error, confirms nothing, and the same process checks in again once the limit is lifted', async () => {
    const file = path.join(tempDir(), 'muster.sqlite');
    const setup = openCore(file);
    const event = await ok(setup, 'event.create', nairobi);
    loadRoster(setup.ctx, event.id, generateRoster(400, 11));
    setup.close();
    const sessionId = event.sessions[0]!.id;

    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'tests/fixtures/starved-worker.ts', file, event.id, sessionId],
      { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] },
    );
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.on('close', (code, signal) => resolve({ code, signal })),
    );
    const acked: string[] = [];
    const refusals: { id: string; code: string; message: string }[] = [];
    let lifted = false;
    for await (const line of createInterface({ input: child.stdout })) {
      if (line === 'ready') {
        // Past the store's present size, so the next pages this desk appends are refused.
        const limit = Math.max(size(file), size(`${file}-wal`)) + 16 * 1024;
        execFileSync('prlimit', ['--pid', String(child.pid), `--fsize=${limit}:unlimited`]);
      } else if (line.startsWith('ack ')) {
        acked.push(line.slice(4));
      } else if (line.startsWith('refused ')) {
        const [, id, code, ...message] = line.split(' ');
        refusals.push({ id: id!, code: code!, message: message.join(' ') });
        if (lifted) {
          child.stdin.end('stop\n');
          continue;
        }
        execFileSync('prlimit', ['--pid', String(child.pid), '--fsize=unlimited:unlimited']);
        lifted = true;
        child.stdin.write('retry\n');
      }
    }
    // The process was not killed by SIGXFSZ: it ended by itself, having checked everyone in.
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(refusals).toHaveLength(1);
    const [refusal] = refusals;
    expect(['storage_full', 'storage_failed']).toContain(refusal!.code);
    expect(refusal!.message).toMatch(/nothing was saved/);

    const core = openCore(file);
    const { db } = core.ctx;
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const stored = db.prepare('SELECT id FROM checkins').pluck().all() as string[];
    expect(stored.sort()).toEqual([...acked].sort());
    expect(stored).not.toContain(refusal!.id);
    expect(acked.length).toBeGreaterThan(100);
    core.close();
  }, 120_000);
});
