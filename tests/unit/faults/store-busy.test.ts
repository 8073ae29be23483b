import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../../electron/core/context';
import { openWriter } from '../../../electron/core/db/driver';
import { generateRoster } from '../../fixtures/roster';
import { encode, previewed, rosterCsv } from '../imports/files';
import { changeCount, nairobi, ok, refused, tempDir } from '../helpers';

/**
 * Another process writing to the same data file (a `muster` command beside the app, or the app beside a command)
 * holds SQLite's one write lock longer than this connection waits for it. A second connection in a transaction
 * stands in for that process: SQLite's locks are the file's, whichever process holds them.
 */
function otherProcessSaving(file: string): { release: () => void } {
  const other = openWriter(file, {});
  other.exec('BEGIN IMMEDIATE');
  return {
    release: () => {
      other.exec('ROLLBACK');
      other.close();
    },
  };
}

describe('a write while another process is saving to the same data file', () => {
  it('is refused as a conflict that says so, saves nothing, and goes through once the other has finished', async () => {
    const file = path.join(tempDir(), 'muster.sqlite');
    const core = openCore(file);
    try {
      await ok(core, 'event.create', nairobi);
      // The wait itself is SQLite's busy timeout (5 s); shortened here, what follows it is what this test is about.
      core.ctx.db.pragma('busy_timeout = 100');
      const before = changeCount(core);
      const saving = otherProcessSaving(file);
      const error = await refused(core, 'event.create', { ...nairobi, title: 'Second workshop' });
      saving.release();
      expect(error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/Another Muster .* saving/) });
      expect(error.message).toMatch(/nothing was saved/);
      expect(changeCount(core)).toBe(before);
      await ok(core, 'event.create', { ...nairobi, title: 'Second workshop' });
      expect((await ok(core, 'event.list', {})).map((e) => e.title).sort()).toEqual([nairobi.title, 'Second workshop']);
    } finally {
      core.close();
    }
  });

  it('refuses an import saved meanwhile the same way, and the same import is saved once the other has finished', async () => {
    const file = path.join(tempDir(), 'muster.sqlite');
    const core = openCore(file);
    try {
      const event = await ok(core, 'event.create', nairobi);
      const jobId = randomUUID();
      await previewed(core, event.id, encode(rosterCsv(generateRoster(20, 3)), 'utf-8'), { jobId });
      const before = changeCount(core);
      const saving = otherProcessSaving(file);
      // The import's own connection, on its worker, waits the full busy timeout.
      const error = await refused(core, 'import.commit', { jobId, onDuplicate: 'add' }).finally(saving.release);
      expect(error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/Another Muster .* saving/) });
      expect(changeCount(core)).toBe(before);
      expect((await ok(core, 'import.status', { jobId })).phase).toBe('ready');
      expect((await ok(core, 'import.commit', { jobId, onDuplicate: 'add' })).counts.added).toBe(20);
    } finally {
      core.close();
    }
  }, 30_000);
});
