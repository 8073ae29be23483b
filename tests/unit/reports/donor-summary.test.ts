// Acceptance: the per-event figures a donor reads, against a count done by hand on a small mixed roster.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Input } from '../../../electron/core/api/contract';
import type { Core } from '../../../electron/core/context';
import { writeTransaction } from '../../../electron/core/db/transaction';
import { readExportData } from '../../../electron/core/exports/data';
import { fontsFolder } from '../../../electron/core/exports/pdf/fonts';
import { renderSummary } from '../../../electron/core/exports/pdf/summary';
import { summarise, type Count } from '../../../electron/core/exports/summary';
import { applyChanges } from '../../../electron/core/sync/apply';
import { pdfText } from '../exports/readers';
import { nairobi, ok, tempCore } from '../helpers';

// Nairobi 2023 (three days) is long over when the figures are read.
const now = Date.parse('2026-11-29T10:00:00.000Z');

type Person = Omit<Input<'participant.create'>, 'eventId'>;
const person = (familyName: string, fields: Partial<Person>): Person => ({
  givenNames: 'Test',
  familyName,
  gender: 'female',
  country: 'KE',
  organisation: 'National Police Service',
  organisationType: 'law_enforcement',
  category: 'partner_state_delegate',
  ...fields,
});

/**
 * The roster, by hand (sessions 1, 2, 3):
 * - Otieno, woman, KE, delegate, law enforcement: sessions 1 and 2 (not 3).
 * - Mwangi, man, UG, delegate: registered, then cancelled (counts nowhere).
 * - Haji, woman, TZ, embassy, diplomatic mission: a walk-in on day 1.
 * - Karimov, man, UZ, UN, UN entity: day 1, then erased at his request (still counted).
 * - Begić, man, BA, delegate, prosecution: all three days; his country was edited to DE after the event.
 * - Suda, woman, TH, private sector: registered on an older Muster (no copied fields), day 3.
 * - Ng, gender not stated, SG, civil society: day 3.
 * - Ali, man, ET, observer, government: confirmed, never came (the only one from Ethiopia).
 */
async function mixedRoster(core: Core) {
  const event = await ok(core, 'event.create', nairobi);
  const [s1, s2, s3] = event.sessions.map((s) => s.id) as [string, string, string];
  const add = (p: Person, status: Person['status'] = 'confirmed') =>
    ok(core, 'participant.create', { eventId: event.id, ...p, status });
  const attend = async (registrationId: string, ...sessions: string[]) => {
    for (const sessionId of sessions)
      await ok(core, 'checkin.create', { id: randomUUID(), sessionId, registrationId, method: 'qr' });
  };

  const otieno = await add(person('Otieno', {}));
  await attend(otieno.registration.id, s1, s2);
  const mwangi = await add(person('Mwangi', { gender: 'male', country: 'UG' }));
  await ok(core, 'registration.update', { id: mwangi.registration.id, changes: { status: 'cancelled' } });
  const haji = await add(
    person('Haji', { country: 'TZ', category: 'embassy', organisationType: 'diplomatic_mission' }),
    'walk_in',
  );
  await attend(haji.registration.id, s1);
  const karimov = await add(
    person('Karimov', { gender: 'male', country: 'UZ', category: 'un', organisationType: 'un_entity' }),
  );
  await attend(karimov.registration.id, s1);
  const begic = await add(
    person('Begić', { gender: 'male', country: 'BA', organisationType: 'prosecution_judiciary' }),
  );
  await attend(begic.registration.id, s1, s2, s3);
  const ng = await add(
    person('Ng', {
      gender: 'not_stated',
      country: 'SG',
      category: 'civil_society_academia',
      organisationType: 'civil_society_academia',
    }),
  );
  await attend(ng.registration.id, s3);
  await add(person('Ali', { gender: 'male', country: 'ET', category: 'observer', organisationType: 'government' }));

  // Suda's registration came by sync from a kiosk on an older Muster: it names no gender, country or type of its own.
  const sudaId = randomUUID();
  const sudaRegistration = randomUUID();
  const at = '2023-09-11T10:00:00.000Z';
  writeTransaction(core.ctx.db, () =>
    applyChanges(core.ctx.db, [
      {
        hlc: `${at}-0000-00000000000000aa`,
        entity: 'participant',
        id: sudaId,
        fields: {
          given_names: 'Test',
          family_name: 'Suda',
          gender: 'female',
          country: 'TH',
          organisation: 'Siam Security Co.',
          organisation_type: 'private_sector',
          created_at: at,
          updated_at: at,
        },
      },
      {
        hlc: `${at}-0001-00000000000000aa`,
        entity: 'registration',
        id: sudaRegistration,
        fields: {
          event_id: event.id,
          participant_id: sudaId,
          category: 'private_sector',
          status: 'confirmed',
          code: 'K7M29QXD',
          created_at: at,
          updated_at: at,
        },
      },
    ]),
  );
  await attend(sudaRegistration, s3);

  await ok(core, 'participant.update', { id: begic.participant.id, changes: { country: 'DE' } });
  await ok(core, 'person.erase', { participantId: karimov.participant.id });
  return event;
}

const attendedBy = (counts: readonly Count[]) =>
  Object.fromEntries(counts.filter((c) => c.registered > 0).map((c) => [c.key, [c.registered, c.attended]]));

describe('the event summary a donor reads, checked by hand', () => {
  it('counts a mixed roster as a person counting on paper would', async () => {
    const core = tempCore({ wallClock: () => now });
    const event = await mixedRoster(core);
    const data = readExportData(core.ctx, event.id, { includeCancelled: false, signatures: false });
    const summary = summarise(data);

    // Registered: everyone but Mwangi (7); attended: all but Mwangi and Ali (6).
    expect(summary).toMatchObject({ registered: 7, attended: 6, womenRegistered: 3, womenAttended: 3 });
    // Women: Otieno, Haji, Suda, of the 5 attendees who stated a gender (Ng did not): 60%, as the report says.
    expect(summary.womenPercent).toBeCloseTo(60, 5);
    // Countries of attendees: KE, TZ, UZ, BA (Begić as he was), TH, SG.
    expect(summary.countriesAttended).toBe(6);
    expect(attendedBy(summary.byCountry)).toEqual({
      KE: [1, 1],
      TZ: [1, 1],
      UZ: [1, 1],
      BA: [1, 1],
      TH: [1, 1],
      SG: [1, 1],
      ET: [1, 0],
    });
    expect(attendedBy(summary.byGender)).toEqual({ female: [3, 3], male: [3, 2], not_stated: [1, 1] });
    expect(attendedBy(summary.byCategory)).toEqual({
      partner_state_delegate: [2, 2],
      embassy: [1, 1],
      un: [1, 1],
      private_sector: [1, 1],
      civil_society_academia: [1, 1],
      observer: [1, 0],
    });
    expect(attendedBy(summary.byOrganisationType)).toEqual({
      law_enforcement: [1, 1],
      diplomatic_mission: [1, 1],
      un_entity: [1, 1],
      prosecution_judiciary: [1, 1],
      private_sector: [1, 1],
      civil_society_academia: [1, 1],
      government: [1, 0],
    });
    // Day 1: Otieno, Haji, Karimov, Begić; day 2: Otieno, Begić; day 3: Begić, Suda, Ng.
    expect(summary.sessions.map((s) => [s.expected, s.checkedIn, s.women])).toEqual([
      [7, 4, 2],
      [7, 2, 1],
      [7, 3, 1],
    ]);

    // The report for the event says the same.
    const report = await ok(core, 'report.get', { eventId: event.id });
    const workshop = report.workshops[0]!;
    expect(workshop).toMatchObject({
      registered: 7,
      attended: 6,
      noShows: 1,
      attendedAllSessions: 1,
      countries: 6,
      women: 3,
      genderStated: 5,
      genderNotStated: 1,
      womenPercent: 60,
      otherParticipants: 4,
    });
    expect(workshop.attendance.map((s) => s.attended)).toEqual([4, 2, 3]);
    expect(report.totals.byCountry.map((c) => [c.country, c.attended])).toEqual(
      expect.arrayContaining([
        ['BA', 1],
        ['TH', 1],
        ['KE', 1],
      ]),
    );

    // The summary PDF's headline figures.
    const { bytes } = await renderSummary(data, fontsFolder(), 'en', () => {});
    const text = pdfText(bytes).replace(/\s+/g, ' ');
    expect(text).toContain('60%');
    // Countries represented are those of attendees, in the headline and over the chart alike (Ethiopia's only
    // registrant never came): the report's definition.
    expect(text).toContain('7 6 60% 6 Registered Attended Women Countries');
    expect(text).toContain('Countries represented (6)');
    expect(text).not.toContain('Germany');
  });

  it('gives no share of women, as the report does, when nobody stated a gender', async () => {
    const core = tempCore({ wallClock: () => now });
    const event = await ok(core, 'event.create', nairobi);
    const registered = await ok(core, 'participant.create', {
      eventId: event.id,
      ...person('Ng', { gender: 'not_stated', country: 'SG' }),
    });
    const sessionId = event.sessions[0]!.id;
    await ok(core, 'checkin.create', {
      id: randomUUID(),
      sessionId,
      registrationId: registered.registration.id,
      method: 'qr',
    });
    const data = readExportData(core.ctx, event.id, { includeCancelled: false, signatures: false });
    expect(summarise(data).womenPercent).toBeNull();
    const report = await ok(core, 'report.get', { eventId: event.id });
    expect(report.totals.womenPercent).toBeNull();
    const { bytes } = await renderSummary(data, fontsFolder(), 'en', () => {});
    const text = pdfText(bytes).replace(/\s+/g, ' ');
    expect(text).toContain('1 1 – 1 Registered Attended Women Countries');
  });
});
