import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { newSession, sessionCaller } from '../../../electron/core/access/session';
import { dispatch } from '../../../electron/core/api/dispatch';
import type { Handlers } from '../../../electron/core/api/handler';
import type { Core } from '../../../electron/core/context';
import { handlers } from '../../../electron/core/handlers';
import { exportBundle } from '../../../electron/core/sync/sync';
import { nairobi, ok, refused, tempCore } from '../helpers';
import { kioskEvent, register } from '../kiosk/people';

const passphrase = 'kiosks of the Nairobi workshop';

function entries(core: Core, action: string) {
  return core.ctx.db.prepare('SELECT ids, counts, actor FROM audit WHERE action = ? ORDER BY seq').all(action) as {
    ids: string;
    counts: string;
    actor: string;
  }[];
}

const count = (core: Core, sql: string) => core.ctx.db.prepare(sql).pluck().get() as number;

/** A bundle of three new people from a peer kiosk, and a kiosk that has never seen the event. */
async function bundleOfThree() {
  const peer = tempCore();
  const event = await ok(peer, 'event.create', nairobi);
  for (const family of ['Kamau', 'Achieng', 'Hassan']) await register(peer, event.id, { familyName: family });
  const bundle = await exportBundle(peer.ctx, { eventId: event.id, passphrase });
  return { data: bundle.bytes.toString('base64'), receiver: tempCore() };
}

/** The real handler, then a fault once it has committed: what a kill or a crash right after the commit leaves. */
function failingAfter<M extends keyof Handlers>(method: M): Handlers {
  const real = handlers[method] as (...args: unknown[]) => Promise<unknown>;
  return {
    ...handlers,
    [method]: async (...args: unknown[]) => {
      await real(...args);
      throw new Error('the process died right after the commit');
    },
  };
}

/** A disk that refuses the audit entry (and only it): as if it filled up just as the entry was written. */
function refuseEntries(core: Core): void {
  core.ctx.db.exec(
    "CREATE TEMP TRIGGER refuse_entries BEFORE INSERT ON main.audit BEGIN SELECT RAISE(ABORT, 'no room for the entry'); END",
  );
}

describe("a task's audit entry", () => {
  // The faults below are logged by dispatch for the operator; the answers are what these tests read.
  beforeEach(() => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });

  it('is committed with the merge and the erasure it records, so a crash right after still finds it', async () => {
    const { data, receiver } = await bundleOfThree();
    const merged = await dispatch(
      receiver.ctx,
      'sync.import',
      { data, passphrase },
      undefined,
      failingAfter('sync.import'),
    );
    expect(merged.ok).toBe(false);
    expect(count(receiver, 'SELECT count(*) FROM participants')).toBe(3);
    const [merge] = entries(receiver, 'sync.import');
    expect(merge).toBeDefined();
    // What the commit wrote is counted in the entry (applied changes), with no names.
    expect((JSON.parse(merge!.counts) as Record<string, number>).applied).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(merge)).not.toContain('Kamau');

    const participantId = count(receiver, 'SELECT id FROM participants ORDER BY seq LIMIT 1') as unknown as string;
    const erased = await dispatch(
      receiver.ctx,
      'person.erase',
      { participantId },
      undefined,
      failingAfter('person.erase'),
    );
    expect(erased.ok).toBe(false);
    expect(count(receiver, 'SELECT count(*) FROM participants WHERE erased_at IS NOT NULL')).toBe(1);
    expect(entries(receiver, 'person.erase').map((e) => JSON.parse(e.ids) as Record<string, string>)).toEqual([
      expect.objectContaining({ participantId }),
    ]);
  });

  it('is refused with the work it records: no merge, erasure, member or kiosk without its entry', async () => {
    const { data, receiver } = await bundleOfThree();
    const event = await ok(receiver, 'event.create', { ...nairobi, title: 'Second workshop' });
    const { participant } = await register(receiver, event.id);
    const before = count(receiver, 'SELECT count(*) FROM changes');
    refuseEntries(receiver);

    await refused(receiver, 'sync.import', { data, passphrase });
    await refused(receiver, 'person.erase', { participantId: participant.id });
    await refused(receiver, 'access.addMember', { name: 'Grace Mwangi', role: 'staff', secret: '135790' });
    await refused(receiver, 'kiosk.enter', { sessionId: event.sessions[0]!.id, pin: '2468' });
    expect(count(receiver, 'SELECT count(*) FROM changes')).toBe(before);
    expect(count(receiver, 'SELECT count(*) FROM participants')).toBe(1);
    expect(count(receiver, 'SELECT count(*) FROM participants WHERE erased_at IS NOT NULL')).toBe(0);
    expect(count(receiver, 'SELECT count(*) FROM staff_members')).toBe(0);
  });

  it('signs no one in as a first administrator whose entry, and so whose record, was refused', async () => {
    const core = tempCore();
    refuseEntries(core);
    const session = newSession();
    const setup = await dispatch(
      core.ctx,
      'access.setup',
      { name: 'Amina Wanjiru', passphrase: 'a long passphrase' },
      sessionCaller(session),
    );
    expect(setup.ok).toBe(false);
    expect(count(core, 'SELECT count(*) FROM staff_members')).toBe(0);
    expect(session.member).toBeNull();
  });

  it('hands out no export whose entry could not be written', async () => {
    const core = tempCore();
    const event = await ok(core, 'event.create', nairobi);
    await register(core, event.id);
    refuseEntries(core);
    const result = await dispatch(core.ctx, 'export.run', { jobId: randomUUID(), eventId: event.id, format: 'csv' });
    // The file's bytes never leave the core, so neither the screen nor `muster export` can write the file.
    expect(result).toMatchObject({ ok: false });
    expect(JSON.stringify(result)).not.toContain('Otieno');
  });

  it('is not written for a wrong kiosk PIN, whose count is committed before the refusal', async () => {
    const core = tempCore();
    await kioskEvent(core);
    expect(await refused(core, 'kiosk.leave', { pin: '1111' })).toMatchObject({ code: 'forbidden' });
    expect(entries(core, 'kiosk.leave')).toEqual([]);
    expect(entries(core, 'kiosk.leave.refused')).toHaveLength(1);
    await ok(core, 'kiosk.leave', { pin: '2468' });
    expect(entries(core, 'kiosk.leave')).toHaveLength(1);
  });

  it('belongs to its own task when two run side by side', async () => {
    const core = tempCore();
    // Both hash their secret off the main thread, so their commits interleave with each other's awaits.
    const [grace, hamid] = await Promise.all([
      ok(core, 'access.addMember', { name: 'Grace Mwangi', role: 'staff', secret: '135790' }),
      ok(core, 'access.addMember', { name: 'Hamid Karimov', role: 'staff', secret: '246801' }),
    ]);
    const recorded = entries(core, 'access.addMember').map(
      (e) => (JSON.parse(e.ids) as Record<string, string>)['result.id'],
    );
    expect(recorded.sort()).toEqual([grace.id, hamid.id].sort());
  });
});
