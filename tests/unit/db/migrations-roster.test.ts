import { describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/context';
import { writeTransaction } from '../../../electron/core/db/transaction';
import { tempCore } from '../helpers';

function plan(core: Core, sql: string, ...params: unknown[]): string {
  const rows = core.ctx.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
  return rows.map((r) => r.detail).join('\n');
}

/** An event, a session, one person and their registration, written raw (these tests are about the schema). */
function seeded(): Core {
  const core = tempCore();
  write(
    core,
    `
    INSERT INTO events (id, title, venue, city, country, start_date, end_date, time_zone, languages, created_at, updated_at)
      VALUES ('e1', 'Workshop', '', 'Nairobi', 'KE', '2023-09-12', '2023-09-13', 'Africa/Nairobi', '["en"]', '', '');
    INSERT INTO sessions (id, event_id, name, date, start_time, end_time, created_at, updated_at)
      VALUES ('s1', 'e1', 'Day 1', '2023-09-12', '09:00', '17:00', '', '');
    INSERT INTO participants (id, given_names, family_name, gender, country, organisation, organisation_type, email, created_at, updated_at)
      VALUES ('p1', 'José', 'Pérez  García', 'male', 'CO', 'Policía Nacional', 'law_enforcement', 'jp@example.org', '', '');
    INSERT INTO registrations (id, event_id, participant_id, category, status, code, created_at, updated_at)
      VALUES ('r1', 'e1', 'p1', 'partner_state_delegate', 'confirmed', 'ABCD1234', '2023-09-01', '');
  `,
  );
  return core;
}

/** Raw SQL, committed the way every write commits (the search indexes catch up just before the commit). */
const write = (core: Core, sql: string) => writeTransaction(core.ctx.db, () => core.ctx.db.exec(sql));

const checkIn = (core: Core, id: string, kind: string, device: string, at: string, reverses: string | null = null) =>
  core.ctx.db
    .prepare(
      `INSERT INTO checkins (id, kind, registration_id, session_id, reverses, method, device_id, at)
       VALUES (?, ?, 'r1', 's1', ?, 'search', ?, ?)`,
    )
    .run(id, kind, reverses, device, at);

describe('0003 participants', () => {
  it('derives the folded sort name in SQLite, and mirrors each registration into the roster projection', () => {
    const core = seeded();
    const { db } = core.ctx;
    expect(db.prepare("SELECT sort_name FROM participants WHERE id = 'p1'").pluck().get()).toBe('perez garcia jose');
    expect(db.prepare("SELECT * FROM roster WHERE registration_id = 'r1'").get()).toMatchObject({
      event_id: 'e1',
      sort_name: 'perez garcia jose',
      gender: 'male',
      country: 'CO',
      status: 'confirmed',
    });
    write(core, "UPDATE participants SET family_name = 'Müller', gender = 'another' WHERE id = 'p1'");
    write(core, "UPDATE registrations SET status = 'cancelled' WHERE id = 'r1'");
    expect(db.prepare("SELECT sort_name, gender, status FROM roster WHERE registration_id = 'r1'").get()).toEqual({
      sort_name: 'muller jose',
      gender: 'another',
      status: 'cancelled',
    });
  });

  it('rebuilds the projection once per transaction (0011), whatever happened to a registration inside it', () => {
    const core = seeded();
    const { db } = core.ctx;
    const roster = () =>
      db.prepare('SELECT registration_id, status, gender FROM roster ORDER BY registration_id').all();
    writeTransaction(db, () => {
      db.exec(`
        INSERT INTO participants (id, family_name, gender, country, organisation, organisation_type, created_at, updated_at)
          VALUES ('p2', 'Otieno', 'not_stated', 'KE', 'NPS', 'law_enforcement', '', '');
        INSERT INTO registrations (id, event_id, participant_id, category, status, code, created_at, updated_at)
          VALUES ('r2', 'e1', 'p2', 'observer', 'invited', 'ABCD1235', '2023-09-02', '');
        UPDATE registrations SET status = 'confirmed' WHERE id = 'r2';
        UPDATE participants SET gender = 'female' WHERE id = 'p1';`);
      // Only queued while the transaction runs: no write reads the projection.
      expect(db.prepare('SELECT registration_id FROM roster_queue ORDER BY 1').pluck().all()).toEqual(['r1', 'r2']);
    });
    expect(roster()).toEqual([
      { registration_id: 'r1', status: 'confirmed', gender: 'female' },
      { registration_id: 'r2', status: 'confirmed', gender: 'not_stated' },
    ]);
    write(core, "DELETE FROM registrations WHERE id = 'r2'");
    expect(roster()).toEqual([{ registration_id: 'r1', status: 'confirmed', gender: 'female' }]);
    expect(db.prepare('SELECT count(*) FROM roster_queue').pluck().get()).toBe(0);
    // A rolled-back transaction leaves the projection as it was.
    expect(() =>
      writeTransaction(db, () => {
        db.exec("UPDATE registrations SET status = 'cancelled' WHERE id = 'r1'");
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(roster()).toEqual([{ registration_id: 'r1', status: 'confirmed', gender: 'female' }]);
  });

  it('keeps check-in codes unique within an event and a person registered once per event', () => {
    const { ctx } = seeded();
    expect(() =>
      ctx.db
        .exec(`INSERT INTO participants (id, family_name, gender, country, organisation, organisation_type, created_at, updated_at)
                   VALUES ('p2', 'Otieno', 'female', 'KE', 'NPS', 'law_enforcement', '', '');
                   INSERT INTO registrations (id, event_id, participant_id, category, status, code, created_at, updated_at) VALUES ('r2', 'e1', 'p2', 'un', 'confirmed', 'ABCD1234', '', '')`),
    ).toThrow(/UNIQUE constraint failed: registrations.event_id, registrations.code/);
    expect(() =>
      ctx.db.exec(
        "INSERT INTO registrations (id, event_id, participant_id, category, status, code, created_at, updated_at) VALUES ('r3', 'e1', 'p1', 'un', 'confirmed', 'ZZZZ9999', '', '')",
      ),
    ).toThrow(/UNIQUE/);
    expect(() =>
      ctx.db.exec(
        "INSERT INTO registrations (id, event_id, participant_id, category, status, code, created_at, updated_at) VALUES ('r4', 'nope', 'p1', 'un', 'confirmed', 'ZZZZ9998', '', '')",
      ),
    ).toThrow(/FOREIGN KEY/);
  });

  it('pages, sorts and counts the roster through its indexes, never sorting the whole event', () => {
    const core = seeded();
    // Paging reads only row numbers, so each sort is answered from its index alone, in order.
    for (const [order, index] of [
      ['sort_name, seq', 'roster_by_name'],
      ['country, sort_name, seq', 'roster_by_country'],
      ['organisation, sort_name, seq', 'roster_by_organisation'],
      ['category, sort_name, seq', 'roster_by_category'],
      ['status, sort_name, seq', 'roster_by_status'],
      ['created_at, seq', 'roster_by_registered'],
    ]) {
      const sql = `SELECT seq FROM roster WHERE event_id = ? ORDER BY ${order} LIMIT 50`;
      expect(plan(core, sql, 'e1')).toMatch(new RegExp(`USING COVERING INDEX ${index} \\(event_id=\\?\\)`));
      expect(plan(core, sql, 'e1')).not.toMatch(/TEMP B-TREE/);
    }
    expect(
      plan(
        core,
        "SELECT gender, count(*) FROM roster WHERE event_id = ? AND status != 'cancelled' GROUP BY gender",
        'e1',
      ),
    ).toMatch(/COVERING INDEX roster_by_gender/);
    expect(plan(core, 'SELECT * FROM roster WHERE registration_id = ?', 'r1')).toMatch(/sqlite_autoindex_roster_1/);
    expect(plan(core, 'SELECT * FROM participants WHERE email = ?', 'x')).toMatch(/participants_by_email/);
    expect(plan(core, 'SELECT * FROM participants WHERE sort_name IN (?, ?) AND country = ?', 'a', 'b', 'KE')).toMatch(
      /participants_by_name/,
    );
    expect(plan(core, 'SELECT * FROM registrations WHERE event_id = ? AND code = ?', 'e1', 'X')).toMatch(
      /registrations_by_code/,
    );
  });
});

describe('0004 checkins', () => {
  it('refuses to change or delete a check-in: undo is an appended reversal', () => {
    const core = seeded();
    checkIn(core, 'c1', 'check_in', 'aaaaaaaaaaaaaaaa', '2023-09-12T06:00:00.000Z');
    expect(() => core.ctx.db.exec("UPDATE checkins SET at = 'x' WHERE id = 'c1'")).toThrow(/appended, never changed/);
    expect(() => core.ctx.db.exec("DELETE FROM checkins WHERE id = 'c1'")).toThrow(/appended, never deleted/);
  });

  it('keeps two check-ins of one person from two offline kiosks, and flags them in the attendance projection', () => {
    const core = seeded();
    const { db } = core.ctx;
    checkIn(core, 'c2', 'check_in', 'bbbbbbbbbbbbbbbb', '2023-09-12T06:05:00.000Z');
    checkIn(core, 'c1', 'check_in', 'aaaaaaaaaaaaaaaa', '2023-09-12T06:00:00.000Z');
    expect(db.prepare('SELECT count(*) FROM checkins').pluck().get()).toBe(2);
    expect(db.prepare('SELECT checkin_id, device_id, active_count FROM attendance').get()).toEqual({
      checkin_id: 'c1',
      device_id: 'aaaaaaaaaaaaaaaa',
      active_count: 2,
    });
    checkIn(core, 'u1', 'reversal', 'aaaaaaaaaaaaaaaa', '2023-09-12T06:06:00.000Z', 'c1');
    expect(db.prepare('SELECT checkin_id, active_count FROM attendance').get()).toEqual({
      checkin_id: 'c2',
      active_count: 1,
    });
    checkIn(core, 'o1', 'check_out', 'aaaaaaaaaaaaaaaa', '2023-09-12T15:00:00.000Z');
    expect(db.prepare('SELECT checked_out_at FROM attendance').pluck().get()).toBe('2023-09-12T15:00:00.000Z');
    checkIn(core, 'u2', 'reversal', 'aaaaaaaaaaaaaaaa', '2023-09-12T06:07:00.000Z', 'c2');
    expect(db.prepare('SELECT count(*) FROM attendance').pluck().get()).toBe(0);
  });

  it('finds a check-in by nonce, a person’s records, reversals and the recent list through indexes', () => {
    const core = seeded();
    expect(
      plan(core, "SELECT * FROM checkins WHERE session_id = ? AND registration_id = ? AND kind = 'check_in'", 's', 'r'),
    ).toMatch(/checkins_by_person/);
    expect(plan(core, 'SELECT 1 FROM checkins WHERE reverses = ?', 'c')).toMatch(/checkins_by_reversal/);
    // The desk's recent list walks the change log back from the newest entry, so check-ins need no time index
    // and the walk needs no sort.
    const recent = plan(
      core,
      "SELECT entity_id FROM changes WHERE device_id = ? AND +entity = 'checkin' ORDER BY seq DESC",
      'd',
    );
    expect(recent).toMatch(/SCAN changes/);
    expect(recent).not.toMatch(/TEMP B-TREE/);
    expect(plan(core, 'SELECT * FROM checkins WHERE id = ?', 'c')).toMatch(/PRIMARY KEY/);
    expect(plan(core, 'SELECT * FROM attendance WHERE session_id = ? AND registration_id = ?', 's', 'r')).toMatch(
      /PRIMARY KEY/,
    );
  });
});

describe('0005 search, 0009 search queue', () => {
  const queued = (core: Core) => core.ctx.db.prepare('SELECT seq FROM search_queue ORDER BY seq').pluck().all();
  const words = (core: Core, q: string) =>
    core.ctx.db.prepare('SELECT rowid FROM participant_words WHERE participant_words MATCH ?').pluck().all(q);
  const text = (core: Core, q: string) =>
    core.ctx.db.prepare('SELECT rowid FROM participant_text WHERE participant_text MATCH ?').pluck().all(q);

  it('indexes folded names, organisation and email, and follows edits in the same transaction', () => {
    const core = seeded();
    expect(words(core, '"jose" "perez"')).toEqual([1]);
    expect(words(core, '"polic"*')).toEqual([1]);
    expect(text(core, '"rez ga"')).toEqual([1]);
    expect(words(core, '"example"')).toEqual([1]);
    write(core, "UPDATE participants SET family_name = 'Müller' WHERE id = 'p1'");
    expect(words(core, '"perez"')).toEqual([]);
    expect(text(core, '"mull"')).toEqual([1]);
    // A change to a field the index does not hold leaves it alone (the trigger is UPDATE OF the indexed columns).
    write(core, "UPDATE participants SET notes = 'vegetarian' WHERE id = 'p1'");
    expect(words(core, '"vegetarian"')).toEqual([]);
    expect(queued(core)).toEqual([]);
  });

  it('indexes once per transaction, whatever happened to a person inside it', () => {
    const core = seeded();
    const add = (id: string, family: string) =>
      `INSERT INTO participants (id, family_name, gender, country, organisation, organisation_type, created_at, updated_at)
         VALUES ('${id}', '${family}', 'female', 'UZ', 'MVD', 'law_enforcement', '', '');`;
    writeTransaction(core.ctx.db, () => {
      core.ctx.db.exec(add('p2', 'Yusupova') + add('p3', 'Karimova'));
      // Not in the index until the transaction ends: triggers only queue the people to index.
      expect(queued(core)).toEqual([2, 3]);
      expect(words(core, '"yusupova"')).toEqual([]);
      core.ctx.db.exec(
        "UPDATE participants SET family_name = 'Yusupova-Ali' WHERE id = 'p2'; DELETE FROM participants WHERE id = 'p3'",
      );
    });
    expect(queued(core)).toEqual([]);
    expect(words(core, '"yusupova" "ali"')).toEqual([2]);
    expect(words(core, '"karimova"')).toEqual([]);
    // A removed person leaves the index; their number may be taken again by the next person, who is found instead.
    write(core, "DELETE FROM participants WHERE id = 'p2';" + add('p4', 'Begić'));
    expect(words(core, '"yusupova"')).toEqual([]);
    expect(words(core, '"begic"')).toEqual([2]);
    expect(text(core, '"egi"')).toEqual([2]);
  });

  it('takes nothing from the index when a transaction rolls back', () => {
    const core = seeded();
    expect(() =>
      writeTransaction(core.ctx.db, () => {
        core.ctx.db.exec("UPDATE participants SET family_name = 'Rolled' WHERE id = 'p1'");
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(queued(core)).toEqual([]);
    expect(words(core, '"perez"')).toEqual([1]);
    expect(words(core, '"rolled"')).toEqual([]);
  });

  it('removes a re-indexed person by row number, not by scanning the index', () => {
    const core = seeded();
    const detail = plan(
      core,
      'DELETE FROM participant_words WHERE rowid IN (SELECT seq FROM search_queue WHERE indexed = 1)',
    );
    expect(detail).toMatch(/VIRTUAL TABLE INDEX 0:=/);
  });

  it('answers a search from the full-text index, then joins only the matches', () => {
    const core = seeded();
    const sql = `SELECT r.id FROM participant_words w JOIN participants p ON p.seq = w.rowid
      JOIN registrations r ON r.participant_id = p.id AND r.event_id = ? WHERE participant_words MATCH ? LIMIT 20`;
    const detail = plan(core, sql, 'e1', '"jo"*');
    expect(detail.split('\n')[0]).toMatch(/SCAN w VIRTUAL TABLE INDEX/);
    expect(detail).toMatch(/SEARCH p USING INTEGER PRIMARY KEY/);
    expect(detail).toMatch(/registrations_by_participant/);
  });
});
