import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Input } from '../../electron/core/api/contract';
import { WalkInDialog } from '../../renderer/src/participants/WalkInDialog';
import { fakeApi, ok, renderWithApi } from './harness';
import { event, participant, record } from './roster-data';

const session = event.sessions[1]!;
// Nonces are time-ordered record ids (UUID v7, electron/core/api/ids.ts).
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const amra = participant();
const registration = {
  id: '6b7c6f1e-8a37-4a8e-9d6a-2f4f1c1f0a01',
  eventId: event.id,
  participantId: amra.id,
  category: 'partner_state_delegate' as const,
  status: 'confirmed' as const,
  code: 'ZTN40S14',
  createdAt: amra.createdAt,
  updatedAt: amra.createdAt,
};

type Handlers = Parameters<typeof fakeApi>[0];

function openForm(overrides: Handlers = {}) {
  const api = fakeApi({
    'participant.findDuplicates': async () => ok([]),
    'participant.create': async (input: Input<'participant.create'>) =>
      ok({
        participant: participant({ givenNames: input.givenNames ?? '', familyName: input.familyName, badgeName: '' }),
        registration,
        checkIn: input.checkIn ? record({ id: input.checkIn.id, sessionId: input.checkIn.sessionId }) : null,
      }),
    ...overrides,
  });
  const props = { onClose: vi.fn(), onCheckInExisting: vi.fn(), onSaved: vi.fn() };
  renderWithApi(<WalkInDialog event={event} session={session} {...props} />, api);
  return { api, ...props, dialog: screen.getByRole('dialog', { name: 'Register a walk-in' }) };
}

async function fillAmra(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText(/^Given names/), 'Amra');
  await user.type(screen.getByLabelText('Family name'), 'Begić');
  await user.selectOptions(screen.getByLabelText('Gender'), 'Female');
  await user.type(screen.getByLabelText('Country represented'), 'Bosnia and Herzegovina');
  await user.type(screen.getByLabelText('Organisation'), 'Ministarstvo sigurnosti');
  await user.selectOptions(screen.getByLabelText('Organisation type'), 'Ministry / government');
  await user.selectOptions(screen.getByLabelText('Category'), 'Partner-state delegate');
  await user.type(screen.getByLabelText(/^Email/), 'Amra.Begic@gov.ba');
  await user.click(screen.getByRole('checkbox', { name: 'Agrees to the processing of their personal data' }));
}

describe('walk-in registration', () => {
  it('checks every field against the contract’s schema inline and sends nothing while one is wrong', async () => {
    const user = userEvent.setup();
    const { api } = openForm();
    await user.type(screen.getByLabelText(/^Email/), 'amra@');
    await user.type(screen.getByLabelText(/^Phone/), 'call me');
    await user.click(screen.getByRole('button', { name: 'Save and check in' }));

    const family = screen.getByLabelText('Family name');
    await waitFor(() => expect(family).toHaveAttribute('aria-invalid', 'true'));
    expect(family).toHaveAccessibleDescription('This field is required.');
    expect(family).toHaveFocus();
    expect(screen.getByLabelText('Gender')).toHaveAccessibleDescription('This field is required.');
    expect(screen.getByLabelText('Category')).toHaveAccessibleDescription('This field is required.');
    expect(screen.getByLabelText(/^Email/)).toHaveAccessibleDescription(
      'Enter an email address such as name@example.org.',
    );
    expect(screen.getByLabelText(/^Phone/)).toHaveAccessibleDescription(
      'With the country code, such as +254 712 345 678. Enter a phone number that exists, with its country code (such as +254 712 345 678).',
    );
    expect(api['participant.findDuplicates']).not.toHaveBeenCalled();
    expect(api['participant.create']).not.toHaveBeenCalled();
  });

  it('shows a possible duplicate before saving and offers to check the existing person in instead', async () => {
    const user = userEvent.setup();
    const { api, onCheckInExisting } = openForm({
      'participant.findDuplicates': async () =>
        ok([{ participant: amra, reasons: ['email', 'name_country'], registrations: [registration] }]),
    });
    await fillAmra(user);
    await user.click(screen.getByRole('button', { name: 'Save and check in' }));

    const warning = await screen.findByRole('alert');
    expect(warning).toHaveTextContent('This person may already be registered');
    expect(warning).toHaveTextContent('Amra Begić');
    expect(warning).toHaveTextContent('Same email · Same name and country · Registered for this event (Confirmed)');
    expect(api['participant.findDuplicates']).toHaveBeenCalledWith({
      givenNames: 'Amra',
      familyName: 'Begić',
      country: 'BA',
      email: 'amra.begic@gov.ba',
    });
    expect(api['participant.create']).not.toHaveBeenCalled();

    await user.click(within(warning).getByRole('button', { name: 'Check in Amra Begić instead' }));
    expect(onCheckInExisting).toHaveBeenCalledWith({
      registrationId: registration.id,
      participantId: amra.id,
      name: 'Amra Begić',
    });
    expect(api['participant.create']).not.toHaveBeenCalled();
  });

  it('saves anyway when staff say it is someone else, and checks the new person in at once', async () => {
    const user = userEvent.setup();
    const { api, onSaved } = openForm({
      'participant.findDuplicates': async () =>
        ok([{ participant: amra, reasons: ['name_country'], registrations: [] }]),
    });
    await fillAmra(user);
    await user.click(screen.getByRole('button', { name: 'Save and check in' }));
    const warning = await screen.findByRole('alert');
    expect(warning).toHaveTextContent('Not registered for this event');
    expect(within(warning).queryByRole('button', { name: /instead/ })).not.toBeInTheDocument();

    await user.click(within(warning).getByRole('button', { name: 'Not the same person: save and check in anyway' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(api['participant.create']).toHaveBeenCalledTimes(1);
    expect(api['participant.create']).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: event.id,
        status: 'walk_in',
        givenNames: 'Amra',
        familyName: 'Begić',
        gender: 'female',
        country: 'BA',
        organisation: 'Ministarstvo sigurnosti',
        organisationType: 'government',
        category: 'partner_state_delegate',
        email: 'amra.begic@gov.ba',
        phone: null,
        consent: { noticeVersion: '2023-09' },
        checkIn: { id: expect.stringMatching(uuid), sessionId: session.id, method: 'walk_in' },
      }),
    );
    expect(onSaved).toHaveBeenCalledWith({ kind: 'checked_in', name: 'Amra Begić', at: expect.any(String) });
  });

  it('“Save only” registers without a check-in when no one similar exists', async () => {
    const user = userEvent.setup();
    const { api, onSaved } = openForm();
    await fillAmra(user);
    await user.click(screen.getByRole('button', { name: 'Save only' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith({ kind: 'registered', name: 'Amra Begić' }));
    expect(api['participant.create'].mock.calls[0]![0].checkIn).toBeUndefined();
  });

  it('puts the server’s refusal of the phone number on the phone field', async () => {
    const user = userEvent.setup();
    const { onSaved } = openForm({
      'participant.create': async () => ({
        ok: false,
        error: {
          code: 'invalid_input',
          message: '+1 555 is not a phone number.',
          issues: [{ path: ['phone'], key: 'invalidPhone', message: '+1 555 is not a phone number.' }],
        },
      }),
    });
    await fillAmra(user);
    await user.type(screen.getByLabelText(/^Phone/), '+1 555 0100');
    await user.click(screen.getByRole('button', { name: 'Save and check in' }));
    await waitFor(() => expect(screen.getByLabelText(/^Phone/)).toHaveAttribute('aria-invalid', 'true'));
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('closes on Esc', async () => {
    const user = userEvent.setup();
    const { onClose, dialog } = openForm();
    await user.type(within(dialog).getByLabelText('Family name'), 'B');
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalled();
  });
});
