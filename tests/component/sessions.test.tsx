import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { Sessions } from '../../renderer/src/events/Sessions';
import { fakeApi, ok, renderWithApi, sampleEvent } from './harness';

describe('sessions editor', () => {
  it('renames a session inline and sends only the name', async () => {
    const user = userEvent.setup();
    const event = sampleEvent();
    const first = event.sessions[0]!;
    const api = fakeApi({
      'session.update': async ({ id, changes }) => ok({ ...first, id, ...changes }),
      'event.get': async () => ok(event),
      'event.list': async () => ok([]),
    });
    renderWithApi(<Sessions event={event} />, api);

    const name = screen.getByRole('textbox', { name: 'Name, Day 1' });
    const save = screen.getByRole('button', { name: 'Save Day 1' });
    expect(save).toBeDisabled();
    await user.clear(name);
    await user.type(name, 'Opening and threat assessment{Enter}');

    await waitFor(() => expect(api['session.update']).toHaveBeenCalledTimes(1));
    expect(api['session.update']).toHaveBeenCalledWith({
      id: first.id,
      changes: { name: 'Opening and threat assessment' },
    });
  });

  it('checks times before sending, in the interface language', async () => {
    const user = userEvent.setup();
    const api = fakeApi();
    renderWithApi(<Sessions event={sampleEvent()} />, api);

    const end = screen.getByLabelText('Ends, Day 2');
    await user.clear(end);
    await user.type(end, '08:30');
    await user.click(screen.getByRole('button', { name: 'Save Day 2' }));

    await waitFor(() => expect(end).toHaveAttribute('aria-invalid', 'true'));
    expect(end).toHaveAccessibleDescription('The session must end after it starts.');
    expect(api['session.update']).not.toHaveBeenCalled();
  });

  it('asks before removing a session, and shows the server’s refusal in place', async () => {
    const user = userEvent.setup();
    const event = sampleEvent();
    const api = fakeApi({
      'session.remove': async () => ({
        ok: false,
        error: {
          code: 'conflict',
          message: 'An event needs at least one session; add another before removing this one.',
        },
      }),
    });
    renderWithApi(<Sessions event={event} />, api);

    await user.click(screen.getByRole('button', { name: 'Remove Day 3' }));
    const confirm = screen.getByRole('button', { name: 'Remove session' });
    expect(confirm).toHaveFocus();
    expect(api['session.remove']).not.toHaveBeenCalled();

    await user.click(confirm);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('That change was refused.');
    expect(alert).toHaveTextContent('An event needs at least one session');
    expect(api['session.remove']).toHaveBeenCalledWith({ id: event.sessions[2]!.id });
    expect(screen.getByRole('button', { name: 'Remove Day 3' })).toHaveFocus();
  });

  it('adds a session named after its day when the name is left empty', async () => {
    const user = userEvent.setup();
    const event = sampleEvent();
    const api = fakeApi({
      'session.add': async (input) =>
        ok({ ...event.sessions[0]!, ...input, id: crypto.randomUUID(), name: 'Day 2 – session 2' }),
      'event.get': async () => ok(event),
      'event.list': async () => ok([]),
    });
    renderWithApi(<Sessions event={event} />, api);

    const form = screen.getByRole('form', { name: 'Add a session' });
    const date = within(form).getByLabelText('Date');
    await user.clear(date);
    await user.type(date, '2026-03-11');
    const start = within(form).getByLabelText('Starts');
    await user.clear(start);
    await user.type(start, '18:00');
    const end = within(form).getByLabelText('Ends');
    await user.clear(end);
    await user.type(end, '20:00');
    await user.click(within(form).getByRole('button', { name: 'Add session' }));

    await waitFor(() => expect(api['session.add']).toHaveBeenCalledTimes(1));
    expect(api['session.add']).toHaveBeenCalledWith({
      eventId: event.id,
      date: '2026-03-11',
      startTime: '18:00',
      endTime: '20:00',
    });
  });

  it('is read-only while the event is archived', () => {
    renderWithApi(<Sessions event={sampleEvent({ archived: true })} />, fakeApi());
    expect(screen.getByRole('textbox', { name: 'Name, Day 1' })).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Remove Day 1' })).not.toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Add a session' })).not.toBeInTheDocument();
  });
});
