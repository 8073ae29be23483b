import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/core/api/dispatch';
import { verifyBadge } from '../../../electron/core/badges/verify';
import { stillSaving, whileSaving } from '../imports/under-way';
import { register } from '../kiosk/people';

describe('a badge asked for while an import is saved', () => {
  it('answers the first badge of an event (whose signing key is made then) once the save is done, not a conflict', async () => {
    let registrationId = '';
    const { core, eventId, jobId, committing } = await whileSaving(async (at, id) => {
      registrationId = (await register(at, id)).registration.id;
      // An event made before its key came with it (an older version's, or received from one) gets it on first use.
      at.ctx.db.prepare('DELETE FROM badge_keys WHERE id = ?').run(id);
    });
    const keys = () => core.ctx.db.prepare('SELECT count(*) FROM badge_keys').pluck().get();
    expect(keys()).toBe(0);
    expect(await stillSaving(core, jobId)).toBe(true);
    const asked = await dispatch(core.ctx, 'badge.token', { registrationId });
    // It waited for the import: by the time it answered, the import was on disk.
    expect((await committing).ok).toBe(true);
    expect(asked).toMatchObject({ ok: true, value: { registrationId, issue: 1 } });
    const token = asked.ok ? (asked.value as { token: string }).token : '';
    expect(keys()).toBe(1);
    // The token is signed with the key now on record: a kiosk scanning it finds the person.
    expect(verifyBadge(core.ctx.db, eventId, token).id).toBe(registrationId);
  }, 60_000);
});
