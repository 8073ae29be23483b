import type { Output } from '../../electron/core/api/contract';
import type { CheckInRecord } from '../../electron/core/checkin/schema';
import type { Participant, RosterRow, SearchHit } from '../../electron/core/participants/schema';
import { sampleEvent } from './harness';

export const event = sampleEvent();
export const deviceHere = 'a1b2c3d4e5f60718';

let next = 1;
const uuid = (prefix: string) => `${prefix}-0000-4000-8000-${String(next++).padStart(12, '0')}`;

/** One line of the roster as the core answers it; ids are valid UUIDs so the contract accepts them. */
export function rosterRow(overrides: Partial<RosterRow> = {}): RosterRow {
  return {
    registrationId: uuid('2b7c6f1e'),
    participantId: uuid('3b7c6f1e'),
    code: 'X65BR6J6',
    status: 'confirmed',
    category: 'partner_state_delegate',
    honorific: 'Mr.',
    givenNames: 'José',
    familyName: 'Pérez',
    badgeName: 'José Pérez',
    gender: 'male',
    country: 'CO',
    organisation: 'Policía Nacional',
    organisationType: 'law_enforcement',
    jobTitle: 'Inspector',
    email: 'jose.perez@gov.co',
    attendance: null,
    ...overrides,
  };
}

export function hit(overrides: Partial<SearchHit> = {}): SearchHit {
  return { ...rosterRow(overrides), match: 'prefix', ...overrides };
}

export function record(overrides: Partial<CheckInRecord> = {}): CheckInRecord {
  return {
    id: uuid('4b7c6f1e'),
    kind: 'check_in',
    registrationId: uuid('2b7c6f1e'),
    sessionId: event.sessions[0]!.id,
    reverses: null,
    method: 'search',
    device: deviceHere,
    at: '2026-03-10T06:14:00.000Z',
    operator: null,
    ...overrides,
  };
}

export function counters(checkedIn = 0): Output<'checkin.counters'> {
  return {
    sessionId: event.sessions[0]!.id,
    expected: 140,
    checkedIn,
    checkedOut: 0,
    byGender: {
      female: { expected: 46, checkedIn },
      male: { expected: 90, checkedIn: 0 },
      another: { expected: 2, checkedIn: 0 },
      not_stated: { expected: 2, checkedIn: 0 },
    },
  };
}

export function participant(overrides: Partial<Participant> = {}): Participant {
  return {
    id: uuid('3b7c6f1e'),
    honorific: 'Ms.',
    givenNames: 'Amra',
    familyName: 'Begić',
    badgeName: 'Amra Begić',
    gender: 'female',
    country: 'BA',
    nationality: null,
    organisation: 'Ministarstvo sigurnosti',
    organisationType: 'government',
    jobTitle: 'Analyst',
    email: 'amra.begic@gov.ba',
    phone: null,
    preferredLanguage: null,
    accessibility: '',
    dietary: '',
    consent: null,
    photoConsent: false,
    notes: '',
    createdAt: '2026-01-05T10:00:00.000Z',
    updatedAt: '2026-01-05T10:00:00.000Z',
    ...overrides,
  };
}
