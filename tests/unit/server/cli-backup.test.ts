import { describe, expect, it } from 'vitest';
import { verifyAudit } from '../../../electron/core/audit/chain';
import { contentDigest } from '../../../electron/core/backups/digest';
import { openData } from '../../../electron/server/commands/common';
import { tempDir } from '../helpers';
import { createEvent, muster } from './muster-cli';

const digestOf = (data: string) => {
  const core = openData(data);
  try {
    return contentDigest(core.ctx.db);
  } finally {
    core.close();
  }
};

const trailOf = (data: string) => {
  const core = openData(data);
  try {
    const actions = core.ctx.db.prepare('SELECT action FROM audit ORDER BY seq').pluck().all() as string[];
    return { actions, verified: verifyAudit(core.ctx.db) };
  } finally {
    core.close();
  }
};

describe('muster backup', () => {
  it('takes a backup, lists it, and restores it with the app closed; what it replaced is backed up too', () => {
    const data = tempDir();
    createEvent(data);
    const made = muster('backup', 'create', '--data', data, '--json');
    expect(made.code).toBe(0);
    const { name, digest } = JSON.parse(made.stdout) as { name: string; digest: string };
    expect(digestOf(data)).toBe(digest);

    createEvent(data);
    expect(digestOf(data)).not.toBe(digest);

    const restored = muster('backup', 'restore', name, '--data', data);
    expect(restored.stderr).toBe('');
    expect(restored.stdout).toContain(`Restored ${name}`);
    expect(digestOf(data)).toBe(digest);
    const events = JSON.parse(muster('event', 'list', '--data', data, '--json').stdout) as unknown[];
    expect(events).toHaveLength(1);

    const listed = JSON.parse(muster('backup', 'list', '--data', data, '--json').stdout) as { reason: string }[];
    expect(listed.map((b) => b.reason)).toEqual(['before-restore', 'manual']);
    // The trail was not rolled back with the data: the second event's entry is still there, then the restore's.
    const { actions, verified } = trailOf(data);
    expect(actions).toEqual(['event.create', 'backup.create', 'event.create', 'backup.create', 'backup.restore']);
    expect(verified).toMatchObject({ intact: true, restarts: [] });
    // Eleven opens of an encrypted data folder, each unlocking its key with scrypt (README, "Encryption at rest").
  }, 120_000);

  it('says what is wrong with a call, and names a backup that is not there', () => {
    const data = tempDir();
    expect(muster('backup', '--data', data).code).toBe(2);
    expect(muster('backup', 'restore', '--data', data).code).toBe(2);
    const missing = muster('backup', 'restore', 'muster-2020-01-01T00-00-00-000Z-manual.sqlite', '--data', data);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Backup muster-2020-01-01T00-00-00-000Z-manual\.sqlite was not found/);
  });
});
