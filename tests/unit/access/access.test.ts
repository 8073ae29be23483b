import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { contract, methodNames, type Input, type MethodName } from '../../../electron/core/api/contract';
import { dispatch } from '../../../electron/core/api/dispatch';
import type { ApiError } from '../../../electron/core/api/errors';
import { methodAccess } from '../../../electron/core/access/roles';
import { newSession, sessionCaller, type Caller } from '../../../electron/core/access/session';
import { openCore, type Core } from '../../../electron/core/context';
import { nairobi, ok, tempCore } from '../helpers';
import { kioskEvent } from '../kiosk/people';
import { largePreview, startSave } from '../imports/under-way';

const passphrase = 'correct horse battery staple';
const walkIn = {
  familyName: 'Otieno',
  gender: 'female',
  country: 'KE',
  organisation: 'National Police Service',
  organisationType: 'law_enforcement',
  category: 'partner_state_delegate',
  status: 'walk_in',
} as const;

/** A window or a browser: its own session, signed out until it signs in. */
function browser(): Caller {
  return sessionCaller(newSession());
}

async function as<M extends MethodName>(core: Core, caller: Caller, method: M, input: Input<M>) {
  const result = await dispatch(core.ctx, method, input, caller);
  if (!result.ok) throw new Error(`${method} failed: ${JSON.stringify(result.error)}`);
  return result.value as z.output<(typeof contract)[M]['output']>;
}

async function refusedAs(core: Core, caller: Caller, method: string, input: unknown): Promise<ApiError> {
  const result = await dispatch(core.ctx, method, input, caller);
  if (result.ok) throw new Error(`${method} was expected to fail but returned ${JSON.stringify(result.value)}`);
  return result.error;
}

/** A device with an administrator (signed in on `admin`) and a staff member, Joseph, PIN 2468. */
async function staffedDevice(core: Core) {
  const admin = browser();
  const set = await as(core, admin, 'access.setup', { name: 'Amina Wanjiru', passphrase });
  const staff = await as(core, admin, 'access.addMember', { role: 'staff', name: 'Joseph Kamau', secret: '2468' });
  return { admin, adminId: set.caller!.id, staffId: staff.id };
}

describe('who may call what', () => {
  it('classifies every contract method, and nothing that is not one', () => {
    expect(Object.keys(methodAccess).sort()).toEqual([...methodNames].sort());
    for (const method of methodNames) expect(['anyone', 'kiosk', 'staff', 'admin']).toContain(methodAccess[method]);
    expect(Object.keys(contract).length).toBe(methodNames.length);
  });

  it('refuses a signed-out browser every staff and admin method with signed_out, before reading its input', async () => {
    const core = tempCore();
    const stranger = browser();
    for (const method of methodNames.filter((m) => ['staff', 'admin'].includes(methodAccess[m]))) {
      // Garbage input: the refusal must come before validation, so it says nothing about what the method takes.
      expect((await refusedAs(core, stranger, method, { nonsense: true })).code, method).toBe('signed_out');
    }
    expect(await as(core, stranger, 'system.ping', {})).toEqual({ ok: true });
  });

  it('lets staff work the desk but refuses them every admin method with forbidden', async () => {
    const core = tempCore();
    const { staffId } = await staffedDevice(core);
    const event = await ok(core, 'event.create', nairobi);
    const staff = browser();
    await as(core, staff, 'access.signIn', { memberId: staffId, secret: '2468' });
    expect((await as(core, staff, 'event.list', {})).map((e) => e.id)).toEqual([event.id]);
    for (const method of methodNames.filter((m) => methodAccess[m] === 'admin')) {
      expect((await refusedAs(core, staff, method, {})).code, method).toBe('forbidden');
    }
    // Nothing an admin method would have written was written.
    const exportCount = core.ctx.db.prepare("SELECT count(*) FROM audit WHERE action LIKE 'export.%'").pluck().get();
    expect(exportCount).toBe(0);
  });

  it('asks for the administrator passphrase once, then refuses a second setup', async () => {
    const core = tempCore();
    const first = browser();
    expect((await as(core, first, 'access.status', {})).setUp).toBe(false);
    expect((await refusedAs(core, first, 'access.setup', { name: 'A', passphrase: 'short' })).code).toBe(
      'invalid_input',
    );
    const status = await as(core, first, 'access.setup', { name: 'Amina Wanjiru', passphrase });
    expect(status).toMatchObject({ setUp: true, caller: { name: 'Amina Wanjiru', role: 'admin', locked: false } });
    const second = browser();
    expect((await refusedAs(core, second, 'access.setup', { name: 'Mallory', passphrase })).code).toBe('conflict');
    expect((await as(core, second, 'access.status', {})).caller).toBeNull();
    // Only a hash is stored, never the passphrase.
    const stored = core.ctx.db.prepare('SELECT secret_hash FROM staff_members').pluck().get() as string;
    expect(stored).toMatch(/^scrypt\$/);
    expect(stored).not.toContain(passphrase);
  });

  it('refuses wrong PINs, then makes the next attempts wait, even across a restart', async () => {
    let clock = Date.parse('2026-03-01T09:00:00Z');
    const core = tempCore({ wallClock: () => clock });
    const { staffId } = await staffedDevice(core);
    const guesser = browser();
    for (let i = 0; i < 4; i++) {
      const error = await refusedAs(core, guesser, 'access.signIn', { memberId: staffId, secret: `000${i}` });
      expect(error.code).toBe('forbidden');
    }
    const fifth = await refusedAs(core, guesser, 'access.signIn', { memberId: staffId, secret: '0004' });
    expect(fifth).toMatchObject({ code: 'forbidden', details: { retryAfterSeconds: 30 } });
    // Even the right PIN waits its turn, and a restart does not forget the wait.
    core.close();
    const reopened = openCore(core.file, { wallClock: () => clock });
    try {
      const right = await refusedAs(reopened, guesser, 'access.signIn', { memberId: staffId, secret: '2468' });
      expect(right).toMatchObject({ code: 'rate_limited', details: { retryAfterSeconds: 30 } });
      expect((await as(reopened, guesser, 'access.status', {})).caller).toBeNull();
      clock += 31_000;
      await as(reopened, guesser, 'access.signIn', { memberId: staffId, secret: '2468' });
      expect((await as(reopened, guesser, 'access.status', {})).caller).toMatchObject({ id: staffId, role: 'staff' });
      // Every refused attempt is in the audit trail, against the member, without the guesses.
      const refusals = reopened.ctx.db
        .prepare("SELECT ids FROM audit WHERE action = 'access.signIn.refused'")
        .pluck()
        .all() as string[];
      expect(refusals).toHaveLength(5);
      expect(refusals.join()).not.toMatch(/000\d/);
    } finally {
      reopened.close();
    }
  });
  it('counts a burst of guesses sent side by side like guesses sent one by one: the right PIN among them waits', async () => {
    const core = tempCore();
    const { staffId } = await staffedDevice(core);
    // Thirty scripted guesses at once, the right PIN last: each passes the first look before any is counted.
    const guesses = Array.from({ length: 30 }, (_, i) =>
      dispatch(core.ctx, 'access.signIn', { memberId: staffId, secret: String(1000 + i) }, browser()),
    );
    const right = browser();
    const results = await Promise.all([
      ...guesses,
      dispatch(core.ctx, 'access.signIn', { memberId: staffId, secret: '2468' }, right),
    ]);
    const codes = results.map((r) => (r.ok ? 'ok' : r.error.code));
    expect(codes.filter((c) => c === 'forbidden')).toHaveLength(5);
    expect(codes.filter((c) => c === 'rate_limited')).toHaveLength(26);
    expect((await as(core, right, 'access.status', {})).caller).toBeNull();
    const failures = core.ctx.db.prepare('SELECT failed_attempts, locked_until FROM staff_members WHERE id = ?');
    expect(failures.get(staffId)).toMatchObject({ failed_attempts: 5, locked_until: expect.any(String) });
  }, 60_000);

  it('signs out every session made with a secret an administrator replaced, but not the administrator’s own', async () => {
    const core = tempCore();
    const { admin, adminId, staffId } = await staffedDevice(core);
    const leaked = browser();
    await as(core, leaked, 'access.signIn', { memberId: staffId, secret: '2468' });
    await as(core, admin, 'access.setSecret', { memberId: staffId, secret: '9753' });
    expect((await refusedAs(core, leaked, 'event.list', {})).code).toBe('signed_out');
    expect((await refusedAs(core, leaked, 'access.signIn', { memberId: staffId, secret: '2468' })).code).toBe(
      'forbidden',
    );
    // An administrator changing their own passphrase stays signed in here, and only here.
    const elsewhere = browser();
    await as(core, elsewhere, 'access.signIn', { memberId: adminId, secret: passphrase });
    await as(core, admin, 'access.setSecret', { memberId: adminId, secret: 'a brand new passphrase' });
    expect(await as(core, admin, 'event.list', {})).toEqual([]);
    expect((await refusedAs(core, elsewhere, 'event.list', {})).code).toBe('signed_out');
  });

  it('records a kiosk running in a member’s window as the kiosk, and does not keep their staff side open', async () => {
    let clock = Date.parse('2026-03-01T09:00:00Z');
    const core = tempCore({ wallClock: () => clock });
    const { admin } = await staffedDevice(core);
    const { event, session } = await kioskEvent(core);
    await ok(core, 'kiosk.leave', { pin: '2468' });
    const people = [];
    for (const name of ['Achieng', 'Baraka', 'Chebet'])
      people.push(await ok(core, 'participant.create', { ...walkIn, eventId: event.id, givenNames: name }));
    // The administrator starts the kiosk in their own window (the default 5 idle minutes), then walks away.
    await as(core, admin, 'kiosk.enter', { sessionId: session.id, pin: '1357' });
    for (const { registration } of people) {
      clock += 3 * 60_000;
      const input = { id: crypto.randomUUID(), registrationId: registration.id, method: 'search' as const };
      await as(core, admin, 'kiosk.checkIn', input);
      // In browser mode an attendee can reach the API behind the kiosk page, with the member's cookie.
      await as(core, admin, 'access.touch', {});
    }
    await as(core, admin, 'kiosk.leave', { pin: '1357' });
    // Nine minutes of attendees checking themselves in: whoever knows the kiosk PIN finds the staff side locked.
    expect((await refusedAs(core, admin, 'export.run', {})).code).toBe('locked');
    const trail = core.ctx.db.prepare('SELECT action, actor, role FROM audit WHERE seq > ? ORDER BY seq');
    const enterSeq = core.ctx.db.prepare("SELECT max(seq) FROM audit WHERE action = 'kiosk.enter'").pluck().get();
    expect(trail.all(enterSeq)).toEqual([
      ...people.map(() => ({ action: 'kiosk.checkIn', actor: 'kiosk', role: 'kiosk' })),
      { action: 'kiosk.leave', actor: 'kiosk', role: 'kiosk' },
    ]);
  });

  it('locks the staff side after the idle minutes, and opens it again with the PIN only', async () => {
    let clock = Date.parse('2026-03-01T09:00:00Z');
    const core = tempCore({ wallClock: () => clock });
    const { admin, staffId } = await staffedDevice(core);
    await as(core, admin, 'access.setIdle', { minutes: 2 });
    await ok(core, 'event.create', nairobi);
    const staff = browser();
    await as(core, staff, 'access.signIn', { memberId: staffId, secret: '2468' });
    clock += 90_000;
    await as(core, staff, 'event.list', {});
    // A screen that polls does not keep the desk open: two minutes after sign-in it is locked.
    clock += 31_000;
    expect((await refusedAs(core, staff, 'event.list', {})).code).toBe('locked');
    expect((await as(core, staff, 'access.status', {})).caller).toMatchObject({ id: staffId, locked: true });
    expect((await refusedAs(core, staff, 'access.unlock', { secret: '1111' })).code).toBe('forbidden');
    expect((await refusedAs(core, staff, 'event.list', {})).code).toBe('locked');
    await as(core, staff, 'access.unlock', { secret: '2468' });
    // A key press (access.touch from the screen) does keep it open.
    clock += 100_000;
    expect((await as(core, staff, 'access.touch', {})).locked).toBe(false);
    clock += 100_000;
    expect(await as(core, staff, 'event.list', {})).toHaveLength(1);
  });

  it('closes the staff side to everyone while the device is a kiosk, until kiosk.leave with its PIN', async () => {
    const core = tempCore();
    const { admin } = await staffedDevice(core);
    await kioskEvent(core);
    const error = await refusedAs(core, admin, 'roster.list', {});
    expect(error.code).toBe('forbidden');
    expect((await refusedAs(core, admin, 'export.run', {})).code).toBe('forbidden');
    // The attendee flow and leaving stay open to anyone at the kiosk.
    const attendee = browser();
    expect((await as(core, attendee, 'kiosk.state', {})).active).toBe(true);
    expect((await as(core, attendee, 'access.status', {})).members).toEqual([]);
    await as(core, attendee, 'kiosk.leave', { pin: '2468' });
    expect(await as(core, admin, 'event.list', {})).toHaveLength(1);
  });

  it('signs out a removed member at their next call, and never removes the last administrator', async () => {
    const core = tempCore();
    const { admin, adminId, staffId } = await staffedDevice(core);
    const staff = browser();
    await as(core, staff, 'access.signIn', { memberId: staffId, secret: '2468' });
    await as(core, admin, 'access.removeMember', { memberId: staffId });
    expect((await refusedAs(core, staff, 'event.list', {})).code).toBe('signed_out');
    expect((await refusedAs(core, staff, 'access.signIn', { memberId: staffId, secret: '2468' })).code).toBe(
      'forbidden',
    );
    expect((await refusedAs(core, admin, 'access.removeMember', { memberId: adminId })).code).toBe('conflict');
    // A PIN for staff, a passphrase for administrators.
    const other = await as(core, admin, 'access.addMember', { role: 'admin', name: 'Dilnoza', secret: passphrase });
    expect((await refusedAs(core, admin, 'access.setSecret', { memberId: other.id, secret: '2468' })).code).toBe(
      'invalid_input',
    );
    expect(
      (await refusedAs(core, admin, 'access.addMember', { role: 'staff', name: 'dilnoza', secret: '2468' })).code,
    ).toBe('conflict');
  });
});

describe('who may use the device, through a restore', () => {
  it('keeps this device’s members: no one removed since comes back, no replaced secret works again', async () => {
    const core = tempCore();
    // The start-up backup of a new device, taken before anyone set it up.
    const empty = await ok(core, 'backup.create', {});
    const { admin, adminId, staffId } = await staffedDevice(core);
    const leaver = await as(core, admin, 'access.addMember', { role: 'staff', name: 'Grace Njeri', secret: '1357' });
    const withStaff = await ok(core, 'backup.create', {});
    await as(core, admin, 'access.removeMember', { memberId: leaver.id });
    await as(core, admin, 'access.setSecret', { memberId: staffId, secret: '9753' });

    await as(core, admin, 'backup.restore', { name: withStaff.name });
    expect((await refusedAs(core, browser(), 'access.signIn', { memberId: leaver.id, secret: '1357' })).code).toBe(
      'forbidden',
    );
    expect((await refusedAs(core, browser(), 'access.signIn', { memberId: staffId, secret: '2468' })).code).toBe(
      'forbidden',
    );
    await as(core, browser(), 'access.signIn', { memberId: staffId, secret: '9753' });

    // A backup from before the first administrator: the device stays set up, and its administrator signed in.
    await as(core, admin, 'backup.restore', { name: empty.name });
    const status = await as(core, browser(), 'access.status', {});
    expect(status.setUp).toBe(true);
    expect((await refusedAs(core, browser(), 'access.setup', { name: 'Mallory', passphrase })).code).toBe('conflict');
    expect((await as(core, admin, 'access.status', {})).caller?.id).toBe(adminId);
    expect((await as(core, admin, 'access.members', {})).map((m) => [m.name, m.removed])).toEqual([
      ['Amina Wanjiru', false],
      ['Joseph Kamau', false],
      ['Grace Njeri', true],
    ]);
  }, 60_000);

  it('leaves the device a kiosk only if it was one: a backup taken while the kiosk ran does not shut the desk', async () => {
    const core = tempCore();
    const { admin } = await staffedDevice(core);
    const { event, session } = await kioskEvent(core);
    // Most of a workshop day's backups are taken while the kiosk runs, under that day's PIN.
    const duringKiosk = await ok(core, 'backup.create', {});
    await ok(core, 'kiosk.leave', { pin: '2468' });
    await as(core, admin, 'backup.restore', { name: duringKiosk.name });
    expect((await as(core, browser(), 'kiosk.state', {})).active).toBe(false);
    expect((await as(core, admin, 'event.list', {})).map((e) => e.id)).toEqual([event.id]);

    // The other way round (the command line restores while the app is closed): still the kiosk it was.
    const notKiosk = await ok(core, 'backup.create', {});
    await ok(core, 'kiosk.enter', { sessionId: session.id, pin: '8642' });
    await ok(core, 'backup.restore', { name: notKiosk.name });
    expect((await as(core, browser(), 'kiosk.state', {})).active).toBe(true);
    expect((await refusedAs(core, browser(), 'kiosk.leave', { pin: '2468' })).code).toBe('forbidden');
    await as(core, browser(), 'kiosk.leave', { pin: '8642' });
  }, 60_000);
});

describe('signing in and adding members while an import is saved', () => {
  it('signs staff in, refuses a wrong passphrase as wrong and adds a member when a save began during their checks', async () => {
    let device = { admin: browser(), adminId: '', staffId: '' };
    const { core, jobId } = await largePreview(async (at) => {
      device = await staffedDevice(at);
    });
    const staff = browser();
    const signingIn = dispatch(core.ctx, 'access.signIn', { memberId: device.staffId, secret: '2468' }, staff);
    const guessing = dispatch(core.ctx, 'access.signIn', { memberId: device.adminId, secret: 'wrong' }, browser());
    const adding = dispatch(
      core.ctx,
      'access.addMember',
      { role: 'staff', name: 'Grace Njeri', secret: '1357' },
      device.admin,
    );
    // The save takes the store while every secret is still being checked or hashed.
    const saving = startSave(core, jobId);
    expect(await signingIn).toMatchObject({ ok: true, value: { caller: { id: device.staffId } } });
    expect(await guessing).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await adding).toMatchObject({ ok: true, value: { name: 'Grace Njeri' } });
    expect((await saving).ok).toBe(true);
    const failures = core.ctx.db.prepare('SELECT failed_attempts FROM staff_members WHERE id = ?').pluck();
    expect(failures.get(device.adminId)).toBe(1);
    expect((await as(core, staff, 'access.status', {})).caller?.id).toBe(device.staffId);
  }, 60_000);
});
