import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/core/api/dispatch';
import { ok } from '../helpers';
import { stillSaving, whileSaving } from '../imports/under-way';
import { register } from '../kiosk/people';

const lastAudit = (action: string) => `SELECT max(seq) FROM audit WHERE action = '${action}'`;

describe('an export asked for while an import is saved', () => {
  it('starts at once and reads the roster as it was, and its audit entry follows the import', async () => {
    const { core, eventId, jobId, committing } = await whileSaving(async (at, id) => {
      await register(at, id);
    });
    const exportId = randomUUID();
    const exporting = dispatch(core.ctx, 'export.run', { jobId: exportId, eventId, format: 'csv' });
    // Started, not held back behind the save: its job is there to follow while the import is still being saved.
    expect(await ok(core, 'export.status', { jobId: exportId })).toMatchObject({ jobId: exportId });
    expect(await stillSaving(core, jobId)).toBe(true);
    const made = await exporting;
    expect(made).toMatchObject({ ok: true, value: { rows: 1, mediaType: 'text/csv; charset=utf-8' } });
    const csv = made.ok ? Buffer.from((made.value as { data: string }).data, 'base64').toString('utf8') : '';
    expect(csv).toContain('Otieno');
    expect((await committing).ok).toBe(true);
    // The file handed out has its entry committed, after the import's own.
    const seq = (action: string) => core.ctx.db.prepare(lastAudit(action)).pluck().get() as number | null;
    expect(seq('export.run')).toBeGreaterThan(seq('import.commit') ?? Infinity);
  }, 60_000);

  it('makes the badges of an event that has no badge key yet once the save is done', async () => {
    let registrationId = '';
    const { core, eventId, committing } = await whileSaving(async (at, id) => {
      registrationId = (await register(at, id)).registration.id;
      // An event made before its key came with it (an older version's) gets it on its first badges.
      at.ctx.db.prepare('DELETE FROM badge_keys WHERE id = ?').run(id);
    });
    const made = await dispatch(core.ctx, 'export.run', {
      jobId: randomUUID(),
      eventId,
      format: 'badges-pdf',
      registrationIds: [registrationId],
    });
    expect(made).toMatchObject({ ok: true, value: { rows: 1, mediaType: 'application/pdf' } });
    expect((await committing).ok).toBe(true);
    expect(core.ctx.db.prepare('SELECT count(*) FROM badge_keys WHERE id = ?').pluck().get(eventId)).toBe(1);
  }, 60_000);
});
