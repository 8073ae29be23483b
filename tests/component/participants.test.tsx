import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Input } from '../../electron/core/api/contract';
import { ParticipantsPage } from '../../renderer/src/participants/ParticipantsPage';
import { noFilters, rosterInput } from '../../renderer/src/participants/roster-query';
import { fakeApi, ok, renderWithApi } from './harness';
import { event, participant, rosterRow } from './roster-data';

const total = 100_000;
const first = rosterRow({ givenNames: 'Person 0', familyName: 'Test', badgeName: '' });
/** The page of a made-up 100,000-line roster that starts at `offset`. */
const page = (offset: number, limit: number) =>
  Array.from({ length: Math.min(limit, total - offset) }, (_, i) =>
    offset + i === 0 ? first : rosterRow({ givenNames: `Person ${offset + i}`, familyName: 'Test', badgeName: '' }),
  );
const amra = participant({ id: first.participantId });

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

function openList(pastEvents = 0) {
  const api = fakeApi({
    'event.get': async () => ok(event),
    'roster.list': async ({ offset = 0, limit = 100 }) => ok({ total, rows: page(offset, limit) }),
    'participant.get': async () =>
      ok({
        participant: amra,
        registrations: [
          {
            id: first.registrationId,
            eventId: event.id,
            participantId: amra.id,
            category: 'partner_state_delegate',
            status: 'confirmed',
            code: 'ZTN40S14',
            createdAt: amra.createdAt,
            updatedAt: amra.createdAt,
          },
        ],
        pastEvents,
      }),
    'participant.update': async ({ changes }) => ok({ ...amra, ...changes, consent: amra.consent }),
  });
  renderWithApi(<ParticipantsPage id={event.id} />, api);
  /** The filters of the latest roster.list call, without the paging. */
  const lastQuery = () => {
    const input = api['roster.list'].mock.lastCall![0];
    return Object.fromEntries(Object.entries(input).filter(([k]) => k !== 'limit' && k !== 'offset'));
  };
  return { api, lastQuery };
}

describe('participants list', () => {
  it('shows the total and renders only the rows in view of a 100,000-line roster', async () => {
    const { api } = openList();
    expect(await screen.findByText('Matching participants: 100,000')).toBeInTheDocument();
    const table = screen.getByRole('table', { name: `Participants of ${event.title}` });
    expect(table).toHaveAttribute('aria-rowcount', String(total + 1));
    const rows = within(table)
      .getAllByRole('row')
      .filter((r) => r.hasAttribute('aria-rowindex'));
    // A header and a screenful (600 / 44 px, plus the overscan), not 100,000.
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(40);
    expect(rows[1]).toHaveAttribute('aria-rowindex', '2');
    expect(within(rows[1]!).getByRole('button', { name: 'Person 0 Test' })).toBeInTheDocument();
    expect(api['roster.list']).toHaveBeenCalledWith(
      expect.objectContaining({ eventId: event.id, sort: 'name', direction: 'asc', limit: 100, offset: 0 }),
    );
  });

  it('builds the roster.list call from the filters and the sorted column', async () => {
    const user = userEvent.setup();
    const { lastQuery } = openList();
    await screen.findByText('Matching participants: 100,000');
    const sessionId = (screen.getByLabelText('Session') as HTMLSelectElement).value;
    expect(lastQuery()).toEqual({ eventId: event.id, sessionId, sort: 'name', direction: 'asc' });

    const status = screen.getByRole('group', { name: 'Status' });
    await user.click(within(status).getByRole('checkbox', { name: 'Walk-in' }));
    await user.click(within(status).getByRole('checkbox', { name: 'Confirmed' }));
    await user.click(within(screen.getByRole('group', { name: 'Gender' })).getByRole('checkbox', { name: 'Female' }));
    await user.click(
      within(screen.getByRole('group', { name: 'Category' })).getByRole('checkbox', { name: 'Embassy' }),
    );
    await user.type(screen.getByLabelText('Country represented'), 'Kenya');
    await user.selectOptions(screen.getByLabelText('Check-in'), 'Not checked in');
    await waitFor(() =>
      expect(lastQuery()).toEqual({
        eventId: event.id,
        sessionId,
        // In the contract's order, whatever order they were ticked in.
        status: ['confirmed', 'walk_in'],
        category: ['embassy'],
        country: ['KE'],
        gender: ['female'],
        checkedIn: false,
        sort: 'name',
        direction: 'asc',
      }),
    );

    const countryHeader = screen.getByRole('columnheader', { name: /Country/ });
    expect(countryHeader).not.toHaveAttribute('aria-sort');
    await user.click(within(countryHeader).getByRole('button'));
    await waitFor(() => expect(lastQuery()).toMatchObject({ sort: 'country', direction: 'asc' }));
    expect(countryHeader).toHaveAttribute('aria-sort', 'ascending');
    expect(screen.getByRole('columnheader', { name: /Name/ })).not.toHaveAttribute('aria-sort');
    await user.click(within(countryHeader).getByRole('button'));
    await waitFor(() => expect(lastQuery()).toMatchObject({ sort: 'country', direction: 'desc' }));
    expect(countryHeader).toHaveAttribute('aria-sort', 'descending');
  });

  it('pages by offset and sends only the filters in use', () => {
    const input: Input<'roster.list'> = rosterInput(
      event.id,
      noFilters(undefined),
      { sort: 'status', direction: 'desc' },
      3,
    );
    expect(input).toEqual({ eventId: event.id, sort: 'status', direction: 'desc', limit: 100, offset: 300 });
    // Without a session there is nothing to filter check-ins by, so the filter is left out rather than refused.
    expect(
      rosterInput(event.id, { ...noFilters(undefined), checkedIn: 'in' }, { sort: 'name', direction: 'asc' }, 0),
    ).not.toHaveProperty('checkedIn');
  });
});

describe('participant drawer', () => {
  it('opens from a row as a dialog, sends only the changed field, closes on Esc and gives focus back', async () => {
    const user = userEvent.setup();
    const { api } = openList();
    const opener = await screen.findByRole('button', { name: 'Person 0 Test' });
    await user.click(opener);

    const drawer = await screen.findByRole('dialog', { name: 'Amra Begić' });
    expect(drawer).toHaveTextContent('Check-in code ZTN4-0S14');
    const organisation = await within(drawer).findByLabelText('Organisation');
    await user.clear(organisation);
    await user.type(organisation, 'State Investigation and Protection Agency');
    await user.click(within(drawer).getByRole('button', { name: 'Save details' }));

    await waitFor(() => expect(api['participant.update']).toHaveBeenCalledTimes(1));
    expect(api['participant.update']).toHaveBeenCalledWith({
      id: amra.id,
      changes: { organisation: 'State Investigation and Protection Agency' },
    });
    expect(await within(drawer).findByText('Saved.')).toBeInTheDocument();
    // Someone registered only for workshops still to come has no past figures to protect or correct.
    expect(within(drawer).queryByRole('checkbox', { name: 'Also correct past workshops' })).not.toBeInTheDocument();

    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(opener).toHaveFocus();
  });

  it('changes the registration’s status through registration.update, alone', async () => {
    const user = userEvent.setup();
    const { api } = openList();
    api['registration.update'].mockImplementation(async ({ id, changes }) =>
      ok({
        id,
        eventId: event.id,
        participantId: amra.id,
        category: 'partner_state_delegate',
        status: changes.status ?? 'confirmed',
        code: 'ZTN40S14',
        createdAt: amra.createdAt,
        updatedAt: amra.createdAt,
      }),
    );
    await user.click(await screen.findByRole('button', { name: 'Person 0 Test' }));
    const drawer = await screen.findByRole('dialog', { name: 'Amra Begić' });
    await user.selectOptions(await within(drawer).findByLabelText('Status'), 'Cancelled');
    await user.click(within(drawer).getByRole('button', { name: 'Save registration' }));
    await waitFor(() =>
      expect(api['registration.update']).toHaveBeenCalledWith({
        id: first.registrationId,
        changes: { status: 'cancelled' },
      }),
    );
    expect(api['participant.update']).not.toHaveBeenCalled();
  });

  it('offers to correct past workshops only for someone who attended one, and says so with the edit', async () => {
    const user = userEvent.setup();
    const { api } = openList(1);
    // The person as stored: what participant.update changed, participant.get answers next.
    let stored = amra;
    const answer = api['participant.get'].getMockImplementation()!;
    api['participant.get'].mockImplementation(async (input) => {
      const result = await answer(input);
      return result.ok ? ok({ ...result.value, participant: stored }) : result;
    });
    api['participant.update'].mockImplementation(async ({ changes }) => {
      stored = { ...stored, ...changes, consent: stored.consent };
      return ok(stored);
    });
    await user.click(await screen.findByRole('button', { name: 'Person 0 Test' }));
    const drawer = await screen.findByRole('dialog', { name: 'Amra Begić' });
    const correct = await within(drawer).findByRole('checkbox', { name: 'Also correct past workshops' });
    expect(correct).not.toBeChecked();
    expect(correct).toHaveAccessibleDescription(/workshops that are over/);

    // Unticked: a change since, which past workshops do not see.
    await user.selectOptions(within(drawer).getByLabelText('Organisation type'), 'Prosecution / judiciary');
    await user.click(within(drawer).getByRole('button', { name: 'Save details' }));
    await waitFor(() =>
      expect(api['participant.update']).toHaveBeenLastCalledWith({
        id: amra.id,
        changes: { organisationType: 'prosecution_judiciary' },
      }),
    );

    // Ticked from the keyboard: a correction, sent even when the form holds nothing new.
    correct.focus();
    await user.keyboard(' ');
    expect(correct).toBeChecked();
    await user.click(within(drawer).getByRole('button', { name: 'Save details' }));
    await waitFor(() => expect(api['participant.update']).toHaveBeenCalledTimes(2));
    expect(api['participant.update']).toHaveBeenLastCalledWith({ id: amra.id, changes: {}, correctPast: true });
    await waitFor(() => expect(correct).not.toBeChecked());
  });
});
