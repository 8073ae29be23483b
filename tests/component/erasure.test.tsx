import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ParticipantsPage } from '../../renderer/src/participants/ParticipantsPage';
import { fakeApi, ok, renderWithApi } from './harness';
import { event, participant, rosterRow } from './roster-data';

const erasedRow = rosterRow({ givenNames: '', familyName: '', badgeName: '', organisation: '' });
const living = rosterRow({ givenNames: 'Amina', familyName: 'Otieno', badgeName: '' });
const amina = participant({ id: living.participantId, givenNames: 'Amina', familyName: 'Otieno', badgeName: '' });
const registration = {
  id: living.registrationId,
  eventId: event.id,
  participantId: amina.id,
  category: 'partner_state_delegate' as const,
  status: 'confirmed' as const,
  code: 'ZTN40S14',
  createdAt: amina.createdAt,
  updatedAt: amina.createdAt,
};

// jsdom lays nothing out: give the list's scroll box a size so the virtualiser has rows to render.
const sizes = Object.getOwnPropertyDescriptors(Element.prototype);
beforeEach(() => {
  Object.defineProperty(Element.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(Element.prototype, 'clientWidth', { configurable: true, get: () => 1000 });
});
afterEach(() => {
  Object.defineProperty(Element.prototype, 'clientHeight', sizes.clientHeight!);
  Object.defineProperty(Element.prototype, 'clientWidth', sizes.clientWidth!);
});

// The first screen of a file also loads the catalogues: on a busy machine that takes longer than the default second.
describe('erasing from the participant drawer', () => {
  it('lists an erased person as Erased participant and shows no details to edit', async () => {
    const api = fakeApi({
      'event.get': async () => ok(event),
      'roster.list': async () => ok({ total: 1, rows: [erasedRow] }),
      'participant.get': async () =>
        ok({
          participant: { ...amina, id: erasedRow.participantId, givenNames: '', familyName: '', organisation: '' },
          registrations: [{ ...registration, id: erasedRow.registrationId }],
          pastEvents: 0,
        }),
    });
    renderWithApi(<ParticipantsPage id={event.id} />, api);
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Erased participant' }, { timeout: 5000 }));
    const drawer = await screen.findByRole('dialog', { name: 'Erased participant' });
    expect(await within(drawer).findByText(/personal data was erased/)).toBeInTheDocument();
    expect(within(drawer).queryByLabelText('Family name')).not.toBeInTheDocument();
    expect(within(drawer).queryByRole('button', { name: 'Erase personal data…' })).not.toBeInTheDocument();
  });

  it('asks first, then erases by id; a refusal is shown and nothing changes on screen', async () => {
    const user = userEvent.setup();
    const api = fakeApi({
      'event.get': async () => ok(event),
      'roster.list': async () => ok({ total: 1, rows: [living] }),
      'participant.get': async () => ok({ participant: amina, registrations: [registration], pastEvents: 0 }),
      'person.erase': async () => ({
        ok: false,
        error: { code: 'not_found', message: `Participant ${amina.id} was not found.` },
      }),
    });
    renderWithApi(<ParticipantsPage id={event.id} />, api);
    await user.click(await screen.findByRole('button', { name: 'Amina Otieno' }, { timeout: 5000 }));
    const drawer = await screen.findByRole('dialog', { name: 'Amina Otieno' });
    await user.click(await within(drawer).findByRole('button', { name: 'Erase personal data…' }));
    expect(api['person.erase']).not.toHaveBeenCalled();
    const question = within(drawer).getByRole('group', { name: 'Erase this person’s personal data for good?' });
    expect(question).toHaveFocus();
    await user.click(within(question).getByRole('button', { name: 'Erase for good' }));
    await waitFor(() => expect(api['person.erase']).toHaveBeenCalledWith({ participantId: amina.id }));
    expect(await within(drawer).findByRole('alert')).toHaveTextContent('The personal data was not erased.');
    expect(within(drawer).getByLabelText('Family name')).toHaveValue('Otieno');
  });
});
