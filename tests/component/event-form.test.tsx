import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { EditEvent } from '../../renderer/src/events/EditEventPage';
import { NewEventPage } from '../../renderer/src/events/NewEventPage';
import { setLanguage } from '../../renderer/src/i18n/language';
import { deferred, fakeApi, ok, renderWithApi, sampleEvent } from './harness';
import type { Event } from '../../electron/core/events/schema';
import type { Result } from '../../electron/core/api/errors';

/** The inline error tied to a control through aria-describedby, as a screen reader would announce it. */
function errorOf(control: HTMLElement): string {
  const ids = control.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids
    .map((id) => document.getElementById(id))
    .filter((el) => el?.classList.contains('field-error'))
    .map((el) => el?.textContent)
    .join(' ');
}

async function fillValidEvent(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('Title'), 'Regional workshop');
  await user.type(screen.getByLabelText('City'), 'Tashkent');
  await user.type(screen.getByLabelText('Country'), 'Uzbekistan');
  await user.type(screen.getByLabelText('First day'), '2026-05-04');
  await user.type(screen.getByLabelText('Last day'), '2026-05-06');
}

describe('event form', () => {
  it('shows inline errors next to each bad field, tied to it for assistive technology', async () => {
    const user = userEvent.setup();
    const api = fakeApi();
    renderWithApi(<NewEventPage />, api);

    await user.type(screen.getByLabelText('Country'), 'Atlantis');
    await user.type(screen.getByLabelText('First day'), '2026-05-06');
    await user.type(screen.getByLabelText('Last day'), '2026-05-04');
    await user.click(screen.getByRole('checkbox', { name: 'English' }));
    await user.click(screen.getByRole('button', { name: 'Create event' }));

    const title = screen.getByLabelText('Title');
    await waitFor(() => expect(title).toHaveAttribute('aria-invalid', 'true'));
    expect(errorOf(title)).toBe('This field is required.');
    expect(errorOf(screen.getByLabelText('City'))).toBe('This field is required.');
    expect(errorOf(screen.getByLabelText('Country'))).toBe('Choose a country from the list.');
    expect(errorOf(screen.getByLabelText('Last day'))).toBe('The last day must be on or after the first day.');
    expect(screen.getByLabelText(/^Venue/)).toHaveAttribute('aria-invalid', 'false');
    const languages = screen.getByRole('group', { name: 'Languages' });
    expect(within(languages).getByText('Choose at least one language.')).toBeInTheDocument();
    // Focus goes to the first field in error, so a keyboard user lands where the work is.
    expect(title).toHaveFocus();
    expect(api['event.create']).not.toHaveBeenCalled();
  });

  it('speaks French, including the checks the shared schema defines and zod’s own messages', async () => {
    await act(() => setLanguage('fr'));
    const user = userEvent.setup();
    renderWithApi(<NewEventPage />, fakeApi());

    await user.type(screen.getByLabelText('Pays'), 'Atlantide');
    await user.type(screen.getByLabelText('Premier jour'), '2026-05-06');
    await user.type(screen.getByLabelText('Dernier jour'), '2026-05-04');
    await user.click(screen.getByRole('button', { name: 'Créer l’événement' }));

    await waitFor(() => expect(errorOf(screen.getByLabelText('Titre'))).toBe('Ce champ est obligatoire.'));
    expect(errorOf(screen.getByLabelText('Pays'))).toBe('Choisissez un pays dans la liste.');
    expect(errorOf(screen.getByLabelText('Dernier jour'))).toBe(
      'Le dernier jour doit être identique ou postérieur au premier jour.',
    );
    expect(document.documentElement).toHaveAttribute('lang', 'fr');
  });

  it('refuses a year typed with two digits before anything is sent, in the interface language', async () => {
    await act(() => setLanguage('ru'));
    const user = userEvent.setup();
    const api = fakeApi();
    renderWithApi(<NewEventPage />, api);
    await user.type(screen.getByLabelText('Название'), 'Региональный семинар');
    await user.type(screen.getByLabelText('Город'), 'Ташкент');
    await user.type(screen.getByLabelText('Страна'), 'Узбекистан');
    // What a date field keeps when "23" is typed as the year.
    await user.type(screen.getByLabelText('Первый день'), '0023-05-04');
    await user.type(screen.getByLabelText('Последний день'), '0023-05-06');
    await user.click(screen.getByRole('button', { name: 'Создать мероприятие' }));
    await waitFor(() =>
      expect(errorOf(screen.getByLabelText('Первый день'))).toBe(
        'Укажите дату с 2000 по 2099 год, записав год четырьмя цифрами.',
      ),
    );
    expect(api['event.create']).not.toHaveBeenCalled();
  });

  it('re-words the errors already shown when the language changes', async () => {
    const user = userEvent.setup();
    renderWithApi(<NewEventPage />, fakeApi());
    await user.click(screen.getByRole('button', { name: 'Create event' }));
    await waitFor(() => expect(errorOf(screen.getByLabelText('Title'))).toBe('This field is required.'));

    await act(() => setLanguage('ar'));
    await waitFor(() => expect(errorOf(screen.getByLabelText('العنوان'))).toBe('هذا الحقل مطلوب.'));
    expect(document.documentElement).toHaveAttribute('dir', 'rtl');
  });

  it('creates one event however many times Save is clicked while saving', async () => {
    const user = userEvent.setup();
    const answer = deferred<Result<Event>>();
    const api = fakeApi({ 'event.create': () => answer.promise });
    renderWithApi(<NewEventPage />, api);
    await fillValidEvent(user);

    const save = screen.getByRole('button', { name: 'Create event' });
    await user.dblClick(save);
    // Two clicks in the same tick, before React can re-render the button as disabled.
    fireEvent.click(save);
    fireEvent.click(save);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Saving…' })).toBeDisabled());

    answer.resolve(ok(sampleEvent()));
    await waitFor(() => expect(window.location.hash).toBe(`#/events/${sampleEvent().id}`));
    expect(api['event.create']).toHaveBeenCalledTimes(1);
    expect(api['event.create']).toHaveBeenCalledWith({
      title: 'Regional workshop',
      venue: '',
      city: 'Tashkent',
      country: 'UZ',
      startDate: '2026-05-04',
      endDate: '2026-05-06',
      timeZone: expect.any(String),
      languages: ['en'],
      // The kiosk settings, left as they start: no signature, no notice.
      signatureRequired: false,
      privacyNotice: '',
      privacyNoticeVersion: '',
      // Retention left at its default: personal data kept a year after the event.
      retentionDays: 365,
    });
  });

  it('puts the server’s refusals on the fields they concern, translated by key', async () => {
    const user = userEvent.setup();
    const api = fakeApi({
      'event.create': async () => ({
        ok: false,
        error: {
          code: 'invalid_input',
          message: 'endDate: An event can last at most 62 days.',
          issues: [{ path: ['endDate'], key: 'eventTooLong', message: 'An event can last at most 62 days.' }],
        },
      }),
    });
    renderWithApi(<NewEventPage />, api);
    await fillValidEvent(user);
    await user.click(screen.getByRole('button', { name: 'Create event' }));

    await waitFor(() => expect(errorOf(screen.getByLabelText('Last day'))).toBe('An event can last at most 62 days.'));
    // The form can be saved again once the user has corrected it.
    expect(screen.getByRole('button', { name: 'Create event' })).toBeEnabled();
  });

  it('sends only the changed fields when editing, and nothing when nothing changed', async () => {
    const user = userEvent.setup();
    const event = sampleEvent();
    const api = fakeApi({ 'event.update': async ({ changes }) => ok({ ...event, ...changes }) });
    renderWithApi(<EditEvent event={event} />, api);

    const title = screen.getByLabelText('Title');
    await user.clear(title);
    await user.type(title, 'Regional workshop on border security (second edition)');
    // Unticking and re-ticking reorders the languages, which is not a change.
    await user.click(screen.getByRole('checkbox', { name: 'English' }));
    await user.click(screen.getByRole('checkbox', { name: 'English' }));
    await user.click(screen.getByRole('checkbox', { name: 'Spanish' }));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(api['event.update']).toHaveBeenCalledTimes(1));
    expect(api['event.update']).toHaveBeenCalledWith({
      id: event.id,
      changes: { title: 'Regional workshop on border security (second edition)', languages: ['en', 'fr', 'es'] },
    });
  });

  it('saves nothing when the edit form is sent unchanged', async () => {
    const user = userEvent.setup();
    const api = fakeApi();
    renderWithApi(<EditEvent event={sampleEvent()} />, api);
    expect(screen.getByLabelText('Country')).toHaveValue('Kenya');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(window.location.hash).toBe(`#/events/${sampleEvent().id}`));
    expect(api['event.update']).not.toHaveBeenCalled();
  });
});
