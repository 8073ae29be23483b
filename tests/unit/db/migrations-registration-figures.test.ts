import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../../electron/core/context';
import { nairobi, ok, tempCore } from '../helpers';
import { undoRegistrationFigures } from './before-0022';

describe('0022 registration figures', () => {
  it('gives every registration of a version-21 database its person’s figures, which later edits of past events keep', async () => {
    const core = tempCore();
    const first = await ok(core, 'event.create', nairobi);
    const second = await ok(core, 'event.create', {
      ...nairobi,
      title: 'Follow-up',
      startDate: '2024-03-04',
      endDate: '2024-03-05',
    });
    const person = {
      familyName: 'Otieno',
      gender: 'female',
      country: 'KE',
      organisation: 'National Police Service',
      organisationType: 'law_enforcement',
      category: 'partner_state_delegate',
    } as const;
    const amina = await ok(core, 'participant.create', { eventId: first.id, ...person });
    await ok(core, 'participant.create', {
      eventId: second.id,
      ...person,
      familyName: 'Begić',
      gender: 'male',
      country: 'BA',
      organisationType: 'security_agency',
      checkIn: { id: randomUUID(), sessionId: second.sessions[0]!.id },
    });
    const db = core.ctx.db;
    undoRegistrationFigures(db);
    expect(
      db.prepare("SELECT count(*) FROM pragma_table_info('registrations') WHERE name = 'country'").pluck().get(),
    ).toBe(0);
    const rosterBefore = db.prepare('SELECT registration_id, gender, country FROM roster ORDER BY 1').all();
    core.close();

    const migrated = openCore(core.file);
    try {
      const mdb = migrated.ctx.db;
      expect(
        mdb
          .prepare(
            `SELECT p.family_name, r.gender, r.country, r.organisation_type
             FROM registrations r JOIN participants p ON p.id = r.participant_id ORDER BY p.family_name`,
          )
          .all(),
      ).toEqual([
        { family_name: 'Begić', gender: 'male', country: 'BA', organisation_type: 'security_agency' },
        { family_name: 'Otieno', gender: 'female', country: 'KE', organisation_type: 'law_enforcement' },
      ]);
      // The projection already held these values: nothing is left queued to rebuild at the first write.
      expect(mdb.prepare('SELECT count(*) FROM roster_queue').pluck().get()).toBe(0);
      expect(mdb.prepare('SELECT registration_id, gender, country FROM roster ORDER BY 1').all()).toEqual(rosterBefore);

      // Both workshops are over: an edit after the upgrade leaves what they reported.
      await ok(migrated, 'participant.update', { id: amina.participant.id, changes: { country: 'UG' } });
      expect(mdb.prepare('SELECT country FROM registrations WHERE id = ?').pluck().get(amina.registration.id)).toBe(
        'KE',
      );
      const report = await ok(migrated, 'report.get', { eventId: second.id });
      expect(report.totals.byOrganisationType.security_agency).toBe(1);
    } finally {
      migrated.close();
    }
  });
});
