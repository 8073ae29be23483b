import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/core/api/dispatch';
import { newSession, sessionCaller } from '../../../electron/core/access/session';
import type { Core } from '../../../electron/core/context';
import { nairobi, ok, refused, tempCore } from '../helpers';
import { person, register } from '../kiosk/people';

function trail(core: Core) {
  return core.ctx.db.prepare('SELECT seq, actor, role, action, ids, counts FROM audit ORDER BY seq').all() as {
    seq: number;
    actor: string;
    role: string;
    action: string;
    ids: string;
    counts: string;
  }[];
}

/** Edits the file as someone with a SQLite shell would: past the app's triggers. */
function tamper(core: Core, sql: string) {
  core.ctx.db.exec('DROP TRIGGER audit_never_changed; DROP TRIGGER audit_never_removed;');
  core.ctx.db.exec(sql);
}

async function someActivity(core: Core) {
  const event = await ok(core, 'event.create', nairobi);
  const { registration } = await register(core, event.id);
  const checkIn = await ok(core, 'checkin.create', {
    id: randomUUID(),
    sessionId: event.sessions[0]!.id,
    registrationId: registration.id,
    method: 'search',
  });
  await ok(core, 'checkin.undo', { id: randomUUID(), recordId: checkIn.id });
  await ok(core, 'export.run', { jobId: randomUUID(), eventId: event.id, format: 'csv' });
  return { event, registration };
}

describe('the audit trail', () => {
  it('records each change with actor, role, device, time and ids, and never a name or an email', async () => {
    const core = tempCore();
    const { event, registration } = await someActivity(core);
    const entries = trail(core);
    expect(entries.map((e) => e.action)).toEqual([
      'event.create',
      'participant.create',
      'checkin.create',
      'checkin.undo',
      'export.run',
    ]);
    expect(new Set(entries.map((e) => `${e.actor}/${e.role}`))).toEqual(new Set(['command-line/admin']));
    expect(JSON.parse(entries[1]!.ids)).toMatchObject({ eventId: event.id });
    expect(Object.values(JSON.parse(entries[1]!.ids) as Record<string, string>)).toContain(registration.id);
    expect(JSON.parse(entries[4]!.counts)).toMatchObject({ rows: 1 });
    const everything = JSON.stringify(core.ctx.db.prepare('SELECT * FROM audit').all());
    for (const personal of [person.givenNames, person.familyName, person.email, person.organisation, nairobi.title]) {
      expect(everything).not.toContain(personal);
    }
    // Reads and refusals change nothing, so they add nothing.
    await ok(core, 'roster.list', { eventId: event.id });
    await refused(core, 'event.create', { ...nairobi, country: 'XX' });
    expect(trail(core)).toHaveLength(entries.length);
  });

  it('rolls an entry back with the change it records', async () => {
    const core = tempCore();
    await ok(core, 'event.create', nairobi);
    await refused(core, 'event.update', { id: randomUUID(), changes: { title: 'Nowhere' } });
    expect(trail(core).map((e) => e.action)).toEqual(['event.create']);
  });

  it('names the kiosk as the actor of a self-service check-in, and a member once they signed in', async () => {
    const core = tempCore();
    const admin = sessionCaller(newSession());
    const setup = await dispatch(
      core.ctx,
      'access.setup',
      { name: 'Amina Wanjiru', passphrase: 'a long passphrase' },
      admin,
    );
    expect(setup.ok).toBe(true);
    const event = await ok(core, 'event.create', nairobi);
    const created = await dispatch(core.ctx, 'event.update', { id: event.id, changes: { venue: 'Room 2' } }, admin);
    expect(created.ok).toBe(true);
    const memberId = core.ctx.db.prepare('SELECT id FROM staff_members').pluck().get() as string;
    const { registration } = await register(core, event.id);
    await ok(core, 'kiosk.enter', { sessionId: event.sessions[0]!.id, pin: '2468' });
    const attendee = sessionCaller(newSession());
    const input = { id: randomUUID(), registrationId: registration.id, method: 'search' };
    expect((await dispatch(core.ctx, 'kiosk.checkIn', input, attendee)).ok).toBe(true);
    const rows = trail(core);
    expect(rows.map((e) => [e.action, e.actor, e.role])).toEqual([
      ['access.setup', memberId, 'admin'],
      ['event.create', 'command-line', 'admin'],
      ['event.update', memberId, 'admin'],
      ['participant.create', 'command-line', 'admin'],
      ['kiosk.enter', 'command-line', 'admin'],
      ['kiosk.checkIn', 'kiosk', 'kiosk'],
    ]);
  });

  it('verifies an untouched chain, and finds the first changed, removed or cut-off entry', async () => {
    const core = tempCore();
    await someActivity(core);
    expect(await ok(core, 'audit.verify', {})).toEqual({ entries: 5, intact: true, firstBroken: null, restarts: [] });

    // The app itself never changes or removes an entry.
    expect(() => core.ctx.db.exec("UPDATE audit SET actor = 'someone-else' WHERE seq = 2")).toThrow(/never changed/);
    expect(() => core.ctx.db.exec('DELETE FROM audit WHERE seq = 2')).toThrow(/never removed/);

    const changed = tempCore();
    await someActivity(changed);
    tamper(changed, "UPDATE audit SET actor = 'someone-else' WHERE seq = 3");
    expect(await ok(changed, 'audit.verify', {})).toMatchObject({
      intact: false,
      firstBroken: { seq: 3, reason: 'changed' },
    });

    const removed = tempCore();
    await someActivity(removed);
    tamper(removed, 'DELETE FROM audit WHERE seq = 2');
    expect(await ok(removed, 'audit.verify', {})).toMatchObject({
      intact: false,
      firstBroken: { seq: 2, reason: 'missing' },
    });

    const cut = tempCore();
    await someActivity(cut);
    tamper(cut, 'DELETE FROM audit WHERE seq >= 4');
    expect(await ok(cut, 'audit.verify', {})).toMatchObject({
      intact: false,
      firstBroken: { seq: 4, reason: 'truncated' },
    });
  });

  it('lists entries newest first with filters, and exports them as CSV', async () => {
    let clock = Date.parse('2026-03-01T09:00:00Z');
    const core = tempCore({ wallClock: () => clock });
    await someActivity(core);
    clock += 2 * 86_400_000;
    await ok(core, 'event.create', { ...nairobi, title: 'Second' });
    const all = await ok(core, 'audit.list', {});
    expect(all.entries.map((e) => e.seq)).toEqual([6, 5, 4, 3, 2, 1]);
    const checkins = await ok(core, 'audit.list', { action: 'checkin' });
    expect(checkins.entries.map((e) => e.action)).toEqual(['checkin.undo', 'checkin.create']);
    const later = await ok(core, 'audit.list', { from: '2026-03-02' });
    expect(later.entries.map((e) => e.seq)).toEqual([6]);
    const firstDay = await ok(core, 'audit.list', { to: '2026-03-01' });
    expect(firstDay.entries).toHaveLength(5);
    expect((await ok(core, 'audit.list', { actor: 'nobody' })).entries).toEqual([]);
    const page = await ok(core, 'audit.list', { limit: 2 });
    expect(page).toMatchObject({ more: true });
    const next = await ok(core, 'audit.list', { limit: 2, beforeSeq: page.entries[1]!.seq });
    expect(next.entries.map((e) => e.seq)).toEqual([4, 3]);

    const file = await ok(core, 'audit.export', { action: 'checkin' });
    const csv = Buffer.from(file.data, 'base64').toString('utf8');
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('seq,at,device,actor,role,action,ids,counts,hash');
    expect(lines.slice(1).map((l) => l.split(',')[5])).toEqual(['checkin.create', 'checkin.undo']);
    expect(file).toMatchObject({ rows: 2, mediaType: 'text/csv' });
    // Exporting the trail is itself recorded.
    expect(trail(core).at(-1)?.action).toBe('audit.export');
  });
});
