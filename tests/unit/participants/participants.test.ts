import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contract, type Input } from '../../../electron/core/api/contract';
import { writeTransaction } from '../../../electron/core/db/transaction';
import { register, registerNewPerson } from '../../../electron/core/participants/handlers';
import { eventFacts, getRegistration } from '../../../electron/core/participants/store';
import { changeCount, nairobi, ok, refused, tempCore } from '../helpers';

const amina: Omit<Input<'participant.create'>, 'eventId'> = {
  honorific: 'Ms.',
  givenNames: 'Amina',
  familyName: 'Otieno',
  gender: 'female',
  country: 'KE',
  organisation: 'National Police Service',
  organisationType: 'law_enforcement',
  jobTitle: 'Inspector',
  email: 'Amina.Otieno@Police.go.ke',
  phone: '0712 345 678',
  category: 'partner_state_delegate',
};

async function withEvent() {
  const core = tempCore();
  const event = await ok(core, 'event.create', nairobi);
  return { core, event };
}

describe('participants and registrations', () => {
  it('registers a person for an event: defaults, a canonical email, an E.164 phone read in the event country, a code', async () => {
    const { core, event } = await withEvent();
    const { participant, registration, checkIn } = await ok(core, 'participant.create', {
      ...amina,
      eventId: event.id,
      nationality: 'ke',
      preferredLanguage: 'fr',
      accessibility: 'Step-free access',
      dietary: 'Halal',
      consent: { noticeVersion: '2023-09' },
      photoConsent: true,
      notes: '  Arrives on day 2  ',
    });
    expect(participant).toMatchObject({
      givenNames: 'Amina',
      familyName: 'Otieno',
      badgeName: 'Amina Otieno',
      email: 'amina.otieno@police.go.ke',
      phone: '+254712345678',
      nationality: 'KE',
      preferredLanguage: 'fr',
      photoConsent: true,
      notes: 'Arrives on day 2',
      consent: { noticeVersion: '2023-09' },
    });
    expect(participant.consent!.at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(registration).toMatchObject({ eventId: event.id, participantId: participant.id, status: 'confirmed' });
    expect(registration.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(checkIn).toBeNull();
    expect(await ok(core, 'participant.get', { id: participant.id })).toEqual({
      participant,
      registrations: [registration],
      // Nairobi 2023 is over: the edit screen offers to correct its figures too.
      pastEvents: 1,
    });
  });

  it('leaves optional fields absent (null or empty) and keeps names as typed, in NFC', async () => {
    const { core, event } = await withEvent();
    const { participant } = await ok(core, 'participant.create', {
      eventId: event.id,
      familyName: 'Pe\u0301rez',
      gender: 'not_stated',
      country: 'CO',
      organisation: 'Fiscalía',
      organisationType: 'prosecution_judiciary',
      category: 'observer',
      email: '',
      phone: null,
    });
    expect(participant).toMatchObject({
      familyName: 'Pérez',
      givenNames: '',
      badgeName: 'Pérez',
      email: null,
      phone: null,
      nationality: null,
      consent: null,
      photoConsent: false,
    });
  });

  it('gives a Chinese or Korean name its badge name as written, family name first and unspaced, and keeps it so on edit', async () => {
    const { core, event } = await withEvent();
    const chinese = { ...amina, eventId: event.id, givenNames: '小明', familyName: '王', country: 'CN' as const };
    const { participant } = await ok(core, 'participant.create', chinese);
    expect(participant.badgeName).toBe('王小明');
    const renamed = await ok(core, 'participant.update', { id: participant.id, changes: { givenNames: '大明' } });
    expect(renamed.badgeName).toBe('王大明');
    const korean = await ok(core, 'participant.create', { ...chinese, givenNames: '지민', familyName: '김' });
    expect(korean.participant.badgeName).toBe('김지민');
  });

  it('refuses bad input with stable keys for the screens to translate, and saves nothing', async () => {
    const { core, event } = await withEvent();
    const before = changeCount(core);
    const error = await refused(core, 'participant.create', {
      ...amina,
      eventId: event.id,
      familyName: '   ',
      email: 'not-an-email',
      country: 'XX',
      nationality: 'QQ',
      phone: 'call me',
    });
    expect(error.code).toBe('invalid_input');
    const keys = Object.fromEntries(error.issues!.map((i) => [i.path.join('.'), i.key]));
    expect(keys).toMatchObject({
      familyName: 'blank',
      email: 'invalidEmail',
      country: 'unknownCountry',
      nationality: 'unknownCountry',
      phone: 'invalidPhone',
    });
    // A number that has the right characters but does not exist in Kenya's plan is refused by the handler.
    const phone = await refused(core, 'participant.create', { ...amina, eventId: event.id, phone: '0712 34' });
    expect(phone.message).toMatch(/0712 34 is not a phone number/);
    expect(phone.issues).toEqual([expect.objectContaining({ path: ['phone'], key: 'invalidPhone' })]);
    const unknown = await refused(core, 'participant.create', { ...amina, eventId: event.id, gender: 'unknown' });
    expect(unknown.issues![0]!.path).toEqual(['gender']);
    // A control character (pasted from another system, or sent on purpose) never becomes part of a name; a line
    // break in the notes is fine.
    const control = await refused(core, 'participant.create', {
      ...amina,
      eventId: event.id,
      givenNames: 'Ami\u0000na',
      organisation: 'Police\u001b[31m',
      notes: 'Arrives late\u0007',
    });
    expect(Object.fromEntries(control.issues!.map((i) => [i.path.join('.'), i.key]))).toEqual({
      givenNames: 'controlCharacters',
      organisation: 'controlCharacters',
      notes: 'controlCharacters',
    });
    expect(changeCount(core)).toBe(before);
    const notes = await ok(core, 'participant.create', {
      ...amina,
      eventId: event.id,
      email: null,
      notes: 'Arrives late on day 1.\nNeeds a ramp.',
    });
    expect(notes.participant.notes).toBe('Arrives late on day 1.\nNeeds a ramp.');
  });

  it('reads international numbers as given, and a local one as a number of the event country', async () => {
    const { core, event } = await withEvent();
    const tashkent = await ok(core, 'participant.create', {
      ...amina,
      eventId: event.id,
      email: null,
      phone: '+998 90 123 45 67',
    });
    expect(tashkent.participant.phone).toBe('+998901234567');
    const local = await ok(core, 'participant.create', {
      ...amina,
      eventId: event.id,
      email: null,
      phone: '0722000000',
    });
    expect(local.participant.phone).toBe('+254722000000');
  });

  it('drops the invisible characters pasted names carry, as an import does, so search and the duplicate check find them', async () => {
    const { core, event } = await withEvent();
    await ok(core, 'participant.create', { ...amina, eventId: event.id });
    // Copied from a nominating ministry's web page: a zero-width space inside, a direction mark and a BOM around.
    const pasted = await ok(core, 'participant.findDuplicates', {
      givenNames: '\u200eAmina',
      familyName: 'Oti\u200beno\ufeff',
      country: 'KE',
    });
    expect(pasted).toHaveLength(1);
    const begic = await ok(core, 'participant.create', {
      ...amina,
      eventId: event.id,
      givenNames: 'D\u200bženan',
      familyName: 'Beg\u00adić\u200f',
      email: 'dzenan.begic@msb.gov.ba\u200b',
      phone: '+254 712\u200b 345 678',
      country: 'BA',
    });
    expect(begic.participant).toMatchObject({
      givenNames: 'Dženan',
      familyName: 'Begić',
      badgeName: 'Dženan Begić',
      email: 'dzenan.begic@msb.gov.ba',
      phone: '+254712345678',
    });
    expect((await ok(core, 'roster.search', { eventId: event.id, query: 'dzenan' })).map((h) => h.familyName)).toEqual([
      'Begić',
    ]);
    // Joiners are letters' business: a Persian name and an emoji keep theirs.
    const persian = await ok(core, 'participant.create', {
      ...amina,
      eventId: event.id,
      givenNames: '\u0645\u06cc\u200c\u0631\u0636\u0627',
      familyName: 'Karimi\u00a0👩🏽\u200d⚖️',
      country: 'IR',
    });
    expect(persian.participant.givenNames).toBe('\u0645\u06cc\u200c\u0631\u0636\u0627');
    expect(persian.participant.familyName).toBe('Karimi\u00a0👩🏽\u200d⚖️');
  });

  it('refuses a required name of nothing but invisible characters, and a right-to-left override is dropped, not printed', async () => {
    const { core, event } = await withEvent();
    const before = changeCount(core);
    for (const invisible of ['\u200b', '\u202e', '\u200f\u2066\u2069', '\ufeff ']) {
      const error = await refused(core, 'participant.create', { ...amina, eventId: event.id, familyName: invisible });
      expect(error.issues).toEqual([expect.objectContaining({ path: ['familyName'], key: 'blank' })]);
    }
    expect(changeCount(core)).toBe(before);
    // "Smith‮gpj.exe" would show as "Smithexe.jpg" on the desk, the badge and the sign-in sheet.
    const spoof = await ok(core, 'participant.create', {
      ...amina,
      eventId: event.id,
      familyName: 'Smith\u202egpj.exe',
    });
    expect(spoof.participant.familyName).toBe('Smithgpj.exe');
    const edited = await ok(core, 'participant.update', {
      id: spoof.participant.id,
      changes: { organisation: '\u202eNational Police Service' },
    });
    expect(edited.organisation).toBe('National Police Service');
  });

  it('takes a phone typed in Arabic-Indic or Persian digits, as an Arabic or Persian keyboard types it', async () => {
    const { core, event } = await withEvent();
    const arabic = await ok(core, 'participant.create', {
      ...amina,
      eventId: event.id,
      email: null,
      phone: '+٩٧١ ٥٠ ١٢٣ ٤٥٦٧',
    });
    expect(arabic.participant.phone).toBe('+971501234567');
    // A local number in the event's country, in Persian digits.
    const local = await ok(core, 'participant.create', {
      ...amina,
      eventId: event.id,
      email: null,
      phone: '۰۷۲۲۰۰۰۰۰۰',
    });
    expect(local.participant.phone).toBe('+254722000000');
    const error = await refused(core, 'participant.create', { ...amina, eventId: event.id, phone: '١٢' });
    expect(error.issues?.[0]).toMatchObject({ path: ['phone'], key: 'invalidPhone' });
  });

  it('registers and checks in a walk-in sent again with the same check-in nonce once, answering the first result', async () => {
    const { core, event } = await withEvent();
    const walkIn = {
      ...amina,
      eventId: event.id,
      status: 'walk_in' as const,
      checkIn: { id: randomUUID(), sessionId: event.sessions[0]!.id },
    };
    const first = await ok(core, 'participant.create', walkIn);
    const before = changeCount(core);
    // The desk keeps the nonce after an uncertain failure (the answer was lost) and the operator saves again.
    expect(await ok(core, 'participant.create', walkIn)).toEqual(first);
    expect(changeCount(core)).toBe(before);
    expect((await ok(core, 'roster.list', { eventId: event.id })).total).toBe(1);
    // The same nonce for another day is not a retry: refused, and nobody is registered by it.
    const other = await refused(core, 'participant.create', {
      ...walkIn,
      checkIn: { ...walkIn.checkIn, sessionId: event.sessions[1]!.id },
    });
    expect(other.code).toBe('conflict');
    expect(changeCount(core)).toBe(before);
  });

  it('records only the fields an edit changes, and nothing for an edit that changes nothing', async () => {
    const { core, event } = await withEvent();
    const { participant } = await ok(core, 'participant.create', { ...amina, eventId: event.id });
    const before = changeCount(core);
    const edited = await ok(core, 'participant.update', {
      id: participant.id,
      changes: { givenNames: 'Amina', jobTitle: 'Chief Inspector', phone: '+254 712 345 678' },
    });
    expect(edited.jobTitle).toBe('Chief Inspector');
    const last = core.ctx.db.prepare('SELECT entity, fields FROM changes ORDER BY seq DESC LIMIT 1').get() as {
      entity: string;
      fields: string;
    };
    expect(last.entity).toBe('participant');
    expect(Object.keys(JSON.parse(last.fields)).sort()).toEqual(['job_title', 'updated_at']);
    await ok(core, 'participant.update', { id: participant.id, changes: { jobTitle: 'Chief Inspector' } });
    expect(changeCount(core)).toBe(before + 1);
    expect(await refused(core, 'participant.update', { id: participant.id, changes: { email: 'x@' } })).toMatchObject({
      code: 'invalid_input',
      issues: [{ path: ['changes', 'email'], key: 'invalidEmail' }],
    });
  });

  it('changes a registration’s status and category, and refuses a code already taken in the event', async () => {
    const { core, event } = await withEvent();
    const { registration } = await ok(core, 'participant.create', { ...amina, eventId: event.id, code: '7kq2-m9xo' });
    expect(registration.code).toBe('7KQ2M9X0');
    const cancelled = await ok(core, 'registration.update', {
      id: registration.id,
      changes: { status: 'cancelled', category: 'observer' },
    });
    expect(cancelled).toMatchObject({ status: 'cancelled', category: 'observer' });
    const taken = await refused(core, 'participant.create', { ...amina, eventId: event.id, code: '7KQ2M9X0' });
    expect(taken.code).toBe('conflict');
    const bad = await refused(core, 'participant.create', { ...amina, eventId: event.id, code: 'UUUU' });
    expect(bad.issues).toEqual([expect.objectContaining({ path: ['code'], key: 'invalidCode' })]);
  });

  it('registering many in one transaction (an import) refuses a code given earlier in it or before, as the desk does', async () => {
    const { core, event } = await withEvent();
    const { ctx } = core;
    await ok(core, 'participant.create', { ...amina, eventId: event.id, code: '7KQ2M9X0' });
    const person = contract['participant.create'].input.parse({ ...amina, eventId: event.id });
    const registered = writeTransaction(ctx.db, () => {
      const facts = eventFacts(ctx.db, event.id);
      const first = registerNewPerson(ctx, { ...person, code: 'AB12CD34' }, facts);
      const again = () => registerNewPerson(ctx, { ...person, code: 'AB12CD34' }, facts);
      expect(again).toThrow(
        expect.objectContaining({ code: 'conflict', message: expect.stringContaining('AB12-CD34') }),
      );
      const before = () => registerNewPerson(ctx, { ...person, code: '7KQ2M9X0' }, facts);
      expect(before).toThrow(expect.objectContaining({ code: 'conflict' }));
      return [first, registerNewPerson(ctx, person, facts)];
    });
    const codes = registered.map(({ registrationId }) => getRegistration(ctx.db, registrationId).code);
    expect(codes[0]).toBe('AB12CD34');
    expect(codes[1]).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(new Set([...codes, '7KQ2M9X0']).size).toBe(3);
    // Facts read for one event never stand in for another's.
    const other = await ok(core, 'event.create', { ...nairobi, title: 'Another workshop' });
    expect(() => writeTransaction(ctx.db, () => registerNewPerson(ctx, person, eventFacts(ctx.db, other.id)))).toThrow(
      /used for event/,
    );
    // Nor when someone already known is registered: the other event's codes would decide theirs.
    const known = registered[0]!.participantId;
    const before = changeCount(core);
    const fields = { category: 'observer', status: 'confirmed' } as const;
    expect(() =>
      writeTransaction(ctx.db, () => register(ctx, event.id, known, fields, eventFacts(ctx.db, other.id))),
    ).toThrow(/used for event/);
    expect(changeCount(core)).toBe(before);
  });

  it('refuses to register people for an unknown or archived event', async () => {
    const { core, event } = await withEvent();
    await ok(core, 'event.archive', { id: event.id, archived: true });
    expect((await refused(core, 'participant.create', { ...amina, eventId: event.id })).code).toBe('conflict');
    const unknown = { ...amina, eventId: '00000000-0000-4000-8000-000000000000' };
    expect((await refused(core, 'participant.create', unknown)).code).toBe('not_found');
  });
});

describe('duplicates', () => {
  it('finds the same email, or the same folded name (either order) from the same country', async () => {
    const { core, event } = await withEvent();
    const jose = await ok(core, 'participant.create', {
      ...amina,
      eventId: event.id,
      givenNames: 'José  María',
      familyName: 'Pérez',
      gender: 'male',
      country: 'CO',
      email: 'jm.perez@policia.gov.co',
      phone: null,
    });
    const byName = await ok(core, 'participant.findDuplicates', {
      givenNames: 'jose maria',
      familyName: 'PEREZ',
      country: 'CO',
    });
    expect(byName.map((d) => [d.participant.id, d.reasons])).toEqual([[jose.participant.id, ['name_country']]]);
    expect(byName[0]!.registrations.map((r) => r.eventId)).toEqual([event.id]);
    const swapped = await ok(core, 'participant.findDuplicates', {
      givenNames: 'Pérez',
      familyName: 'José María',
      country: 'CO',
    });
    expect(swapped).toHaveLength(1);
    const both = await ok(core, 'participant.findDuplicates', {
      givenNames: 'José María',
      familyName: 'Pérez',
      country: 'CO',
      email: 'JM.Perez@policia.gov.co',
    });
    expect(both[0]!.reasons).toEqual(['email', 'name_country']);
    expect(
      await ok(core, 'participant.findDuplicates', { givenNames: 'José María', familyName: 'Pérez', country: 'MX' }),
    ).toEqual([]);
    expect(
      await ok(core, 'participant.findDuplicates', {
        givenNames: 'José María',
        familyName: 'Pérez',
        country: 'CO',
        excludeId: jose.participant.id,
      }),
    ).toEqual([]);
  });
});

describe('roster list', () => {
  it('filters, sorts and pages an event’s roster, with each line’s check-in for the chosen session', async () => {
    const { core, event } = await withEvent();
    const session = event.sessions[0]!.id;
    const people = [
      { givenNames: 'Zoë', familyName: 'Ávila', gender: 'female', country: 'CO', status: 'confirmed' },
      { givenNames: 'Brian', familyName: 'Kamau', gender: 'male', country: 'KE', status: 'invited' },
      { givenNames: 'Dilnoza', familyName: 'Yusupova', gender: 'female', country: 'UZ', status: 'cancelled' },
      { givenNames: 'Omar', familyName: 'Haddad', gender: 'male', country: 'JO', status: 'walk_in' },
    ] as const;
    const ids: string[] = [];
    for (const p of people) {
      const created = await ok(core, 'participant.create', { ...amina, ...p, email: null, eventId: event.id });
      ids.push(created.registration.id);
    }
    await ok(core, 'checkin.create', {
      id: crypto.randomUUID(),
      sessionId: session,
      registrationId: ids[1]!,
      method: 'search',
    });
    const names = (page: { rows: { familyName: string }[] }) => page.rows.map((r) => r.familyName);

    const all = await ok(core, 'roster.list', { eventId: event.id, sessionId: session });
    expect(all.total).toBe(4);
    expect(names(all)).toEqual(['Ávila', 'Haddad', 'Kamau', 'Yusupova']);
    expect(all.rows[2]!.attendance).toMatchObject({ state: 'checked_in', method: 'search', duplicates: false });
    expect(all.rows[0]!.attendance).toBeNull();

    const page = await ok(core, 'roster.list', {
      eventId: event.id,
      sort: 'name',
      direction: 'desc',
      limit: 2,
      offset: 1,
    });
    expect(page.total).toBe(4);
    expect(names(page)).toEqual(['Kamau', 'Haddad']);

    expect(names(await ok(core, 'roster.list', { eventId: event.id, gender: ['female'] }))).toEqual([
      'Ávila',
      'Yusupova',
    ]);
    expect(names(await ok(core, 'roster.list', { eventId: event.id, status: ['invited', 'walk_in'] }))).toEqual([
      'Haddad',
      'Kamau',
    ]);
    expect(names(await ok(core, 'roster.list', { eventId: event.id, sort: 'country' }))).toEqual([
      'Ávila',
      'Haddad',
      'Kamau',
      'Yusupova',
    ]);
    const checked = await ok(core, 'roster.list', { eventId: event.id, sessionId: session, checkedIn: true });
    expect([checked.total, names(checked)]).toEqual([1, ['Kamau']]);
    const notChecked = await ok(core, 'roster.list', {
      eventId: event.id,
      sessionId: session,
      checkedIn: false,
      country: ['UZ', 'CO'],
    });
    expect(names(notChecked)).toEqual(['Ávila', 'Yusupova']);

    // Renaming someone moves them in the name order (the roster projection follows the edit).
    const participantId = all.rows[0]!.participantId;
    await ok(core, 'participant.update', { id: participantId, changes: { familyName: 'Zapata' } });
    expect(names(await ok(core, 'roster.list', { eventId: event.id }))).toEqual([
      'Haddad',
      'Kamau',
      'Yusupova',
      'Zapata',
    ]);
    const noSession = await refused(core, 'roster.list', { eventId: event.id, checkedIn: true });
    expect(noSession.issues).toEqual([expect.objectContaining({ path: ['sessionId'], key: 'checkedInNeedsSession' })]);
  });
});
