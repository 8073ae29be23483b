import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Input } from '../../../electron/core/api/contract';
import type { Core } from '../../../electron/core/context';
import { generateRoster, loadRoster } from '../../fixtures/roster';
import { nairobi, ok, refused, tempCore } from '../helpers';

type Person = Pick<Input<'participant.create'>, 'givenNames' | 'familyName' | 'country' | 'gender'> &
  Partial<Input<'participant.create'>>;

const people: Person[] = [
  { givenNames: 'José', familyName: 'Pérez', country: 'CO', gender: 'male', email: 'jose.perez@policia.gov.co' },
  { givenNames: 'Josefina', familyName: 'Pereira', country: 'CO', gender: 'female' },
  { givenNames: 'Anneliese', familyName: 'Müller', country: 'DE', gender: 'female' },
  { givenNames: 'Дилноза', familyName: 'Юсупова', country: 'UZ', gender: 'female' },
  { givenNames: 'Пётр', familyName: 'Ёлкин', country: 'KZ', gender: 'male' },
  { givenNames: 'مُحَمَّد', familyName: 'العلي', country: 'JO', gender: 'male' },
  { givenNames: 'สมชาย', familyName: 'ใจดี', country: 'TH', gender: 'male' },
  { givenNames: '小明', familyName: '王', badgeName: '王小明', country: 'CN', gender: 'male' },
  { givenNames: 'Dženan', familyName: 'Begić', country: 'BA', gender: 'male', organisation: 'Državna agencija' },
  { givenNames: 'Nguyễn Thị', familyName: 'Lan', country: 'VN', gender: 'female' },
  { givenNames: 'Li', familyName: 'Na', country: 'CN', gender: 'female' },
  { givenNames: 'Lina', familyName: 'Haddad', country: 'JO', gender: 'female' },
  { givenNames: 'Carolina', familyName: 'Gómez', country: 'CO', gender: 'female' },
];

async function roster(): Promise<{ core: Core; eventId: string; sessionId: string; codes: Map<string, string> }> {
  const core = tempCore();
  const event = await ok(core, 'event.create', nairobi);
  const codes = new Map<string, string>();
  for (const person of people) {
    const { registration } = await ok(core, 'participant.create', {
      organisation: 'Ministry of Interior',
      organisationType: 'government',
      category: 'partner_state_delegate',
      ...person,
      eventId: event.id,
    });
    codes.set(person.familyName, registration.code);
  }
  return { core, eventId: event.id, sessionId: event.sessions[0]!.id, codes };
}

const search = async (core: Core, eventId: string, query: string, sessionId?: string) =>
  ok(core, 'roster.search', { eventId, query, limit: 20, ...(sessionId ? { sessionId } : {}) });
const found = async (core: Core, eventId: string, query: string) =>
  (await search(core, eventId, query)).map((h) => `${h.givenNames} ${h.familyName}`);

describe('roster search', () => {
  it('ignores case and accents: "jose perez" finds José Pérez, "muller" finds Müller, "dzenan begic" finds Dženan Begić', async () => {
    const { core, eventId } = await roster();
    expect(await found(core, eventId, 'jose perez')).toEqual(['José Pérez']);
    expect(await found(core, eventId, 'PÉREZ JOSÉ')).toEqual(['José Pérez']);
    expect(await found(core, eventId, 'muller')).toEqual(['Anneliese Müller']);
    expect(await found(core, eventId, 'dzenan begic')).toEqual(['Dženan Begić']);
    expect(await found(core, eventId, 'nguyen thi')).toEqual(['Nguyễn Thị Lan']);
  });

  it('finds names in Cyrillic (ё as е), Arabic (with or without vowel marks), Thai and Chinese', async () => {
    const { core, eventId } = await roster();
    expect(await found(core, eventId, 'юсупова')).toEqual(['Дилноза Юсупова']);
    expect(await found(core, eventId, 'ДИЛН')).toEqual(['Дилноза Юсупова']);
    expect(await found(core, eventId, 'елкин')).toEqual(['Пётр Ёлкин']);
    expect(await found(core, eventId, 'محمد')).toEqual(['مُحَمَّد العلي']);
    expect(await found(core, eventId, 'العلي')).toEqual(['مُحَمَّد العلي']);
    expect(await found(core, eventId, 'ใจดี')).toEqual(['สมชาย ใจดี']);
    expect(await found(core, eventId, 'สมช')).toEqual(['สมชาย ใจดี']);
    expect(await found(core, eventId, '王小明')).toEqual(['小明 王']);
    expect(await found(core, eventId, '小明')).toEqual(['小明 王']);
    expect(await found(core, eventId, '王')).toEqual(['小明 王']);
  });

  it('finds an Arabic compound name typed joined or spaced, whichever way it was registered', async () => {
    const { core, eventId } = await roster();
    await ok(core, 'participant.create', {
      eventId,
      givenNames: 'عبدالرحمن',
      familyName: 'أبو بكر',
      gender: 'male',
      country: 'JO',
      organisation: 'Public Security Directorate',
      organisationType: 'law_enforcement',
      category: 'partner_state_delegate',
    });
    expect(await found(core, eventId, 'عبد الرحمن')).toEqual(['عبدالرحمن أبو بكر']);
    expect(await found(core, eventId, 'ابوبكر')).toEqual(['عبدالرحمن أبو بكر']);
  });

  it('finds organisation, email and any part of a name of three characters or more', async () => {
    const { core, eventId } = await roster();
    expect(await found(core, eventId, 'drzavna')).toEqual(['Dženan Begić']);
    expect(await found(core, eventId, 'policia.gov')).toEqual(['José Pérez']);
    expect(await found(core, eventId, 'ülle')).toEqual(['Anneliese Müller']);
    expect(await found(core, eventId, 'супов')).toEqual(['Дилноза Юсупова']);
    expect(await found(core, eventId, 'zzz')).toEqual([]);
    expect(await found(core, eventId, '   ')).toEqual([]);
    // FTS5 syntax typed by accident is just text.
    expect(await found(core, eventId, '"jose" OR NEAR(*')).toEqual([]);
    expect(await found(core, eventId, 'jose*')).toEqual(['José Pérez', 'Josefina Pereira']);
  });

  it('ranks whole words first, then word beginnings, then substrings', async () => {
    const { core, eventId } = await roster();
    const hits = await search(core, eventId, 'lina');
    expect(hits.map((h) => [h.givenNames, h.match])).toEqual([
      ['Lina', 'exact'],
      ['Carolina', 'substring'],
    ]);
    const li = await search(core, eventId, 'li');
    expect(li.map((h) => [h.givenNames, h.match])).toEqual([
      ['Li', 'exact'],
      ['Lina', 'prefix'],
    ]);
    const jos = await search(core, eventId, 'jose');
    expect(jos.map((h) => [h.givenNames, h.match])).toEqual([
      ['José', 'exact'],
      ['Josefina', 'prefix'],
    ]);
  });

  it('finds a person by check-in code as typed or scanned, and by its first characters', async () => {
    const { core, eventId, codes } = await roster();
    const code = codes.get('Müller')!;
    const typed = `${code.slice(0, 4).toLowerCase()}-${code.slice(4)}`;
    expect((await search(core, eventId, typed)).map((h) => [h.familyName, h.match])).toEqual([['Müller', 'exact']]);
    const withDigit = [...codes.values()].find((c) => /\d/.test(c.slice(0, 5)))!;
    const prefix = await search(core, eventId, withDigit.slice(0, 5));
    expect(prefix.map((h) => h.code)).toContain(withDigit);
  });

  it('finds the owner of a badge token a USB scanner types into the search box, and says why one is refused', async () => {
    const { core, eventId, codes } = await roster();
    const [anneliese] = await search(core, eventId, codes.get('Müller')!);
    const { token } = await ok(core, 'badge.token', { registrationId: anneliese!.registrationId });
    expect((await search(core, eventId, `${token}\n`)).map((h) => [h.familyName, h.match])).toEqual([
      ['Müller', 'exact'],
    ]);
    // Searched as the keys arrive: a token still being typed finds no one and is not yet called malformed.
    expect(await search(core, eventId, token.slice(0, 40))).toEqual([]);
    await ok(core, 'badge.reissue', { registrationId: anneliese!.registrationId });
    expect(await refused(core, 'roster.search', { eventId, query: token })).toMatchObject({
      code: 'invalid_badge',
      details: { badge: 'revoked' },
    });
    const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(await refused(core, 'roster.search', { eventId, query: forged })).toMatchObject({ code: 'invalid_badge' });
  });

  it('finds a code and a badge token that a scanner typed through the Russian keyboard layout', async () => {
    const { core, eventId } = await roster();
    const { registration } = await ok(core, 'participant.create', {
      eventId,
      givenNames: 'Дилшод',
      familyName: 'Каримов',
      gender: 'male',
      country: 'UZ',
      organisation: 'Ministry of Internal Affairs',
      organisationType: 'law_enforcement',
      category: 'partner_state_delegate',
      code: 'QABB-P94J',
    });
    expect((await search(core, eventId, 'ЙФИИ-З94О')).map((h) => [h.familyName, h.match])).toEqual([
      ['Каримов', 'exact'],
    ]);
    // The keys of a US keyboard, row by row, and what the Russian layout types on each.
    const us = '`qwertyuiop[]asdfghjkl;\'zxcvbnm,.~QWERTYUIOP{}ASDFGHJKL:"ZXCVBNM<>';
    const ru = 'ёйцукенгшщзхъфывапролджэячсмитьбюЁЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮ';
    const throughRussian = (text: string) => [...text].map((c) => ru[us.indexOf(c)] ?? c).join('');
    const { token } = await ok(core, 'badge.token', { registrationId: registration.id });
    const typed = throughRussian(token);
    expect(typed).toMatch(/^Ь1ю/);
    expect((await search(core, eventId, typed)).map((h) => h.familyName)).toEqual(['Каримов']);
    // A Cyrillic name is still a name.
    expect(await found(core, eventId, 'каримов')).toEqual(['Дилшод Каримов']);
  });

  it('finds no one by the code of a person whose data was erased', async () => {
    const { core, eventId, codes } = await roster();
    const code = codes.get('Müller')!;
    const [anneliese] = await search(core, eventId, code);
    await ok(core, 'person.erase', { participantId: anneliese!.participantId });
    expect(await search(core, eventId, code)).toEqual([]);
  });

  it('carries each result’s check-in state for the chosen session only', async () => {
    const { core, eventId, sessionId } = await roster();
    const [hit] = await search(core, eventId, 'muller', sessionId);
    expect(hit!.attendance).toBeNull();
    const record = await ok(core, 'checkin.create', {
      id: randomUUID(),
      sessionId,
      registrationId: hit!.registrationId,
      method: 'search',
    });
    const [after] = await search(core, eventId, 'muller', sessionId);
    expect(after!.attendance).toMatchObject({ state: 'checked_in', checkInId: record.id, at: record.at });
    const [otherDay] = await search(core, eventId, 'muller');
    expect(otherDay!.attendance).toBeNull();
  });

  it('stays in step with edits and is scoped to the event', async () => {
    const { core, eventId } = await roster();
    const [anneliese] = await search(core, eventId, 'muller');
    await ok(core, 'participant.update', { id: anneliese!.participantId, changes: { familyName: 'Schröder' } });
    expect(await found(core, eventId, 'muller')).toEqual([]);
    expect(await found(core, eventId, 'schroder')).toEqual(['Anneliese Schröder']);
    const other = await ok(core, 'event.create', { ...nairobi, title: 'Another workshop' });
    expect(await found(core, other.id, 'schroder')).toEqual([]);
  });

  it('answers quickly from a generated roster of a few thousand, with at most `limit` results', async () => {
    const core = tempCore();
    const event = await ok(core, 'event.create', nairobi);
    const generated = generateRoster(3000, 7);
    loadRoster(core.ctx, event.id, generated);
    const sample = generated[1234]!;
    const hits = await ok(core, 'roster.search', { eventId: event.id, query: 'a', limit: 50 });
    expect(hits).toHaveLength(50);
    const byCode = await ok(core, 'roster.search', { eventId: event.id, query: sample.code, limit: 5 });
    expect(byCode[0]).toMatchObject({ code: sample.code, familyName: sample.familyName, match: 'exact' });
  });
});

describe('roster generator', () => {
  it('gives the same roster for the same seed, a different one for another, in many scripts, about a third women', () => {
    const a = generateRoster(2000, 42);
    expect(generateRoster(2000, 42)).toEqual(a);
    expect(generateRoster(2000, 43)).not.toEqual(a);
    const women = a.filter((p) => p.gender === 'female').length / a.length;
    expect(women).toBeGreaterThan(0.28);
    expect(women).toBeLessThan(0.38);
    const text = a.map((p) => `${p.givenNames} ${p.familyName}`).join(' ');
    for (const script of ['Latin', 'Cyrillic', 'Arabic', 'Thai', 'Han']) {
      expect(text, script).toMatch(new RegExp(`\\p{Script=${script}}`, 'u'));
    }
    expect(text).toMatch(/[áéíóúćčšžđüöß]/);
    expect(new Set(a.map((p) => p.code)).size).toBe(a.length);
    expect(new Set(a.map((p) => p.email)).size).toBe(a.length);
  });
});
