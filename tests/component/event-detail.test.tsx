import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { EventDetailPage } from '../../renderer/src/events/EventDetail';
import { fakeApi, ok, renderWithApi, sampleEvent } from './harness';

describe('event detail', () => {
  it('shows the event’s facts in the interface language and archives it, then restores it', async () => {
    const user = userEvent.setup();
    let event = sampleEvent();
    const api = fakeApi({
      'event.get': async () => ok(event),
      'event.list': async () => ok([]),
      'event.archive': async ({ archived }) => ok((event = { ...event, archived })),
    });
    renderWithApi(<EventDetailPage id={event.id} />, api);

    expect(await screen.findByRole('heading', { level: 1, name: event.title })).toBeInTheDocument();
    expect(document.title).toBe(`${event.title} – Muster`);
    expect(screen.getByText('Nairobi, Kenya')).toBeInTheDocument();
    expect(screen.getByText('English and French')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Edit event' })).toHaveAttribute('href', `#/events/${event.id}/edit`);

    await user.click(screen.getByRole('button', { name: 'Archive event' }));
    expect(await screen.findByRole('button', { name: 'Restore event' })).toBeInTheDocument();
    expect(api['event.archive']).toHaveBeenCalledWith({ id: event.id, archived: true });
    expect(screen.getByText(/This event is archived/)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Edit event' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Restore event' }));
    await waitFor(() => expect(api['event.archive']).toHaveBeenLastCalledWith({ id: event.id, archived: false }));
    expect(await screen.findByRole('link', { name: 'Edit event' })).toBeInTheDocument();
  });

  it('says when the event does not exist', async () => {
    const api = fakeApi({
      'event.get': async ({ id }) => ({
        ok: false,
        error: { code: 'not_found', message: `Event ${id} was not found.` },
      }),
    });
    renderWithApi(<EventDetailPage id="missing" />, api);
    expect(await screen.findByRole('alert')).toHaveTextContent('This item no longer exists.');
  });
});
