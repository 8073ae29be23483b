import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../../electron/core/changes/clock';
import { openCore } from '../../../electron/core/context';
import { exportBundle, importBundle } from '../../../electron/core/sync/sync';
import { eventState } from '../../../electron/core/sync/scope';
import { signatureFor } from '../../../electron/core/exports/signatures';
import { duplicatesSql } from '../../../electron/core/sync/conflicts';
import { strokePng } from '../kiosk/people';
import { changeCount, ok, refused } from '../helpers';
import { addPerson, checkIn, content, deliver, passphrase, replica, seedEvent } from './replicas';

describe('sync merge rules', () => {
  it('settles each field by the newest timestamp, field by field, the same way on both replicas', async () => {
    const a = replica(0);
    const b = replica(0);
    const { eventId } = await seedEvent(a.core);
    const person = await addPerson(a.core, eventId, 'Otieno');
    await deliver(a.core, b.core, eventId);
    const id = person.participant.id;
    // Offline: A changes organisation and job title first; B changes the job title later and the notes earlier.
    b.setTime(1_000);
    await ok(b.core, 'participant.update', { id, changes: { notes: 'from B' } });
    a.setTime(2_000);
    await ok(a.core, 'participant.update', {
      id,
      changes: { organisation: 'Ministry of Interior', jobTitle: 'A title' },
    });
    b.setTime(3_000);
    await ok(b.core, 'participant.update', { id, changes: { jobTitle: 'B title' } });

    await deliver(a.core, b.core, eventId);
    await deliver(b.core, a.core, eventId);
    for (const r of [a, b]) {
      const p = (await ok(r.core, 'participant.get', { id })).participant;
      expect(p).toMatchObject({ organisation: 'Ministry of Interior', jobTitle: 'B title', notes: 'from B' });
    }
    expect(content(a.core, eventId)).toEqual(content(b.core, eventId));
    expect(eventState(a.core.ctx.db, eventId).digest).toBe(eventState(b.core.ctx.db, eventId).digest);
  });

  it('does not let an older change overwrite a newer local one, yet keeps it in the log', async () => {
    const a = replica(0);
    const b = replica(0);
    const { eventId } = await seedEvent(a.core);
    const person = await addPerson(a.core, eventId, 'Kamau');
    await deliver(a.core, b.core, eventId);
    const id = person.participant.id;
    b.setTime(500);
    await ok(b.core, 'participant.update', { id, changes: { jobTitle: 'older' } });
    a.setTime(900);
    await ok(a.core, 'participant.update', { id, changes: { jobTitle: 'newer' } });
    const before = changeCount(a.core);
    const result = await deliver(b.core, a.core, eventId);
    expect(result.applied).toBe(1);
    expect(changeCount(a.core)).toBe(before + 1);
    expect((await ok(a.core, 'participant.get', { id })).participant.jobTitle).toBe('newer');
  });

  it('keeps both offline check-ins of one person for one session, flagged, and counts the person once', async () => {
    const a = replica(0);
    const b = replica(0);
    const { eventId, sessionIds } = await seedEvent(a.core);
    const session = sessionIds[0]!;
    const person = await addPerson(a.core, eventId, 'Odhiambo');
    await deliver(a.core, b.core, eventId);
    a.setTime(1_000);
    b.setTime(1_500);
    const first = await checkIn(a.core, session, person.registration.id);
    const second = await checkIn(b.core, session, person.registration.id);
    await deliver(a.core, b.core, eventId);
    await deliver(b.core, a.core, eventId);
    for (const r of [a, b]) {
      const ids = r.core.ctx.db.prepare('SELECT id FROM checkins ORDER BY id').pluck().all();
      expect(ids).toEqual([first.id, second.id].sort());
      const row = r.core.ctx.db
        .prepare('SELECT checkin_id, active_count FROM attendance WHERE session_id = ?')
        .get(session) as { checkin_id: string; active_count: number };
      // The earlier check-in is "the" one on both replicas; the count flags the duplicate.
      expect(row).toEqual({ checkin_id: first.id, active_count: 2 });
      expect((await ok(r.core, 'checkin.counters', { sessionId: session })).checkedIn).toBe(1);
    }
  });

  it('merges undo, cancellation and a removed session as the changes they are', async () => {
    const a = replica(0);
    const b = replica(0);
    const { eventId, sessionIds } = await seedEvent(a.core);
    const person = await addPerson(a.core, eventId, 'Mwangi');
    const other = await addPerson(a.core, eventId, 'Njoroge');
    const record = await checkIn(a.core, sessionIds[0]!, person.registration.id);
    await deliver(a.core, b.core, eventId);
    b.setTime(1_000);
    await ok(b.core, 'checkin.undo', { id: randomUUID(), recordId: record.id });
    await ok(b.core, 'session.remove', { id: sessionIds[1]! });
    a.setTime(1_200);
    await ok(a.core, 'registration.update', { id: other.registration.id, changes: { status: 'cancelled' } });
    await deliver(b.core, a.core, eventId);
    await deliver(a.core, b.core, eventId);
    for (const r of [a, b]) {
      const attendance = r.core.ctx.db.prepare('SELECT count(*) FROM attendance').pluck().get();
      expect(attendance).toBe(0);
      const event = await ok(r.core, 'event.get', { id: eventId });
      expect(event.sessions.map((s) => s.id)).not.toContain(sessionIds[1]);
      const reg = (await ok(r.core, 'participant.get', { id: other.participant.id })).registrations[0];
      expect(reg?.status).toBe('cancelled');
    }
    expect(content(a.core, eventId)).toEqual(content(b.core, eventId));
  });

  it('carries the signature drawn at a kiosk to headquarters, for its sign-in sheet; the kiosk’s PIN stays behind', async () => {
    const kiosk = replica(0);
    const hq = replica(0);
    const { eventId, sessionIds } = await seedEvent(kiosk.core);
    const person = await addPerson(kiosk.core, eventId, 'Otieno');
    await ok(kiosk.core, 'kiosk.enter', { sessionId: sessionIds[0]!, pin: '2468' });
    const id = randomUUID();
    const png = strokePng().toString('base64');
    await ok(kiosk.core, 'kiosk.checkIn', {
      id,
      registrationId: person.registration.id,
      method: 'search',
      signature: png,
    });
    await deliver(kiosk.core, hq.core, eventId);
    expect(Buffer.from(signatureFor(hq.core.ctx.db, id)!)).toEqual(strokePng());
    expect(hq.core.ctx.db.prepare('SELECT count(*) FROM kiosks').pluck().get()).toBe(0);
    expect(eventState(hq.core.ctx.db, eventId).digest).toBe(eventState(kiosk.core.ctx.db, eventId).digest);
  });

  it('carries the event’s programme and the decisions that two records are one person', async () => {
    const kiosk = replica(0);
    const hq = replica(0);
    const { eventId } = await seedEvent(kiosk.core);
    const a = await addPerson(kiosk.core, eventId, 'Otieno', { email: 'amina@police.go.ke' });
    const b = await addPerson(kiosk.core, eventId, 'Otieno-Wanjiru', { email: 'amina@police.go.ke' });
    const programme = await ok(kiosk.core, 'programme.create', { name: 'CT TECH', eventIds: [eventId] });
    await ok(kiosk.core, 'person.merge', { a: a.participant.id, b: b.participant.id });
    await deliver(kiosk.core, hq.core, eventId);
    expect(await ok(hq.core, 'programme.get', { id: programme.id })).toMatchObject({ name: 'CT TECH' });
    const there = await ok(hq.core, 'report.get', { programmeId: programme.id });
    const here = await ok(kiosk.core, 'report.get', { programmeId: programme.id });
    expect(there).toEqual(here);
    expect(eventState(hq.core.ctx.db, eventId).digest).toBe(eventState(kiosk.core.ctx.db, eventId).digest);
  });

  it('shows staff the duplicate check-ins and the fields two devices set, with the value that won', async () => {
    const a = replica(0);
    const b = replica(0);
    const { eventId, sessionIds } = await seedEvent(a.core);
    const person = await addPerson(a.core, eventId, 'Otieno');
    await deliver(a.core, b.core, eventId);
    const sessionId = sessionIds[0]!;
    // Offline, both kiosks check Amina in, and each corrects her job title.
    a.setTime(1_000);
    await checkIn(a.core, sessionId, person.registration.id);
    await ok(a.core, 'participant.update', { id: person.participant.id, changes: { jobTitle: 'Inspector' } });
    b.setTime(2_000);
    await checkIn(b.core, sessionId, person.registration.id);
    await ok(b.core, 'participant.update', { id: person.participant.id, changes: { jobTitle: 'Chief Inspector' } });
    await deliver(a.core, b.core, eventId);
    await deliver(b.core, a.core, eventId);

    for (const r of [a, b]) {
      const conflicts = await ok(r.core, 'sync.conflicts', { eventId });
      expect(conflicts.duplicateCheckIns).toEqual([
        expect.objectContaining({
          registrationId: person.registration.id,
          sessionId,
          checkIns: 2,
          name: 'Amina Otieno',
        }),
      ]);
      const jobTitle = conflicts.fieldConflicts.find((c) => c.field === 'job_title');
      expect(jobTitle).toMatchObject({ entity: 'participant', recordId: person.participant.id, name: 'Amina Otieno' });
      // The winner first: the later edit, made on the second kiosk.
      expect(jobTitle!.values.map((v) => [v.value, v.device])).toEqual([
        ['Chief Inspector', b.core.ctx.device],
        ['Inspector', a.core.ctx.device],
      ]);
      expect(conflicts.fieldConflicts.some((c) => c.field === 'updated_at')).toBe(false);
    }
  });

  it('shows staff a check-in that a cancellation or a removed session on another kiosk leaves uncounted', async () => {
    const a = replica(0);
    const b = replica(0);
    const { eventId, sessionIds } = await seedEvent(a.core);
    const [day1, day2] = [sessionIds[0]!, sessionIds[1]!];
    const cancelled = await addPerson(a.core, eventId, 'Otieno');
    const moved = await addPerson(a.core, eventId, 'Kamau');
    await deliver(a.core, b.core, eventId);
    // Offline: the office cancels one registration and drops day 2; at the door both people arrive.
    a.setTime(1_000);
    await ok(a.core, 'registration.update', { id: cancelled.registration.id, changes: { status: 'cancelled' } });
    await ok(a.core, 'session.remove', { id: day2 });
    b.setTime(2_000);
    await checkIn(b.core, day1, cancelled.registration.id);
    await checkIn(b.core, day2, moved.registration.id);
    await deliver(b.core, a.core, eventId);
    await deliver(a.core, b.core, eventId);

    for (const r of [a, b]) {
      // Both facts are kept, and neither counts: before, nothing told staff that a "cancelled" person came.
      expect((await ok(r.core, 'checkin.counters', { sessionId: day1 })).checkedIn).toBe(0);
      const { uncountedCheckIns } = await ok(r.core, 'sync.conflicts', { eventId });
      expect(uncountedCheckIns).toEqual([
        expect.objectContaining({
          registrationId: cancelled.registration.id,
          name: 'Amina Otieno',
          sessionId: day1,
          reason: 'cancelled',
          device: b.core.ctx.device,
        }),
        expect.objectContaining({ registrationId: moved.registration.id, sessionId: day2, reason: 'session_removed' }),
      ]);
    }
    // Staff decide she came: restoring the registration counts her, and the list lets go of her.
    await ok(a.core, 'registration.update', { id: cancelled.registration.id, changes: { status: 'confirmed' } });
    expect((await ok(a.core, 'checkin.counters', { sessionId: day1 })).checkedIn).toBe(1);
    const after = await ok(a.core, 'sync.conflicts', { eventId });
    expect(after.uncountedCheckIns.map((c) => c.reason)).toEqual(['session_removed']);
  });

  it('shows staff a walk-in registered on two kiosks as a possible duplicate, until they decide', async () => {
    const a = replica(0);
    const b = replica(0);
    const { eventId, sessionIds } = await seedEvent(a.core);
    await deliver(a.core, b.core, eventId);
    // Offline, Somchai walks up to both desks (the second after a coffee); each registers and checks him in.
    const walkIn = { givenNames: 'Somchai', email: 'somchai@police.go.th', status: 'walk_in' } as const;
    const first = await addPerson(a.core, eventId, 'Srisuk', walkIn);
    const second = await addPerson(b.core, eventId, 'Srisuk', walkIn);
    // And two people who only share a name and country, on one kiosk.
    const namesake = await addPerson(a.core, eventId, 'Otieno', { givenNames: 'John' });
    const other = await addPerson(b.core, eventId, 'Otieno', { givenNames: 'John' });
    await checkIn(a.core, sessionIds[0]!, first.registration.id);
    await checkIn(b.core, sessionIds[0]!, second.registration.id);
    await deliver(b.core, a.core, eventId);
    await deliver(a.core, b.core, eventId);

    for (const r of [a, b]) {
      // Counted twice until someone looks: before, nothing said so.
      expect((await ok(r.core, 'checkin.counters', { sessionId: sessionIds[0]! })).checkedIn).toBe(2);
      const { possibleDuplicates } = await ok(r.core, 'sync.conflicts', { eventId });
      const pairs = possibleDuplicates.map((d) => [
        new Set([d.registrationId, d.otherRegistrationId]),
        d.reason,
        d.name,
        d.otherName,
      ]);
      expect(pairs).toEqual(
        expect.arrayContaining([
          [new Set([first.registration.id, second.registration.id]), 'email', 'Somchai Srisuk', 'Somchai Srisuk'],
          [new Set([namesake.registration.id, other.registration.id]), 'name_country', 'John Otieno', 'John Otieno'],
        ]),
      );
      expect(pairs).toHaveLength(2);
    }
    // Staff cancel the second record: the pair leaves the list (its check-in shows as uncounted instead).
    await ok(a.core, 'registration.update', { id: second.registration.id, changes: { status: 'cancelled' } });
    const after = await ok(a.core, 'sync.conflicts', { eventId });
    expect(after.possibleDuplicates.map((d) => d.reason)).toEqual(['name_country']);
    // Staff say the two John Otienos are different people: the pair is not shown again.
    await ok(a.core, 'person.rejectMatch', { a: namesake.participant.id, b: other.participant.id });
    expect((await ok(a.core, 'sync.conflicts', { eventId })).possibleDuplicates).toEqual([]);
    expect((await ok(a.core, 'checkin.counters', { sessionId: sessionIds[0]! })).checkedIn).toBe(1);
  });

  it('applies the same bundle twice as a no-op', async () => {
    const a = replica(0);
    const b = replica(0);
    const { eventId, sessionIds } = await seedEvent(a.core);
    const person = await addPerson(a.core, eventId, 'Wanjala');
    await checkIn(a.core, sessionIds[0]!, person.registration.id);
    const { bytes, changes } = await exportBundle(a.core.ctx, { eventId, passphrase });
    const first = await importBundle(b.core.ctx, bytes, { passphrase });
    expect(first).toMatchObject({ applied: changes, duplicates: 0, received: changes });
    const count = changeCount(b.core);
    const seen = content(b.core, eventId);
    const second = await importBundle(b.core.ctx, bytes, { passphrase });
    expect(second).toMatchObject({ applied: 0, duplicates: changes, digest: first.digest });
    expect(changeCount(b.core)).toBe(count);
    expect(content(b.core, eventId)).toEqual(seen);
    // Sent back to where they came from, they are all known there too.
    const back = await deliver(b.core, a.core, eventId);
    expect(back.applied).toBe(0);
  });

  it('refuses a peer whose clock is beyond the drift limit, writing nothing', async () => {
    const a = replica(0);
    const b = replica(0);
    const { eventId } = await seedEvent(a.core);
    const person = await addPerson(a.core, eventId, 'Mutua');
    await deliver(a.core, b.core, eventId);
    b.setTime(6 * 60_000); // six minutes ahead of A, whose wall clock stays at 0
    await ok(b.core, 'participant.update', { id: person.participant.id, changes: { jobTitle: 'from the future' } });
    const { bytes } = await exportBundle(b.core.ctx, {
      eventId,
      passphrase,
      since: eventState(a.core.ctx.db, eventId).vector,
    });
    const before = { changes: changeCount(a.core), state: eventState(a.core.ctx.db, eventId) };
    const error = await importBundle(a.core.ctx, bytes, { passphrase }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'sync_refused', details: { sync: 'clock_ahead' } });
    // Which device, by how much, and what to do on either side; fixing B's clock does not re-date its change.
    expect((error as Error).message).toBe(
      `Changes from device ${b.core.ctx.device} are dated 6 min ahead of this device’s clock (2023-09-12 06:00 UTC), ` +
        'so nothing was changed. If that clock is wrong, set it right and sync again. If it is right, the sending ' +
        'device’s clock was ahead when it made them: set it right there; what it made meanwhile can come in from ' +
        '2023-09-12 06:01 UTC, when this device’s clock reaches it.',
    );
    expect(changeCount(a.core)).toBe(before.changes);
    expect(eventState(a.core.ctx.db, eventId)).toEqual(before.state);
    // A peer within the limit is accepted.
    const c = replica(4 * 60_000);
    await deliver(a.core, c.core, eventId);
    await ok(c.core, 'participant.update', { id: person.participant.id, changes: { jobTitle: 'slightly ahead' } });
    expect((await deliver(c.core, a.core, eventId)).applied).toBe(1);
  });

  it('moves the local clock past received timestamps, also after a restart', async () => {
    const a = replica(0);
    const b = replica(0);
    const { eventId } = await seedEvent(a.core);
    await deliver(a.core, b.core, eventId);
    b.setTime(4 * 60_000); // ahead, within the limit
    const person = await addPerson(b.core, eventId, 'Kiprop');
    const received = b.core.ctx.db.prepare('SELECT max(hlc) FROM changes').pluck().get() as string;
    await deliver(b.core, a.core, eventId);
    // A's wall clock is four minutes behind, yet its next change sorts after B's.
    await ok(a.core, 'participant.update', { id: person.participant.id, changes: { notes: 'edited on A' } });
    const local = a.core.ctx.db
      .prepare('SELECT hlc FROM changes WHERE device_id = ? ORDER BY seq DESC LIMIT 1')
      .pluck()
      .get(a.core.ctx.device) as string;
    expect(local > received).toBe(true);
    // A restart seeds the clock from the newest timestamp seen, not only from this device's own.
    a.core.close();
    const reopened = openCore(a.core.file, { wallClock: () => Date.parse('2023-09-12T06:00:00.000Z') });
    try {
      const t = parseTimestamp(reopened.ctx.clock.now());
      expect(t && t.millis).toBeGreaterThanOrEqual(parseTimestamp(received)!.millis);
    } finally {
      reopened.close();
    }
  });

  it('keeps the original timestamp and device of applied changes, so a hub can forward them', async () => {
    const kiosk1 = replica(0);
    const hub = replica(0);
    const kiosk2 = replica(0);
    const { eventId, sessionIds } = await seedEvent(kiosk1.core);
    const person = await addPerson(kiosk1.core, eventId, 'Warsame');
    await checkIn(kiosk1.core, sessionIds[0]!, person.registration.id);
    await deliver(kiosk1.core, hub.core, eventId);
    await deliver(hub.core, kiosk2.core, eventId);
    const log = (core: typeof kiosk1.core) =>
      core.ctx.db.prepare('SELECT hlc, device_id, entity, entity_id, fields FROM changes ORDER BY hlc').all();
    expect(log(kiosk2.core)).toEqual(log(kiosk1.core));
    expect(new Set(log(kiosk2.core).map((c) => (c as { device_id: string }).device_id))).toEqual(
      new Set([kiosk1.core.ctx.device]),
    );
    expect(content(kiosk2.core, eventId)).toEqual(content(kiosk1.core, eventId));
  });

  it('finds applied people by search and lists them on the roster', async () => {
    const a = replica(0);
    const b = replica(0);
    const { eventId } = await seedEvent(a.core);
    await addPerson(a.core, eventId, 'Nyambura', { givenNames: 'Zawadi' });
    await deliver(a.core, b.core, eventId);
    const hits = await ok(b.core, 'roster.search', { eventId, query: 'nyamb', limit: 10 });
    expect(hits.map((h) => h.familyName)).toEqual(['Nyambura']);
    const substring = await ok(b.core, 'roster.search', { eventId, query: 'wadi', limit: 10 });
    expect(substring).toHaveLength(1);
    const page = await ok(b.core, 'roster.list', { eventId, limit: 50, offset: 0 });
    expect(page.rows.map((r) => r.familyName)).toEqual(['Nyambura']);
    // And an edit arriving later re-indexes them.
    const person = hits[0]!;
    await ok(a.core, 'participant.update', { id: person.participantId, changes: { familyName: 'Achieng' } });
    await deliver(a.core, b.core, eventId);
    expect(await ok(b.core, 'roster.search', { eventId, query: 'nyamb', limit: 10 })).toHaveLength(0);
    expect(await ok(b.core, 'roster.search', { eventId, query: 'achieng', limit: 10 })).toHaveLength(1);
  });

  it('answers sync.status with the vector and digest, and refuses an unknown event', async () => {
    const a = replica(0);
    const { eventId } = await seedEvent(a.core);
    const status = await ok(a.core, 'sync.status', { eventId });
    expect(Object.keys(status.vector)).toEqual([a.core.ctx.device]);
    expect(status.changes).toBeGreaterThan(0);
    expect(status.digest).toMatch(/^[0-9a-f]{64}$/);
    expect((await refused(a.core, 'sync.status', { eventId: randomUUID() })).code).toBe('not_found');
  });
});

describe('sync merge rules, at the same millisecond', () => {
  it('picks the same check-in as "the" one on every replica when two kiosks check a person in at the same time', async () => {
    const a = replica(0);
    const b = replica(0);
    const { eventId, sessionIds } = await seedEvent(a.core);
    const session = sessionIds[0]!;
    const person = await addPerson(a.core, eventId, 'Hadžić');
    await deliver(a.core, b.core, eventId);
    a.setTime(1_000);
    b.setTime(1_000);
    await checkIn(a.core, session, person.registration.id);
    await checkIn(b.core, session, person.registration.id);
    await deliver(a.core, b.core, eventId);
    await deliver(b.core, a.core, eventId);
    const chosen = (r: typeof a) =>
      r.core.ctx.db.prepare('SELECT checkin_id, active_count FROM attendance WHERE session_id = ?').get(session);
    expect(chosen(a)).toEqual(chosen(b));
  });
});

describe('sync lookups', () => {
  it('answer "do I have this change?" from existing indexes, adding none to the desk’s path', () => {
    const { core } = replica(0);
    const plan = (sql: string, ...args: unknown[]) =>
      (core.ctx.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[])
        .map((r) => r.detail)
        .join('\n');
    expect(
      plan(
        "SELECT hlc, fields FROM changes WHERE entity = ? AND entity_id = ? AND hlc >= ? AND entity != 'checkin'",
        'participant',
        'x',
        'y',
      ),
    ).toMatch(/SEARCH changes USING INDEX changes_by_record/);
    expect(plan('SELECT 1 FROM checkins WHERE id = ?', 'x')).toMatch(/SEARCH checkins USING PRIMARY KEY/);
    const indexes = core.ctx.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'changes' ORDER BY name")
      .pluck()
      .all();
    expect(indexes).toEqual(['changes_by_record']);
    // Possible duplicates reach the other person through indexes, never by pairing the whole roster.
    const duplicates = plan(duplicatesSql, { event: 'x' });
    expect(duplicates).toMatch(/SEARCH pb USING INDEX participants_by_email/);
    expect(duplicates).toMatch(/SEARCH pb USING INDEX participants_by_name/);
    expect(duplicates).not.toMatch(/SCAN/);
  });
});
