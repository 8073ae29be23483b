import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { EventList } from '../../renderer/src/events/EventList';
import { setLanguage } from '../../renderer/src/i18n/language';
import type { Event, EventSummary } from '../../electron/core/events/schema';
import { fakeApi, ok, renderWithApi, sampleEvent } from './harness';

function summary(event: Event): EventSummary {
  const { sessions, ...rest } = event;
  return { ...rest, sessionCount: sessions.length };
}

const nairobi = summary(sampleEvent());
const sarajevo = {
  ...nairobi,
  id: crypto.randomUUID(),
  title: 'Sarajevo workshop',
  city: 'Sarajevo',
  country: 'BA',
  archived: true,
};

describe('event list', () => {
  it('lists events with their place, dates and sessions, and asks for archived ones only when told', async () => {
    const user = userEvent.setup();
    const api = fakeApi({
      'event.list': async ({ includeArchived }) => ok(includeArchived ? [nairobi, sarajevo] : [nairobi]),
    });
    renderWithApi(<EventList />, api);

    const row = (await screen.findByRole('link', { name: nairobi.title })).closest('tr')!;
    expect(within(row).getByText('Nairobi, Kenya')).toBeInTheDocument();
    expect(within(row).getByText('Mar 10 – 12, 2026')).toBeInTheDocument();
    expect(within(row).getByText('3')).toBeInTheDocument();
    expect(screen.queryByText('Sarajevo workshop')).not.toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: 'Show archived events' }));
    const archived = (await screen.findByRole('link', { name: 'Sarajevo workshop' })).closest('tr')!;
    expect(within(archived).getByText('Archived')).toBeInTheDocument();
    expect(api['event.list']).toHaveBeenLastCalledWith({ includeArchived: true });
  });

  it('names countries and formats dates in the interface language', async () => {
    await act(() => setLanguage('ru'));
    renderWithApi(<EventList />, fakeApi({ 'event.list': async () => ok([nairobi]) }));
    const row = (await screen.findByRole('link', { name: nairobi.title })).closest('tr')!;
    expect(within(row).getByText('Nairobi, Кения')).toBeInTheDocument();
    expect(within(row).getByText(/10–12 мар\. 2026/)).toBeInTheDocument();
  });

  it('says so when there are no events, and when they could not be loaded', async () => {
    const empty = renderWithApi(<EventList />, fakeApi({ 'event.list': async () => ok([]) }));
    expect(await screen.findByText('No events yet.')).toBeInTheDocument();
    empty.unmount();

    renderWithApi(
      <EventList />,
      fakeApi({ 'event.list': async () => ({ ok: false, error: { code: 'internal', message: 'x' } }) }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent('The events could not be loaded.');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
