import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/core/api/dispatch';
import type { Core } from '../../../electron/core/context';
import { ok } from '../helpers';
import { largePreview, people, startSave } from '../imports/under-way';

/** The change log's position of this device's kiosk row, and of the last person the import added. */
function order(core: Core) {
  const last = (entity: string) =>
    core.ctx.db.prepare('SELECT max(seq) FROM changes WHERE entity = ?').pluck().get(entity) as number;
  return { kiosk: last('kiosk'), imported: last('participant') };
}

describe('kiosk mode while an import is saved', () => {
  it('starts a kiosk whose PIN was being hashed when the save began: it waits for the save, then starts', async () => {
    const { core, eventId, jobId } = await largePreview();
    const session = (await ok(core, 'event.get', { id: eventId })).sessions[0]!;
    const entering = dispatch(core.ctx, 'kiosk.enter', { sessionId: session.id, pin: '2468' });
    // The save takes the store while the PIN is still being hashed.
    const saving = startSave(core, jobId);
    expect(await entering).toMatchObject({ ok: true, value: { active: true, sessionId: session.id } });
    expect(await saving).toMatchObject({ ok: true, value: { counts: { added: people } } });
    const { kiosk, imported } = order(core);
    expect(kiosk).toBeGreaterThan(imported);
  }, 60_000);

  /** A kiosk running on the import's event, and that import previewed. */
  async function kioskBeforePreview() {
    let sessionId = '';
    const preview = await largePreview(async (at, eventId) => {
      sessionId = (await ok(at, 'event.get', { id: eventId })).sessions[0]!.id;
      await ok(at, 'kiosk.enter', { sessionId, pin: '2468' });
    });
    return { ...preview, sessionId };
  }

  it('leaves kiosk mode when a save began while the PIN was checked', async () => {
    const { core, jobId, sessionId } = await kioskBeforePreview();
    const leaving = dispatch(core.ctx, 'kiosk.leave', { pin: '2468' });
    const saving = startSave(core, jobId);
    expect(await leaving).toMatchObject({ ok: true, value: { active: false, sessionId } });
    expect((await saving).ok).toBe(true);
    expect(await ok(core, 'kiosk.state', {})).toEqual({ active: false });
    const { kiosk, imported } = order(core);
    expect(kiosk).toBeGreaterThan(imported);
  }, 60_000);

  it('counts a wrong PIN given as a save began: it is refused as wrong, not as "an import is being saved"', async () => {
    const { core, jobId } = await kioskBeforePreview();
    const guessing = dispatch(core.ctx, 'kiosk.leave', { pin: '1357' });
    const saving = startSave(core, jobId);
    expect(await guessing).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(core.ctx.db.prepare('SELECT failed_attempts FROM kiosks').pluck().get()).toBe(1);
    expect((await saving).ok).toBe(true);
    expect(await ok(core, 'kiosk.state', {})).toMatchObject({ active: true });
  }, 60_000);
});
