import type { Input } from '../../electron/core/api/contract';

export const workshopTitle = 'Regional workshop on border security';

/** The workshop the sync, hub and audit tests set up in Nairobi: two days in March unless a test needs it running. */
export function borderWorkshop(startDate = '2026-03-10', endDate = '2026-03-11'): Input<'event.create'> {
  return {
    title: workshopTitle,
    venue: 'UN Gigiri',
    city: 'Nairobi',
    country: 'KE',
    startDate,
    endDate,
    timeZone: 'Africa/Nairobi',
    languages: ['en'],
  };
}

/** A Kenyan police delegate for the event, told apart by family name. */
export function delegate(eventId: string, familyName: string): Input<'participant.create'> {
  return {
    eventId,
    givenNames: 'Amina',
    familyName,
    gender: 'female',
    country: 'KE',
    organisation: 'National Police Service',
    organisationType: 'law_enforcement',
    category: 'partner_state_delegate',
  };
}
