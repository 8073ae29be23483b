import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Input } from '../../../electron/core/api/contract';
import { MusterError } from '../../../electron/core/api/errors';
import { badgeToken } from '../../../electron/core/badges/sign';
import { verifyBadge } from '../../../electron/core/badges/verify';
import { parseToken, tokenBytes, tokenPrefix } from '../../../electron/core/badges/token';
import { changeCount, nairobi, ok, refused, tempCore } from '../helpers';

const person: Omit<Input<'participant.create'>, 'eventId'> = {
  givenNames: 'Amina',
  familyName: 'Otieno',
  gender: 'female',
  country: 'KE',
  organisation: 'National Police Service',
  organisationType: 'law_enforcement',
  category: 'partner_state_delegate',
};

async function twoEvents() {
  const core = tempCore();
  const event = await ok(core, 'event.create', nairobi);
  const other = await ok(core, 'event.create', { ...nairobi, title: 'CT TECH: Central Asia', city: 'Tashkent' });
  const amina = (await ok(core, 'participant.create', { ...person, eventId: event.id })).registration;
  const there = (await ok(core, 'participant.create', { ...person, givenNames: 'Dilnoza', eventId: other.id }))
    .registration;
  return { core, event, other, amina, there };
}

/** The refusal reason verifyBadge gives, or 'verified'. */
function outcome(run: () => unknown): string {
  try {
    run();
    return 'verified';
  } catch (error) {
    if (error instanceof MusterError && error.code === 'invalid_badge') return error.details?.badge ?? 'no reason';
    throw error;
  }
}

function alter(token: string, at: number, xor: number): string {
  const bytes = Buffer.from(token.slice(tokenPrefix.length), 'base64url');
  bytes[at] = (bytes[at] ?? 0) ^ xor;
  return tokenPrefix + bytes.toString('base64url');
}

describe('signed badge codes', () => {
  it('round-trip: a signed token verifies to its registration, offline, and carries no name', async () => {
    const { core, event, amina } = await twoEvents();
    const before = changeCount(core);
    const { token, issue } = badgeToken(core.ctx, amina.id);
    // The event's key pair was made with the event: signing writes nothing.
    expect(changeCount(core)).toBe(before);
    expect(issue).toBe(1);
    expect(token.startsWith('M1.')).toBe(true);
    expect(token.length).toBeLessThanOrEqual(134);
    expect(token).not.toMatch(/amina|otieno/i);
    expect(Buffer.from(token.slice(3), 'base64url').toString('latin1')).not.toMatch(/Amina|Otieno/);
    expect(parseToken(token)).toMatchObject({ eventId: event.id, registrationId: amina.id, issue: 1 });
    expect(verifyBadge(core.ctx.db, event.id, token)).toMatchObject({ id: amina.id, eventId: event.id });
    badgeToken(core.ctx, amina.id);
    expect(changeCount(core)).toBe(before);
  });

  it('refuses a bit flipped in the payload or the signature as forged', async () => {
    const { core, event, amina } = await twoEvents();
    const { token } = badgeToken(core.ctx, amina.id);
    // Registration id, issue number, and each half of the signature (the event id is checked as wrong_event first).
    for (const at of [16, 31, 33, 34, 70, tokenBytes - 1]) {
      expect(
        outcome(() => verifyBadge(core.ctx.db, event.id, alter(token, at, 0x01))),
        `byte ${at}`,
      ).toBe('forged');
    }
    expect(outcome(() => verifyBadge(core.ctx.db, event.id, alter(token, 0, 0x80)))).toBe('wrong_event');
  });

  it('refuses another event’s token as wrong_event, and one that event never signed as forged', async () => {
    const { core, event, other, amina, there } = await twoEvents();
    const theirs = badgeToken(core.ctx, there.id).token;
    expect(outcome(() => verifyBadge(core.ctx.db, event.id, theirs))).toBe('wrong_event');
    expect(outcome(() => verifyBadge(core.ctx.db, other.id, theirs))).toBe('verified');
    // An event with no key yet has signed nothing.
    const ours = badgeToken(core.ctx, amina.id).token;
    core.ctx.db.prepare('DELETE FROM badge_keys WHERE id = ?').run(event.id);
    expect(outcome(() => verifyBadge(core.ctx.db, event.id, ours))).toBe('forged');
  });

  it('makes the signing key with the event and records it as a change, so it travels with the event', async () => {
    const { core, event } = await twoEvents();
    const key = core.ctx.db.prepare('SELECT public_key FROM badge_keys WHERE id = ?').pluck().get(event.id);
    expect(key).toEqual(expect.any(String));
    const changes = core.ctx.db
      .prepare("SELECT count(*) FROM changes WHERE entity = 'badge_key' AND entity_id = ?")
      .pluck()
      .get(event.id);
    expect(changes).toBe(1);
  });

  it('refuses a re-issued badge’s old token as revoked, and the new one verifies', async () => {
    const { core, event, amina } = await twoEvents();
    const old = await ok(core, 'badge.token', { registrationId: amina.id });
    const reissued = await ok(core, 'badge.reissue', { registrationId: amina.id });
    expect(reissued.issue).toBe(2);
    expect(reissued.code).not.toBe(old.code);
    expect(outcome(() => verifyBadge(core.ctx.db, event.id, old.token))).toBe('revoked');
    expect(outcome(() => verifyBadge(core.ctx.db, event.id, reissued.token))).toBe('verified');
    const now = await ok(core, 'badge.token', { registrationId: amina.id });
    expect(now).toMatchObject({ token: reissued.token, code: reissued.code, issue: 2 });
  });

  it('verifies a token a scanner typed through QWERTZ (Y and Z swapped), and nothing a genuine signature does not cover', async () => {
    const { core, event, amina } = await twoEvents();
    let { token } = badgeToken(core.ctx, amina.id);
    // Nearly every token has a Y or a Z (all but 1 in 5,000): take a fresh badge for one that has none.
    while (!/[yz]/i.test(token)) ({ token } = await ok(core, 'badge.reissue', { registrationId: amina.id }));
    const swap = (text: string) => text.replace(/[yz]/gi, (c) => ({ y: 'z', z: 'y', Y: 'Z', Z: 'Y' })[c] ?? c);
    expect(swap(token)).not.toBe(token);
    expect(verifyBadge(core.ctx.db, event.id, swap(token))).toMatchObject({ id: amina.id });
    // A forgery is not made genuine by swapping its letters, and keeps the reason for the text as scanned.
    const forged = alter(token, 40, 0x01);
    expect(outcome(() => verifyBadge(core.ctx.db, event.id, forged))).toBe('forged');
    for (const text of [swap(forged), swap(alter(token, 0, 0x80))]) {
      expect(outcome(() => verifyBadge(core.ctx.db, event.id, text))).not.toBe('verified');
    }
    // A replaced badge stays replaced, however its letters arrive.
    const { token: reissued } = await ok(core, 'badge.reissue', { registrationId: amina.id });
    expect(outcome(() => verifyBadge(core.ctx.db, event.id, swap(token)))).toBe('revoked');
    expect(verifyBadge(core.ctx.db, event.id, swap(reissued))).toMatchObject({ id: amina.id });
  });

  it('refuses a properly signed token whose registration this desk does not know', async () => {
    const { core, event, amina } = await twoEvents();
    const { token } = badgeToken(core.ctx, amina.id);
    core.ctx.db.pragma('foreign_keys = OFF');
    core.ctx.db.prepare('DELETE FROM roster WHERE registration_id = ?').run(amina.id);
    core.ctx.db.prepare('DELETE FROM registrations WHERE id = ?').run(amina.id);
    expect(outcome(() => verifyBadge(core.ctx.db, event.id, token))).toBe('unknown_registration');
  });

  it('gives no badge code to a person whose data was erased, not even a reissued one', async () => {
    const { core, amina } = await twoEvents();
    await ok(core, 'person.erase', { participantId: amina.participantId });
    expect(await refused(core, 'badge.token', { registrationId: amina.id })).toMatchObject({ code: 'conflict' });
    expect(await refused(core, 'badge.reissue', { registrationId: amina.id })).toMatchObject({ code: 'conflict' });
  });

  it('refuses garbage, truncated, padded, non-canonical and oversized strings as malformed', async () => {
    const { core, event, amina } = await twoEvents();
    const { token } = badgeToken(core.ctx, amina.id);
    const last = token.at(-1)!;
    // The last character of 98 bytes in base64url has two spare bits: another letter with the same 4 high bits.
    const twin = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sibling = twin[twin.indexOf(last) ^ 1]!;
    for (const bad of [
      '',
      'hello',
      'M1.',
      'M2.' + token.slice(3),
      token.slice(0, -1),
      token + 'A',
      token + '==',
      token.slice(0, 3) + '!' + token.slice(4),
      token.slice(0, -1) + sibling,
      'M1.' + 'A'.repeat(10_000),
      '\u0000'.repeat(200),
    ]) {
      expect(
        outcome(() => verifyBadge(core.ctx.db, event.id, bad)),
        JSON.stringify(bad.slice(0, 20)),
      ).toBe('malformed');
    }
    // Surrounding whitespace from a scanner is not a forgery.
    expect(outcome(() => verifyBadge(core.ctx.db, event.id, ` ${token}\n`))).toBe('verified');
  });

  it('property: no single-byte alteration of a token verifies', async () => {
    const { core, event, amina } = await twoEvents();
    const { token } = badgeToken(core.ctx, amina.id);
    fc.assert(
      fc.property(fc.nat(token.length - 1), fc.integer({ min: 1, max: 255 }), (at, xor) => {
        const chars = Buffer.from(token, 'latin1');
        chars[at] = (chars[at] ?? 0) ^ xor;
        const altered = chars.toString('latin1');
        return outcome(() => verifyBadge(core.ctx.db, event.id, altered)) !== 'verified';
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.nat(tokenBytes - 1), fc.integer({ min: 1, max: 255 }), (at, xor) => {
        return outcome(() => verifyBadge(core.ctx.db, event.id, alter(token, at, xor))) !== 'verified';
      }),
      { numRuns: 2000 },
    );
  });
});
