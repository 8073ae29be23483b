import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Input } from '../../../electron/core/api/contract';
import type { Core } from '../../../electron/core/context';
import { writeTransaction } from '../../../electron/core/db/transaction';
import { readExportData } from '../../../electron/core/exports/data';
import { summarise } from '../../../electron/core/exports/summary';
import { register } from '../../../electron/core/participants/handlers';
import { csv, encode, previewed } from '../imports/files';
import { nairobi, ok, refused, tempCore } from '../helpers';

// 29 November 2026, 10:00 UTC: Nairobi 2023 is long over, the Tashkent workshop is on.
const now = Date.parse('2026-11-29T10:00:00.000Z');

const tashkent: Input<'event.create'> = {
  title: 'CT TECH regional workshop: Central Asia',
  venue: 'Hyatt Regency',
  city: 'Tashkent',
  country: 'UZ',
  startDate: '2026-11-28',
  endDate: '2026-12-01',
  timeZone: 'Asia/Tashkent',
  languages: ['en', 'ru'],
};

const amina = {
  givenNames: 'Amina',
  familyName: 'Otieno',
  gender: 'female',
  country: 'KE',
  organisation: 'National Police Service',
  organisationType: 'law_enforcement',
  email: 'amina.otieno@police.go.ke',
  category: 'partner_state_delegate',
} as const;

async function attend(core: Core, eventId: string, registrationId: string): Promise<void> {
  const event = await ok(core, 'event.get', { id: eventId });
  await ok(core, 'checkin.create', {
    id: randomUUID(),
    sessionId: event.sessions[0]!.id,
    registrationId,
    method: 'manual',
  });
}

/** Amina attended Nairobi 2023 and is checked in at Tashkent now; both workshops belong to one programme. */
async function twoWorkshops(clock = now) {
  const core = tempCore({ wallClock: () => clock });
  const past = await ok(core, 'event.create', nairobi);
  const current = await ok(core, 'event.create', tashkent);
  const programme = await ok(core, 'programme.create', { name: 'CT TECH', eventIds: [past.id, current.id] });
  const created = await ok(core, 'participant.create', { eventId: past.id, ...amina });
  const personId = created.participant.id;
  await attend(core, past.id, created.registration.id);
  const registrationId = writeTransaction(core.ctx.db, () =>
    register(core.ctx, current.id, personId, { category: 'partner_state_delegate', status: 'confirmed' }),
  );
  await attend(core, current.id, registrationId);
  return { core, past, current, programme, personId };
}

/** The organisation types and countries with an attendee in the event summary (XLSX Summary sheet and PDF). */
function summaryOf(core: Core, eventId: string) {
  const summary = summarise(readExportData(core.ctx, eventId, { includeCancelled: false, signatures: false }));
  const present = (counts: typeof summary.byCountry) => counts.filter((c) => c.attended > 0).map((c) => c.key);
  return {
    organisationTypes: present(summary.byOrganisationType),
    countries: present(summary.byCountry),
    women: summary.womenAttended,
  };
}

async function programmeTypes(core: Core, programmeId: string) {
  const report = await ok(core, 'report.get', { programmeId });
  return Object.entries(report.totals.byOrganisationType)
    .filter(([, n]) => n > 0)
    .map(([type]) => type);
}

const before = { organisationTypes: ['law_enforcement'], countries: ['KE'], women: 1 };
const after = { organisationTypes: ['prosecution_judiciary'], countries: ['UG'], women: 1 };
const edit = { organisationType: 'prosecution_judiciary', country: 'UG' } as const;

describe('a workshop’s figures as they stood', () => {
  it('keeps a past workshop’s figures when the person changes later, and gives the current one the new values', async () => {
    const { core, past, current, programme, personId } = await twoWorkshops();
    expect(summaryOf(core, past.id)).toEqual(before);
    expect(summaryOf(core, current.id)).toEqual(before);

    await ok(core, 'participant.update', { id: personId, changes: edit });

    expect(summaryOf(core, past.id)).toEqual(before);
    expect(summaryOf(core, current.id)).toEqual(after);
    // Per-event reports, the programme report (which describes a person by their first workshop) and the live
    // dashboard read the same per-registration values.
    expect((await ok(core, 'report.get', { eventId: past.id })).totals.byOrganisationType.law_enforcement).toBe(1);
    expect((await ok(core, 'report.get', { eventId: current.id })).totals.byCountry).toMatchObject([{ country: 'UG' }]);
    expect(await programmeTypes(core, programme.id)).toEqual(['law_enforcement']);
    const board = await ok(core, 'dashboard.get', { sessionId: current.sessions[0]!.id });
    expect(board.byOrganisationType.prosecution_judiciary).toEqual({ expected: 1, checkedIn: 1 });
    expect(board.byCountry).toEqual([{ country: 'UG', expected: 1, checkedIn: 1 }]);
    // Each event's roster shows the person as they were there; the person record is who they are now.
    const line = async (eventId: string) => (await ok(core, 'roster.list', { eventId })).rows[0]!;
    expect(await line(past.id)).toMatchObject({ country: 'KE', organisationType: 'law_enforcement' });
    expect(await line(current.id)).toMatchObject({ country: 'UG', organisationType: 'prosecution_judiciary' });
    expect((await ok(core, 'roster.list', { eventId: past.id, country: ['KE'] })).total).toBe(1);
    expect((await ok(core, 'participant.get', { id: personId })).participant).toMatchObject(edit);
  });

  it('changes every workshop’s figures when the edit is a correction, ticked with the edit or after it', async () => {
    const { core, past, current, programme, personId } = await twoWorkshops();
    expect((await ok(core, 'participant.get', { id: personId })).pastEvents).toBe(1);
    await ok(core, 'participant.update', { id: personId, changes: edit, correctPast: true });
    expect(summaryOf(core, past.id)).toEqual(after);
    expect(summaryOf(core, current.id)).toEqual(after);
    expect(await programmeTypes(core, programme.id)).toEqual(['prosecution_judiciary']);

    // "Her gender was always stated wrongly", saved without the tick, then corrected with nothing else changed.
    await ok(core, 'participant.update', { id: personId, changes: { gender: 'not_stated' } });
    expect(summaryOf(core, past.id).women).toBe(1);
    await ok(core, 'participant.update', { id: personId, changes: {}, correctPast: true });
    expect(summaryOf(core, past.id)).toEqual({ ...after, women: 0 });
  });

  it('treats an event as on until its last day has passed where it takes place, and an archived one as over', async () => {
    // 02:00 UTC on the 29th is still the 28th in Port of Spain, already the 29th in Tashkent.
    const core = tempCore({ wallClock: () => Date.parse('2026-11-29T02:00:00.000Z') });
    const ending = { ...tashkent, startDate: '2026-11-27', endDate: '2026-11-28' };
    const portOfSpain = await ok(core, 'event.create', {
      ...ending,
      city: 'Port of Spain',
      country: 'TT',
      timeZone: 'America/Port_of_Spain',
    });
    const centralAsia = await ok(core, 'event.create', ending);
    const later = await ok(core, 'event.create', {
      ...tashkent,
      title: 'Follow-up',
      startDate: '2027-03-01',
      endDate: '2027-03-02',
    });
    const { participant } = await ok(core, 'participant.create', { eventId: portOfSpain.id, ...amina });
    for (const event of [centralAsia, later]) {
      writeTransaction(core.ctx.db, () =>
        register(core.ctx, event.id, participant.id, { category: 'partner_state_delegate', status: 'invited' }),
      );
    }
    await ok(core, 'event.archive', { id: later.id, archived: true });
    expect((await ok(core, 'participant.get', { id: participant.id })).pastEvents).toBe(2);

    await ok(core, 'participant.update', { id: participant.id, changes: { country: 'UG' } });
    const countries = (eventId: string) =>
      core.ctx.db
        .prepare('SELECT country FROM registrations WHERE event_id = ? AND participant_id = ?')
        .pluck()
        .get(eventId, participant.id);
    expect(countries(portOfSpain.id)).toBe('UG');
    expect(countries(centralAsia.id)).toBe('KE');
    expect(countries(later.id)).toBe('KE');
    // A correction reaches an archived workshop too: its figures were wrong, not merely old.
    await ok(core, 'participant.update', { id: participant.id, changes: {}, correctPast: true });
    expect(countries(later.id)).toBe('UG');
  });

  it('records each change to a registration’s figures as a change, only for the fields that moved', async () => {
    const { core, past, personId } = await twoWorkshops();
    const registrationChanges = () =>
      core.ctx.db
        .prepare("SELECT fields FROM changes WHERE entity = 'registration' ORDER BY seq")
        .pluck()
        .all()
        .map((f) => JSON.parse(f as string) as Record<string, unknown>);
    const count = registrationChanges().length;
    // A creation records the person's figures with the registration, from the row written (no read back).
    expect(registrationChanges()[0]).toMatchObject({ event_id: past.id, gender: 'female', country: 'KE' });
    await ok(core, 'participant.update', { id: personId, changes: { jobTitle: 'Inspector' } });
    expect(registrationChanges()).toHaveLength(count);
    await ok(core, 'participant.update', { id: personId, changes: { organisationType: 'security_agency' } });
    const [last] = registrationChanges().slice(count);
    expect(Object.keys(last!).sort()).toEqual(['organisation_type', 'updated_at']);
    expect(registrationChanges()).toHaveLength(count + 1);
  });

  it('refuses a correction flag that is not a boolean, changing nothing', async () => {
    const { core, past, personId } = await twoWorkshops();
    const error = await refused(core, 'participant.update', { id: personId, changes: edit, correctPast: 'yes' });
    expect(error.code).toBe('invalid_input');
    expect(summaryOf(core, past.id)).toEqual(before);
    expect((await ok(core, 'participant.get', { id: personId })).participant.country).toBe('KE');
  });

  it('applies the same rule when an import updates an existing person', async () => {
    const { core, past, current, personId } = await twoWorkshops();
    const header = ['First name', 'Last name', 'Gender', 'Country', 'Organisation', 'Organisation type', 'E-mail'];
    const row = ['Amina', 'Otieno', 'F', 'Uganda', 'High Court', 'Judiciary', amina.email];
    const jobId = randomUUID();
    await previewed(core, current.id, encode(csv([header, row]), 'utf-8'), { jobId });
    expect(await ok(core, 'import.commit', { jobId, onDuplicate: 'update' })).toMatchObject({ updated: [2] });
    expect(summaryOf(core, past.id)).toEqual(before);
    expect(summaryOf(core, current.id)).toEqual(after);
    expect((await ok(core, 'participant.get', { id: personId })).participant).toMatchObject(edit);
  });

  it('registers someone already known, by import, with their figures as they are now', async () => {
    const core = tempCore({ wallClock: () => now });
    const past = await ok(core, 'event.create', nairobi);
    const current = await ok(core, 'event.create', tashkent);
    const { participant } = await ok(core, 'participant.create', { eventId: past.id, ...amina });
    // The row gives no organisation type: the registration takes hers, not the import's default for the category.
    const header = ['First name', 'Last name', 'Gender', 'Country', 'Organisation', 'E-mail', 'Category'];
    const jobId = randomUUID();
    await previewed(
      core,
      current.id,
      encode(csv([header, ['Amina', 'Otieno', 'F', 'Kenya', 'NPS', amina.email, 'Embassy']]), 'utf-8'),
      { jobId },
    );
    expect(await ok(core, 'import.commit', { jobId, onDuplicate: 'update' })).toMatchObject({ updated: [2] });
    const { registrations } = await ok(core, 'participant.get', { id: participant.id });
    expect(registrations.map((r) => r.eventId).sort()).toEqual([past.id, current.id].sort());
    expect(
      core.ctx.db.prepare('SELECT organisation_type FROM registrations WHERE event_id = ?').pluck().get(current.id),
    ).toBe('law_enforcement');
  });

  it('keeps each workshop’s figures through an erasure, which keeps exactly these coarse fields', async () => {
    const { core, past, current, programme, personId } = await twoWorkshops();
    await ok(core, 'participant.update', { id: personId, changes: edit });
    const reports = async () => ({
      past: summaryOf(core, past.id),
      current: summaryOf(core, current.id),
      programme: await programmeTypes(core, programme.id),
    });
    const seen = await reports();
    await ok(core, 'person.erase', { participantId: personId });
    expect(await reports()).toEqual(seen);
    // Nothing else of the person is copied to a registration, so the erasure has nothing more to blank there.
    const copied = core.ctx.db
      .prepare("SELECT fields FROM changes WHERE entity = 'registration'")
      .pluck()
      .all()
      .flatMap((f) => Object.keys(JSON.parse(f as string) as object));
    expect([...new Set(copied)].sort()).toEqual([
      'category',
      'code',
      'country',
      'created_at',
      'event_id',
      'gender',
      'organisation_type',
      'participant_id',
      'status',
      'updated_at',
    ]);
    // An erased person cannot be edited, so their registrations' figures cannot move afterwards either.
    expect((await refused(core, 'participant.update', { id: personId, changes: {}, correctPast: true })).code).toBe(
      'conflict',
    );
  });
});
