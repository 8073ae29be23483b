// Seeds a data folder before `muster serve` opens it: an event running today (in its own time zone) with a
// generated roster loaded through the real write path. Run as `node --import tsx tests/e2e/seed.ts DIR COUNT`;
// prints what the tests need as JSON. A separate process, so the test runner never loads the SQLite driver.
import { dispatch } from '../../electron/core/api/dispatch';
import { openCore } from '../../electron/core/context';
import { fold } from '../../electron/core/text/fold';
import { databaseFile } from '../../electron/server/data-dir';
import { generateRoster, loadRoster } from '../fixtures/roster';

export interface Seeded {
  eventId: string;
  eventTitle: string;
  timeZone: string;
  sessions: { id: string; name: string; date: string }[];
  /** The session running today where the event is, which the desk should choose by itself. */
  todaySessionId: string;
  /** Someone with accents in their names whose name no one else on the roster shares once accents are dropped. */
  accented: { registrationId: string; participantId: string; name: string; plain: string; code: string };
  total: number;
}

const [dir, countText = '2000'] = process.argv.slice(2);
if (!dir) throw new Error('usage: seed.ts DATA_DIR [COUNT]');
const timeZone = 'Africa/Nairobi';
const day = (offset: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(Date.now() + offset * 86_400_000));

const core = openCore(databaseFile(dir));
try {
  const created = await dispatch(core.ctx, 'event.create', {
    title: 'Nairobi regional workshop on border security',
    venue: 'UN Gigiri, Conference room 4',
    city: 'Nairobi',
    country: 'KE',
    startDate: day(-1),
    endDate: day(1),
    timeZone,
    languages: ['en', 'fr', 'ar'],
  });
  if (!created.ok) throw new Error(created.error.message);
  const event = created.value as { id: string; title: string; sessions: { id: string; name: string; date: string }[] };
  // The desk would choose today's only session whatever the hour; make it span the whole day so the check is exact.
  const today = event.sessions.find((s) => s.date === day(0))!;
  await dispatch(core.ctx, 'session.update', { id: today.id, changes: { startTime: '00:00', endTime: '23:59' } });

  const people = generateRoster(Number(countText), 20231116);
  const loaded = loadRoster(core.ctx, event.id, people);
  const plainName = (p: (typeof people)[number]) => fold(`${p.givenNames} ${p.familyName}`);
  const counts = new Map<string, number>();
  for (const p of people) counts.set(plainName(p), (counts.get(plainName(p)) ?? 0) + 1);
  const accented = (p: (typeof people)[number]) =>
    p.status === 'confirmed' &&
    /^[\p{Script=Latin} ]+$/u.test(`${p.givenNames} ${p.familyName}`) &&
    /\p{M}/u.test(`${p.givenNames}${p.familyName}`.normalize('NFD'));
  // A name no one else has, when the roster is small enough to have one (100,000 people share every name).
  const unique = people.findIndex((p) => accented(p) && counts.get(plainName(p)) === 1);
  const index = unique >= 0 ? unique : people.findIndex(accented);
  const person = people[index]!;
  const seeded: Seeded = {
    eventId: event.id,
    eventTitle: event.title,
    timeZone,
    sessions: event.sessions,
    todaySessionId: today.id,
    accented: {
      registrationId: loaded.registrationIds[index]!,
      participantId: loaded.participantIds[index]!,
      name: `${person.givenNames} ${person.familyName}`,
      plain: plainName(person),
      code: person.code,
    },
    total: people.length,
  };
  process.stdout.write(`${JSON.stringify(seeded)}\n`);
} finally {
  core.close();
}
