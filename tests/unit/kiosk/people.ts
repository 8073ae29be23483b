import { randomUUID } from 'node:crypto';
import type { Input } from '../../../electron/core/api/contract';
import type { Core } from '../../../electron/core/context';
import { nairobi, ok } from '../helpers';

export { strokePng } from '../../fixtures/png';

export const person = {
  honorific: '',
  givenNames: 'Amina',
  familyName: 'Otieno',
  gender: 'female',
  country: 'KE',
  organisation: 'National Police Service',
  organisationType: 'law_enforcement',
  email: 'amina.otieno@example.org',
  phone: '+254 712 345 678',
  category: 'partner_state_delegate',
} as const;

export async function register(core: Core, eventId: string, fields: Partial<Input<'participant.create'>> = {}) {
  return ok(core, 'participant.create', { ...person, eventId, ...fields } as Input<'participant.create'>);
}

/** An event with a kiosk running on its first session (PIN 2468), as staff would start it from the desk. */
export async function kioskEvent(core: Core, settings: Partial<Input<'event.create'>> = {}) {
  const event = await ok(core, 'event.create', { ...nairobi, ...settings });
  const session = event.sessions[0]!;
  await ok(core, 'kiosk.enter', { sessionId: session.id, pin: '2468', idleSeconds: 5 });
  return { event, session };
}

export const nonce = () => randomUUID();
