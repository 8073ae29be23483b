import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/core/api/dispatch';
import { openCore } from '../../../electron/core/context';
import { signatureFor } from '../../../electron/core/exports/signatures';
import { kioskIdentity, kioskMatches, kioskState } from '../../../electron/core/kiosk/schema';
import { exported } from '../exports/setup';
import { pdfImages } from '../exports/readers';
import { changeCount, nairobi, ok, refused, tempCore } from '../helpers';
import { kioskEvent, nonce, register, strokePng } from './people';

describe('entering and leaving kiosk mode', () => {
  it('runs one session’s kiosk with the event’s settings, and survives a restart of the app', async () => {
    const core = tempCore();
    const { event, session } = await kioskEvent(core, {
      languages: ['fr', 'en', 'ar'],
      signatureRequired: true,
      privacyNotice: 'We keep your name for the attendance report.',
      privacyNoticeVersion: '2026-03',
    });
    const state = await ok(core, 'kiosk.state', {});
    expect(state).toMatchObject({
      active: true,
      eventId: event.id,
      sessionId: session.id,
      languages: ['fr', 'en', 'ar'],
      idleSeconds: 5,
      signatureRequired: true,
      notice: { text: 'We keep your name for the attendance report.', version: '2026-03' },
      badges: null,
    });
    // Only the PIN's scrypt hash is stored.
    const stored = core.ctx.db.prepare('SELECT pin_hash FROM kiosks').pluck().get() as string;
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(stored).not.toContain('2468');
    expect((await refused(core, 'kiosk.enter', { sessionId: session.id, pin: '1111' })).code).toBe('conflict');
    core.close();
    const again = openCore(core.file);
    try {
      expect((await dispatch(again.ctx, 'kiosk.state', {})).ok && 'state read').toBe('state read');
      const reopened = await dispatch(again.ctx, 'kiosk.state', {});
      expect(reopened.ok && reopened.value).toMatchObject({ active: true, sessionId: session.id });
    } finally {
      again.close();
    }
  });

  it('remembers where a kiosk started to print badges sends them, and forgets it when staff leave', async () => {
    const core = tempCore();
    const session = (await ok(core, 'event.create', nairobi)).sessions[0]!;
    await ok(core, 'kiosk.enter', {
      sessionId: session.id,
      pin: '2468',
      badges: { printer: 'Front desk label printer', layout: '4x3' },
    });
    expect(await ok(core, 'kiosk.state', {})).toMatchObject({
      active: true,
      badges: { printer: 'Front desk label printer', layout: '4x3' },
    });
    await ok(core, 'kiosk.leave', { pin: '2468' });
    expect(await ok(core, 'kiosk.state', {})).toEqual({ active: false });
    expect(core.ctx.db.prepare('SELECT badge_printer, badge_layout FROM kiosks').get()).toEqual({
      badge_printer: null,
      badge_layout: null,
    });
    expect(
      (await refused(core, 'kiosk.enter', { sessionId: session.id, pin: '2468', badges: { layout: 'a3' } })).code,
    ).toBe('invalid_input');
  });

  it('refuses a PIN that is not 4–12 digits, and an unknown session', async () => {
    const core = tempCore();
    const event = await ok(core, 'event.create', nairobi);
    const sessionId = event.sessions[0]!.id;
    for (const pin of ['123', 'abcd', '12345678901234'])
      expect((await refused(core, 'kiosk.enter', { sessionId, pin })).code).toBe('invalid_input');
    expect((await refused(core, 'kiosk.enter', { sessionId: crypto.randomUUID(), pin: '2468' })).code).toBe(
      'not_found',
    );
    expect(await ok(core, 'kiosk.state', {})).toEqual({ active: false });
  });

  it('leaves only with the PIN; wrong PINs are counted on disk and then rate-limited, restart or not', async () => {
    let clock = Date.parse('2026-03-10T08:00:00Z');
    const core = tempCore({ wallClock: () => clock });
    const { session, event } = await kioskEvent(core);
    for (let i = 1; i <= 4; i++) {
      const error = await refused(core, 'kiosk.leave', { pin: '0000' });
      expect(error.code).toBe('forbidden');
      expect(error.details?.retryAfterSeconds).toBeUndefined();
    }
    core.close();
    // A restart does not reset the count: the fifth wrong PIN starts a 30 s wait.
    const reopened = openCore(core.file, { wallClock: () => clock });
    try {
      const fifth = await dispatch(reopened.ctx, 'kiosk.leave', { pin: '9999' });
      expect(fifth).toMatchObject({ ok: false, error: { code: 'forbidden', details: { retryAfterSeconds: 30 } } });
      // During the wait even the right PIN is refused, unchecked.
      clock += 10_000;
      const early = await dispatch(reopened.ctx, 'kiosk.leave', { pin: '2468' });
      expect(early).toMatchObject({ ok: false, error: { code: 'rate_limited', details: { retryAfterSeconds: 20 } } });
      clock += 20_000;
      const sixth = await dispatch(reopened.ctx, 'kiosk.leave', { pin: '1234' });
      expect(sixth).toMatchObject({ ok: false, error: { code: 'forbidden', details: { retryAfterSeconds: 60 } } });
      clock += 60_000;
      const left = await dispatch(reopened.ctx, 'kiosk.leave', { pin: '2468' });
      expect(left).toEqual({ ok: true, value: { active: false, eventId: event.id, sessionId: session.id } });
      expect(await dispatch(reopened.ctx, 'kiosk.state', {})).toEqual({ ok: true, value: { active: false } });
      // Every attempt is in the change log: the kiosk's audit trail.
      const attempts = reopened.ctx.db
        .prepare(`SELECT count(*) FROM changes WHERE entity = 'kiosk' AND fields LIKE '%failed_attempts%'`)
        .pluck()
        .get();
      expect(attempts).toBe(7);
      // The PIN went with the kiosk: the next kiosk needs its own.
      const row = reopened.ctx.db.prepare('SELECT pin_hash, failed_attempts FROM kiosks').get();
      expect(row).toEqual({ pin_hash: null, failed_attempts: 0 });
    } finally {
      reopened.close();
    }
  });

  it('answers the attendee methods only while this device is a kiosk', async () => {
    const core = tempCore();
    const event = await ok(core, 'event.create', nairobi);
    const { registration } = await register(core, event.id);
    expect((await refused(core, 'kiosk.find', { query: 'amina' })).code).toBe('forbidden');
    expect((await refused(core, 'kiosk.identify', { who: { scan: registration.code } })).code).toBe('forbidden');
    expect(
      (await refused(core, 'kiosk.checkIn', { id: nonce(), registrationId: registration.id, method: 'qr' })).code,
    ).toBe('forbidden');
    expect((await refused(core, 'kiosk.leave', { pin: '2468' })).code).toBe('forbidden');
  });
});

describe('finding yourself by name', () => {
  it('needs three letters, matches names only, shows name and organisation, and at most five', async () => {
    const core = tempCore();
    const { event } = await kioskEvent(core);
    for (let i = 0; i < 7; i++)
      await register(core, event.id, { givenNames: `Amani${i}`, familyName: 'Mwangi', organisation: `Unit ${i}` });
    await register(core, event.id, { givenNames: 'Peter', familyName: 'Kamau', organisation: 'Amani Foundation' });
    expect((await refused(core, 'kiosk.find', { query: 'am' })).code).toBe('invalid_input');
    const found = await ok(core, 'kiosk.find', { query: 'amani' });
    expect(found.results).toHaveLength(5);
    expect(found.more).toBe(true);
    // Peter works for "Amani Foundation": an organisation is not a name, so he is not listed.
    expect(found.results.map((r) => r.name)).not.toContain('Peter Kamau');
    for (const line of found.results)
      expect(Object.keys(line).sort()).toEqual(['kind', 'name', 'organisation', 'registrationId']);
    // Nor is anyone found by their email address.
    expect((await ok(core, 'kiosk.find', { query: 'amina.otieno@example.org' })).results).toEqual([]);
  });

  it('finds Chinese names as they are written: family name first, unspaced, and two characters suffice', async () => {
    const core = tempCore();
    const { event } = await kioskEvent(core);
    // Badge names in Latin letters, as many delegations print them, so only the names themselves can match.
    await register(core, event.id, { givenNames: '小明', familyName: '王', badgeName: 'Wang Xiaoming', country: 'CN' });
    await register(core, event.id, { givenNames: '娜', familyName: '李', badgeName: 'Li Na', country: 'CN' });
    const names = async (query: string) => (await ok(core, 'kiosk.find', { query })).results.map((r) => r.name);
    expect(await names('王小明')).toEqual(['Wang Xiaoming']);
    expect(await names('小明')).toEqual(['Wang Xiaoming']);
    expect(await names('李娜')).toEqual(['Li Na']);
    // One character is still too little, and two Latin letters too.
    expect((await refused(core, 'kiosk.find', { query: '李' })).code).toBe('invalid_input');
    expect((await refused(core, 'kiosk.find', { query: 'Li' })).code).toBe('invalid_input');
  });

  it('finds a name among many people whose organisation starts with the same letters', async () => {
    const core = tempCore();
    const { event } = await kioskEvent(core);
    // A whole delegation from the Kenya Police Service, whose organisation matches "ken" too, and one Kennedy.
    for (let i = 0; i < 60; i++) {
      await register(core, event.id, {
        givenNames: `Officer${String.fromCharCode(97 + (i % 26))}`,
        familyName: `Mwangi${i}`,
        organisation: 'Kenya Police Service',
        email: null,
      });
    }
    await register(core, event.id, {
      givenNames: 'Kennedy',
      familyName: 'Baptiste',
      country: 'TT',
      organisation: 'Trinidad and Tobago Police Service',
      email: null,
    });
    const found = await ok(core, 'kiosk.find', { query: 'ken' });
    expect(found.results.map((r) => r.name)).toEqual(['Kennedy Baptiste']);
    expect(found.more).toBe(false);
  });

  it('names the organisation when names collide, and offers no choice when name and organisation both do', async () => {
    const core = tempCore();
    const { event } = await kioskEvent(core);
    const a = await register(core, event.id, { organisation: 'National Police Service' });
    const b = await register(core, event.id, { organisation: 'Ministry of Interior', email: 'b@example.org' });
    await register(core, event.id, {
      givenNames: 'Amina',
      familyName: 'Otieno',
      organisation: 'Judiciary',
      email: null,
    });
    await register(core, event.id, {
      givenNames: 'Amina',
      familyName: 'Otieno',
      organisation: 'Judiciary',
      email: null,
    });
    const found = await ok(core, 'kiosk.find', { query: 'amina otieno' });
    expect(found.more).toBe(false);
    expect(found.results).toHaveLength(3);
    expect(found.results).toContainEqual({
      kind: 'person',
      registrationId: a.registration.id,
      name: 'Amina Otieno',
      organisation: 'National Police Service',
    });
    expect(found.results).toContainEqual({
      kind: 'person',
      registrationId: b.registration.id,
      name: 'Amina Otieno',
      organisation: 'Ministry of Interior',
    });
    expect(found.results).toContainEqual({ kind: 'ambiguous', name: 'Amina Otieno', organisation: 'Judiciary' });
  });

  it('has answers that cannot carry an email, a phone or a country', () => {
    const withEmail = {
      results: [
        { kind: 'person', registrationId: crypto.randomUUID(), name: 'A', organisation: 'B', email: 'a@example.org' },
      ],
      more: false,
    };
    expect(kioskMatches.safeParse(withEmail).success).toBe(false);
    const identity = { registrationId: crypto.randomUUID(), name: 'A', organisation: 'B', needsConsent: false };
    expect(kioskIdentity.safeParse({ ...identity, checkedInAt: null }).success).toBe(true);
    for (const extra of [{ phone: '+254712345678' }, { country: 'KE' }, { email: 'a@example.org' }])
      expect(kioskIdentity.safeParse({ ...identity, checkedInAt: null, ...extra }).success).toBe(false);
    expect(kioskState.safeParse({ active: false, email: 'x' }).success).toBe(false);
  });
});

describe('identifying a badge', () => {
  it('knows a scanned code (typed any way), says already checked in, and refuses unknown, cancelled and tokens', async () => {
    const core = tempCore();
    const { event, session } = await kioskEvent(core);
    const { registration } = await register(core, event.id);
    const scanned = `${registration.code.slice(0, 4)}-${registration.code.slice(4)}`.toLowerCase();
    const who = await ok(core, 'kiosk.identify', { who: { scan: scanned } });
    expect(who).toEqual({
      registrationId: registration.id,
      name: 'Amina Otieno',
      organisation: 'National Police Service',
      needsConsent: false,
      checkedInAt: null,
    });
    const record = await ok(core, 'checkin.create', {
      id: nonce(),
      sessionId: session.id,
      registrationId: registration.id,
      method: 'search',
    });
    expect((await ok(core, 'kiosk.identify', { who: { scan: registration.code } })).checkedInAt).toBe(record.at);
    const unknown = registration.code === '00000000' ? '11111111' : '00000000';
    expect((await refused(core, 'kiosk.identify', { who: { scan: unknown } })).code).toBe('not_found');
    const junk = await refused(core, 'kiosk.identify', { who: { scan: 'eyJhbGciOi.not-a-badge' } });
    expect(junk).toMatchObject({ code: 'invalid_badge', details: { badge: 'malformed' } });
    // The badge's signed QR token identifies its holder; the same token with one symbol changed is a forgery.
    const { token } = await ok(core, 'badge.token', { registrationId: registration.id });
    expect((await ok(core, 'kiosk.identify', { who: { scan: token } })).registrationId).toBe(registration.id);
    // A symbol inside the signature (the last one may carry only padding bits).
    const at = token.length - 10;
    const swapped = token[at] === 'A' ? 'B' : 'A';
    const forgedToken = `${token.slice(0, at)}${swapped}${token.slice(at + 1)}`;
    const forged = await refused(core, 'kiosk.identify', { who: { scan: forgedToken } });
    expect(forged).toMatchObject({ code: 'invalid_badge', details: { badge: 'forged' } });
    const cancelled = await register(core, event.id, { givenNames: 'Omar', status: 'cancelled' });
    expect((await refused(core, 'kiosk.identify', { who: { scan: cancelled.registration.code } })).code).toBe(
      'cancelled',
    );
    // A registration of another event is not this kiosk's to show.
    const other = await ok(core, 'event.create', { ...nairobi, title: 'Another workshop' });
    const elsewhere = await register(core, other.id);
    expect((await refused(core, 'kiosk.identify', { who: { registrationId: elsewhere.registration.id } })).code).toBe(
      'not_found',
    );
    expect((await refused(core, 'kiosk.identify', { who: { scan: elsewhere.registration.code } })).code).toBe(
      'not_found',
    );
  });
});

describe('a scanner on a Russian keyboard layout', () => {
  it('identifies the holder of a code or badge token that arrived as Cyrillic letters', async () => {
    const core = tempCore();
    const { event } = await kioskEvent(core);
    const { registration } = await register(core, event.id, { code: 'QABB-P94J' });
    // Q A B B - P 9 4 J on the keys of a Russian keyboard.
    expect((await ok(core, 'kiosk.identify', { who: { scan: 'ЙФИИ-З94О' } })).registrationId).toBe(registration.id);
    const us = "qwertyuiop[]asdfghjkl;'zxcvbnm,.QWERTYUIOPASDFGHJKLZXCVBNM";
    const ru = 'йцукенгшщзхъфывапролджэячсмитьбюЙЦУКЕНГШЩЗФЫВАПРОЛДЯЧСМИТЬ';
    const { token } = await ok(core, 'badge.token', { registrationId: registration.id });
    const typed = [...token].map((c) => ru[us.indexOf(c)] ?? c).join('');
    expect((await ok(core, 'kiosk.identify', { who: { scan: typed } })).registrationId).toBe(registration.id);
  });
});

describe('the kiosk check-in', () => {
  it('checks in, stores the signature with the check-in and records consent, in one idempotent write', async () => {
    const core = tempCore();
    const { event, session } = await kioskEvent(core, {
      signatureRequired: true,
      privacyNotice: 'Notice text',
      privacyNoticeVersion: 'v2',
    });
    const { registration, participant } = await register(core, event.id);
    expect((await ok(core, 'kiosk.identify', { who: { registrationId: registration.id } })).needsConsent).toBe(true);
    const png = strokePng().toString('base64');
    const id = nonce();
    const base = { id, registrationId: registration.id, method: 'search' as const };
    const before = changeCount(core);
    // Without a signature, or without consent, nothing is written.
    expect(await refused(core, 'kiosk.checkIn', { ...base, consent: { noticeVersion: 'v2' } })).toMatchObject({
      code: 'invalid_input',
      issues: [{ key: 'signatureRequired' }],
    });
    expect(await refused(core, 'kiosk.checkIn', { ...base, signature: png })).toMatchObject({
      code: 'invalid_input',
      issues: [{ key: 'consentRequired' }],
    });
    expect(
      await refused(core, 'kiosk.checkIn', { ...base, signature: png, consent: { noticeVersion: 'v1' } }),
    ).toMatchObject({ issues: [{ key: 'consentRequired' }] });
    expect(changeCount(core)).toBe(before);

    const done = await ok(core, 'kiosk.checkIn', { ...base, signature: png, consent: { noticeVersion: 'v2' } });
    expect(done).toMatchObject({ checkInId: id, name: 'Amina Otieno', signatureStored: true });
    expect(Buffer.from(signatureFor(core.ctx.db, id)!)).toEqual(strokePng());
    const after = await ok(core, 'participant.get', { id: participant.id });
    expect(after.participant.consent).toEqual({ at: done.at, noticeVersion: 'v2' });
    const record = core.ctx.db.prepare('SELECT method, operator, session_id FROM checkins WHERE id = ?').get(id);
    expect(record).toEqual({ method: 'search', operator: 'kiosk', session_id: session.id });

    // The same nonce again (a double tap, a retry) is the same check-in, and writes nothing more.
    const written = changeCount(core);
    expect(await ok(core, 'kiosk.checkIn', { ...base, signature: png, consent: { noticeVersion: 'v2' } })).toEqual(
      done,
    );
    expect(changeCount(core)).toBe(written);
    // A new nonce for the same person is a second check-in: refused, with when the first happened.
    const second = await refused(core, 'kiosk.checkIn', { ...base, id: nonce(), signature: png });
    expect(second).toMatchObject({ code: 'already_checked_in', details: { firstCheckIn: { id } } });
    expect((await ok(core, 'kiosk.identify', { who: { registrationId: registration.id } })).needsConsent).toBe(false);
  });

  it('takes no signature when the event asks none, and refuses anything that is not a PNG', async () => {
    const core = tempCore();
    const { event } = await kioskEvent(core);
    const { registration } = await register(core, event.id);
    const base = { registrationId: registration.id, method: 'qr' as const };
    const gif = Buffer.from('GIF89a-not-a-png-at-all-but-long-enough-to-look-like-one').toString('base64');
    expect((await refused(core, 'kiosk.checkIn', { ...base, id: nonce(), signature: gif })).issues?.[0]?.key).toBe(
      'signatureNotPng',
    );
    // The right first bytes are not enough: the PNG must be whole.
    const truncated = strokePng().subarray(0, 60).toString('base64');
    expect(
      (await refused(core, 'kiosk.checkIn', { ...base, id: nonce(), signature: truncated })).issues?.[0]?.key,
    ).toBe('signatureNotPng');
    const tooBig = Buffer.concat([strokePng(), Buffer.alloc(60 * 1024)]).toString('base64');
    expect((await refused(core, 'kiosk.checkIn', { ...base, id: nonce(), signature: tooBig })).code).toBe(
      'invalid_input',
    );
    const id = nonce();
    expect(await ok(core, 'kiosk.checkIn', { ...base, id })).toMatchObject({ checkInId: id, signatureStored: false });
    expect(signatureFor(core.ctx.db, id)).toBeNull();
  });

  it('sends a person whose data was erased to the desk, by name, code or badge, and keeps no signature', async () => {
    const core = tempCore();
    const { event } = await kioskEvent(core, {
      signatureRequired: true,
      privacyNotice: 'Notice',
      privacyNoticeVersion: 'v1',
    });
    const { registration, participant } = await register(core, event.id);
    const { token } = await ok(core, 'badge.token', { registrationId: registration.id });
    await ok(core, 'person.erase', { participantId: participant.id });
    for (const who of [{ registrationId: registration.id }, { scan: registration.code }, { scan: token }]) {
      expect((await refused(core, 'kiosk.identify', { who })).code).toBe('not_found');
    }
    const before = changeCount(core);
    const attempt = await refused(core, 'kiosk.checkIn', {
      id: nonce(),
      registrationId: registration.id,
      method: 'qr',
      signature: strokePng().toString('base64'),
      consent: { noticeVersion: 'v1' },
    });
    expect(attempt.code).toBe('not_found');
    expect(changeCount(core)).toBe(before);
    expect(core.ctx.db.prepare('SELECT count(*) FROM signatures').pluck().get()).toBe(0);
  });

  it('sends a cancelled registration to the desk', async () => {
    const core = tempCore();
    const { event } = await kioskEvent(core);
    const { registration } = await register(core, event.id, { status: 'cancelled' });
    expect(
      (await refused(core, 'kiosk.checkIn', { id: nonce(), registrationId: registration.id, method: 'search' })).code,
    ).toBe('cancelled');
  });
});

describe('the event’s kiosk settings', () => {
  it('default to no signature and no notice, and a notice needs a version', async () => {
    const core = tempCore();
    const event = await ok(core, 'event.create', nairobi);
    expect(event).toMatchObject({ signatureRequired: false, privacyNotice: '', privacyNoticeVersion: '' });
    expect(
      (await refused(core, 'event.create', { ...nairobi, privacyNotice: 'We keep names.', privacyNoticeVersion: '' }))
        .issues?.[0]?.key,
    ).toBe('noticeNeedsVersion');
    expect(
      (await refused(core, 'event.update', { id: event.id, changes: { privacyNotice: 'We keep names.' } })).issues?.[0]
        ?.key,
    ).toBe('noticeNeedsVersion');
    const updated = await ok(core, 'event.update', {
      id: event.id,
      changes: { signatureRequired: true, privacyNotice: 'We keep names.', privacyNoticeVersion: '2026-03' },
    });
    expect(updated).toMatchObject({ signatureRequired: true, privacyNoticeVersion: '2026-03' });
    // An update that does not mention the settings leaves them alone.
    expect(await ok(core, 'event.update', { id: event.id, changes: { title: 'Renamed' } })).toMatchObject({
      signatureRequired: true,
    });
  });
});

describe('the sign-in sheet', () => {
  it('shows the signature drawn at the kiosk, and an empty box for someone checked in at the desk', async () => {
    const core = tempCore();
    const { event, session } = await kioskEvent(core, { signatureRequired: true });
    const signed = await register(core, event.id);
    const unsigned = await register(core, event.id, { givenNames: 'Omar', email: null });
    await ok(core, 'kiosk.checkIn', {
      id: nonce(),
      registrationId: signed.registration.id,
      method: 'search',
      signature: strokePng().toString('base64'),
    });
    await ok(core, 'checkin.create', {
      id: nonce(),
      sessionId: session.id,
      registrationId: unsigned.registration.id,
      method: 'search',
    });
    const { bytes } = await exported(core, { eventId: event.id, format: 'signin-pdf', sessionId: session.id });
    expect(pdfImages(bytes)).toBe(1);
  });
});
