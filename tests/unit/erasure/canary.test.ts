// Erased values must leave the file, not just the rows: the database, its WAL, the search indexes' segments, the
// change log, and any backup taken after the erasure. Searched as raw bytes, in UTF-8 and UTF-16 (both byte orders).
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupsDir } from '../../../electron/core/backups/files';
import { create } from '../../../electron/core/changes/write';
import type { Core } from '../../../electron/core/context';
import { writeTransaction } from '../../../electron/core/db/transaction';
import { signatureEntity } from '../../../electron/core/kiosk/store';
import { strokePng } from '../../fixtures/png';
import { nairobi, ok, refused, tempCore } from '../helpers';
import { namedForm } from '../feedback/forms';
import { found } from './canaries';

async function crowd(core: Core, eventId: string, n: number) {
  // Several transactions, so the search indexes hold several segments, as a real roster's would.
  for (let batch = 0; batch < 4; batch++) {
    for (let i = 0; i < n / 4; i++) {
      await ok(core, 'participant.create', {
        eventId,
        givenNames: `Wanjiru ${batch}-${i}`,
        familyName: 'Kamau',
        gender: i % 2 ? 'female' : 'male',
        country: 'KE',
        organisation: 'National Police Service',
        organisationType: 'law_enforcement',
        category: 'partner_state_delegate',
        email: `w${batch}.${i}@police.go.ke`,
      });
    }
  }
}

describe('erasing a person', () => {
  it('leaves none of their values in the database, its WAL or a backup taken afterwards', async () => {
    const core = tempCore();
    const event = await ok(core, 'event.create', nairobi);
    const tag = randomBytes(6).toString('hex');
    const given = `Zorvath${tag}`;
    const family = `Пташкина${tag}`;
    const email = `canary.${tag}@example.org`;
    const organisation = `Bureau ${tag} of Canaries`;
    await crowd(core, event.id, 40);
    const { participant, registration } = await ok(core, 'participant.create', {
      eventId: event.id,
      givenNames: given,
      familyName: family,
      badgeName: `${given} badge`,
      gender: 'female',
      country: 'UZ',
      organisation,
      organisationType: 'government',
      category: 'partner_state_delegate',
      email,
      phone: '+998 90 123 45 67',
      notes: `notes ${tag}`,
      jobTitle: `Inspector ${tag}`,
    });
    await ok(core, 'participant.update', { id: participant.id, changes: { jobTitle: `Chief ${tag}` } });
    await crowd(core, event.id, 20);
    const checkIn = await ok(core, 'checkin.create', {
      id: randomUUID(),
      sessionId: event.sessions[0]!.id,
      registrationId: registration.id,
      method: 'manual',
    });
    const png = strokePng(173, 57).toString('base64');
    writeTransaction(core.ctx.db, () => create(core.ctx, signatureEntity, checkIn.id, { png }));
    const drawing = png.slice(40, 90);
    // The folded forms are what the search indexes hold.
    const canaries = [tag, given, family, 'пташкина', email, organisation, '+998901234567', drawing];
    const db = core.file;
    const wal = `${core.file}-wal`;

    // Control: before the erasure the canaries are there, so the searches below can fail.
    expect([...new Set([...found(db, canaries), ...found(wal, canaries)])].sort()).toEqual([...canaries].sort());

    const erasure = await ok(core, 'person.erase', { participantId: participant.id });
    expect(erasure).toMatchObject({
      participantId: participant.id,
      registrationIds: [registration.id],
      signatures: 1,
      reason: 'request',
      alreadyErased: false,
      walCleared: true,
    });
    const backup = await ok(core, 'backup.create', {});

    expect(found(db, canaries)).toEqual([]);
    expect(found(wal, canaries)).toEqual([]);
    expect(found(path.join(backupsDir(core.file), backup.name), canaries)).toEqual([]);

    // What users see: no name, no search hit, the anonymous attributes and the attendance kept.
    const after = await ok(core, 'participant.get', { id: participant.id });
    expect(after.participant).toMatchObject({
      givenNames: '',
      familyName: '',
      email: null,
      phone: null,
      organisation: '',
      gender: 'female',
      country: 'UZ',
      organisationType: 'government',
    });
    expect(await ok(core, 'roster.search', { eventId: event.id, query: tag.slice(0, 6) })).toEqual([]);
    expect(await ok(core, 'roster.search', { eventId: event.id, query: 'Zorvath' })).toEqual([]);
    expect(await ok(core, 'roster.search', { eventId: event.id, query: 'Wanjiru' })).not.toEqual([]);
    const counters = await ok(core, 'checkin.counters', { sessionId: event.sessions[0]!.id });
    expect(counters).toMatchObject({ checkedIn: 1 });
  });

  it('is refused for an unknown person and is a no-op the second time', async () => {
    const core = tempCore();
    const event = await ok(core, 'event.create', nairobi);
    const { participant } = await ok(core, 'participant.create', {
      eventId: event.id,
      familyName: 'Otieno',
      gender: 'male',
      country: 'KE',
      organisation: 'NPS',
      organisationType: 'law_enforcement',
      category: 'partner_state_delegate',
    });
    const missing = await (await import('../helpers')).refused(core, 'person.erase', { participantId: randomUUID() });
    expect(missing.code).toBe('not_found');
    await ok(core, 'person.erase', { participantId: participant.id });
    const changes = core.ctx.db.prepare('SELECT count(*) FROM changes').pluck().get();
    expect(await ok(core, 'person.erase', { participantId: participant.id })).toMatchObject({ alreadyErased: true });
    expect(core.ctx.db.prepare('SELECT count(*) FROM changes').pluck().get()).toBe(changes);
    // New personal data cannot be typed into an erased record.
    const refusal = await (
      await import('../helpers')
    ).refused(core, 'participant.update', { id: participant.id, changes: { familyName: 'Otieno' } });
    expect(refusal.code).toBe('conflict');
  });

  it('blanks the free text a named respondent wrote, keeps their rating and choice in the figures, and takes no new answers in their name', async () => {
    const core = tempCore();
    const event = await ok(core, 'event.create', nairobi);
    const tag = randomBytes(6).toString('hex');
    const { participant, registration } = await ok(core, 'participant.create', {
      eventId: event.id,
      givenNames: `Zorvath${tag}`,
      familyName: 'Otieno',
      gender: 'female',
      country: 'KE',
      organisation: 'National Police Service',
      organisationType: 'law_enforcement',
      category: 'partner_state_delegate',
    });
    const { rating, choice, text } = await namedForm(core, event.id);
    const words = `As head of the port unit ${tag} I would like more on cargo screening`;
    await ok(core, 'feedback.submit', {
      id: randomUUID(),
      eventId: event.id,
      registrationId: registration.id,
      language: 'en',
      answers: { [rating]: 4, [choice]: 'day-2', [text]: words },
    });
    // Control: the words are in the file before the erasure.
    expect(found(core.file, [tag]).length + found(`${core.file}-wal`, [tag]).length).toBeGreaterThan(0);

    await ok(core, 'person.erase', { participantId: participant.id });
    expect(found(core.file, [tag])).toEqual([]);
    expect(found(`${core.file}-wal`, [tag])).toEqual([]);
    const figures = (await ok(core, 'report.get', { eventId: event.id })).feedback.events[0]!;
    expect(figures.responses).toBe(1);
    expect(figures.questions.map((q) => [q.kind, q.answered, q.mean])).toEqual([
      ['rating', 1, 4],
      ['choice', 1, null],
      ['text', 0, null],
    ]);
    expect(figures.questions[1]!.distribution.find((d) => d.value === 'day-2')?.count).toBe(1);
    expect(figures.questions[2]!.texts).toEqual([]);
    // Answers in an erased person's name would be their personal data again, under no name.
    const another = await refused(core, 'feedback.submit', {
      id: randomUUID(),
      eventId: event.id,
      registrationId: registration.id,
      language: 'en',
      answers: { [rating]: 1 },
    });
    expect(another.code).toBe('conflict');
    // The response itself is still a fact nothing else may change.
    expect(() =>
      core.ctx.db
        .prepare("UPDATE feedback_responses SET language = 'fr' WHERE registration_id = ?")
        .run(registration.id),
    ).toThrow(/never changed/);
  });
});
