// An event after it happened: a multi-script roster, three sessions, and check-ins at known times.
import { randomUUID } from 'node:crypto';
import type { Input, Output } from '../../../electron/core/api/contract';
import type { Language } from '../../../electron/core/events/schema';
import { dispatch } from '../../../electron/core/api/dispatch';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore, type Core } from '../../../electron/core/context';
import { generateRoster, loadRoster, type RosterPerson } from '../../fixtures/roster';
import { nairobi, ok, tempCore } from '../helpers';

export interface AttendedEvent {
  core: Core;
  /** For afterAll: the event outlives single tests (it takes a few seconds to build), so the file cleans up. */
  close(): void;
  event: Output<'event.create'>;
  people: RosterPerson[];
  registrationIds: string[];
  /** Who checked in to which session (by index into people). */
  attended: Set<number>[];
}

/**
 * `n` people (every script the roster generator knows), plus three named ones whose names the PDF tests look for.
 * Day 1: two in three check in at 09:45 Nairobi time; day 2: half; day 3: nobody yet.
 */
export async function attendedEvent(n = 60): Promise<AttendedEvent> {
  let now = Date.parse('2023-09-12T06:45:00Z');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'muster-export-'));
  const core = openCore(path.join(dir, 'muster.sqlite'), { wallClock: () => now });
  const close = () => {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  };
  const event = await ok(core, 'event.create', nairobi);
  const named: RosterPerson[] = [
    person('Dženan', 'Begić', 'BA', 'male', 'Ministarstvo sigurnosti'),
    person('Дилноза', 'Юсупова', 'UZ', 'female', 'Министерство внутренних дел'),
    person('محمد', 'العلي', 'JO', 'male', 'مديرية الأمن العام'),
    person('Nguyễn Thị', 'Lan', 'VN', 'female', 'Bộ Công an'),
    person('สมชาย', 'ใจดี', 'TH', 'male', 'สำนักงานตำรวจแห่งชาติ'),
    person('小明', '王', 'CN', 'male', '公安部'),
  ];
  const people = [...named, ...generateRoster(n, 99)];
  const { registrationIds } = loadRoster(core.ctx, event.id, people);
  const attended = event.sessions.map(() => new Set<number>());
  for (const [s, session] of event.sessions.entries()) {
    if (s === 2) break;
    now = Date.parse(`${session.date}T06:45:00Z`);
    for (const [i, id] of registrationIds.entries()) {
      if (people[i]!.status === 'cancelled' || i % (s === 0 ? 3 : 2) === 1) continue;
      const result = await dispatch(core.ctx, 'checkin.create', {
        id: randomUUID(),
        sessionId: session.id,
        registrationId: id,
        method: 'qr',
      });
      if (result.ok) attended[s]!.add(i);
    }
  }
  return { core, close, event, people, registrationIds, attended };
}

function person(
  givenNames: string,
  familyName: string,
  country: string,
  gender: 'female' | 'male',
  organisation: string,
): RosterPerson {
  return {
    honorific: '',
    givenNames,
    familyName,
    badgeName: '',
    gender,
    country,
    organisation,
    organisationType: 'government',
    jobTitle: '',
    email: null,
    phone: null,
    category: 'partner_state_delegate',
    status: 'confirmed',
    // No code: one is made at registration.
  } as unknown as RosterPerson;
}

/** Runs an export through the contract and returns the file's bytes. */
export async function exported(
  core: Core,
  input: Omit<Parameters<typeof ok<'export.run'>>[2], 'jobId'>,
): Promise<{ bytes: Buffer; result: Output<'export.run'> }> {
  const result = await ok(core, 'export.run', { jobId: randomUUID(), ...input });
  return { bytes: Buffer.from(result.data, 'base64'), result };
}

/**
 * Two delegates checked in on day 1, one of whom then had their personal data erased (person.erase): what an export
 * made after an erasure request sees.
 */
export async function eventWithAnErasure(): Promise<{
  core: Core;
  event: Output<'event.create'>;
  erasedRegistrationId: string;
}> {
  const core = tempCore();
  const event = await ok(core, 'event.create', nairobi);
  const base = {
    eventId: event.id,
    gender: 'female',
    organisationType: 'government',
    category: 'partner_state_delegate',
  } as const;
  const kept = await ok(core, 'participant.create', {
    ...base,
    givenNames: 'Amina',
    familyName: 'Otieno',
    country: 'KE',
    organisation: 'Kenya Police Service',
  });
  const gone = await ok(core, 'participant.create', {
    ...base,
    givenNames: 'Zarina',
    familyName: 'Erasedova',
    country: 'UZ',
    organisation: 'Ministry of Internal Affairs',
    email: 'zarina@example.uz',
  });
  for (const { registration } of [kept, gone]) {
    await ok(core, 'checkin.create', {
      id: randomUUID(),
      sessionId: event.sessions[0]!.id,
      registrationId: registration.id,
      method: 'qr',
    });
  }
  await ok(core, 'person.erase', { participantId: gone.participant.id });
  return { core, event, erasedRegistrationId: gone.registration.id };
}

export type Person = Pick<
  Input<'participant.create'>,
  'givenNames' | 'familyName' | 'gender' | 'country' | 'organisation' | 'organisationType' | 'category'
> & { present?: boolean };

/**
 * An event in the given languages (and with the given title, if any), with these people registered and those marked
 * present checked in to day 1.
 */
export async function workshop(languages: Language[], people: Person[], title = nairobi.title) {
  const core = tempCore();
  const event = await ok(core, 'event.create', { ...nairobi, title, languages });
  for (const { present, ...person } of people) {
    const { registration } = await ok(core, 'participant.create', { eventId: event.id, ...person });
    if (present) {
      await ok(core, 'checkin.create', {
        id: randomUUID(),
        sessionId: event.sessions[0]!.id,
        registrationId: registration.id,
        method: 'qr',
      });
    }
  }
  return { core, event };
}
