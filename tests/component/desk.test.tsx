import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Output } from '../../electron/core/api/contract';
import type { Result } from '../../electron/core/api/errors';
import { DeskPage } from '../../renderer/src/desk/DeskPage';
import { deferred, fakeApi, ok, renderWithApi } from './harness';
import { counters, deviceHere, event, hit, record } from './roster-data';
import {
  azerty,
  badgeToken,
  handTyped,
  pressEnter,
  pressKeys,
  qwertz,
  scannedOn,
  thai,
  typedText,
  type Layout,
} from './layouts';

// Nonces are time-ordered record ids (UUID v7, electron/core/api/ids.ts).
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const jose = hit({ givenNames: 'José', familyName: 'Pérez', badgeName: 'José Pérez', match: 'exact' });
const josefina = hit({ givenNames: 'Josefina', familyName: 'Gómez', badgeName: 'Josefina Gómez', gender: 'female' });

type Handlers = Parameters<typeof fakeApi>[0];

/**
 * The desk on the sample event, with a search that answers `hits` for anything typed, each carrying the check-in
 * the fake check-in stored for it (as the core's search does).
 */
async function openDesk(overrides: Handlers = {}, hits = [jose, josefina]) {
  const stored = new Map<string, ReturnType<typeof record>>();
  const api = fakeApi({
    'event.get': async () => ok(event),
    'system.info': async () => ok({ version: '0.1.0', device: deviceHere, schemaVersion: 5 }),
    'roster.search': async () =>
      ok(
        hits.map((h) => {
          const r = stored.get(h.registrationId);
          if (!r) return h;
          const attendance = { state: 'checked_in' as const, checkInId: r.id, at: r.at, device: r.device };
          return {
            ...h,
            attendance: { ...attendance, method: r.method, operator: null, checkedOutAt: null, duplicates: false },
          };
        }),
      ),
    'checkin.counters': async () => ok(counters(stored.size)),
    'checkin.recent': async () => ok([]),
    'checkin.create': async (input) => {
      const r = record({ id: input.id, registrationId: input.registrationId, sessionId: input.sessionId });
      stored.set(r.registrationId, r);
      return ok(r);
    },
    ...overrides,
  });
  renderWithApi(<DeskPage id={event.id} />, api);
  const box = await screen.findByRole('combobox', { name: 'Find a participant' });
  const sessionId = (screen.getByLabelText('Session') as HTMLSelectElement).value;
  return { api, box, sessionId };
}

const results = () => screen.getByRole('listbox', { name: 'Participants found' });

describe('check-in desk', () => {
  it('is keyboard-first: type, arrow to a result, Enter checks that person in once, with a nonce', async () => {
    const user = userEvent.setup();
    const { api, box, sessionId } = await openDesk();
    expect(box).toHaveFocus();

    await user.type(box, 'jose');
    await waitFor(() => expect(within(results()).getAllByRole('option')).toHaveLength(2));
    const [first, second] = within(results()).getAllByRole('option');
    expect(first).toHaveAttribute('aria-selected', 'true');
    expect(box).toHaveAttribute('aria-activedescendant', first!.id);
    expect(first).toHaveTextContent('José Pérez');
    expect(first).toHaveTextContent('Policía Nacional · Colombia · Partner-state delegate');
    expect(first).toHaveTextContent('Not checked in');

    await user.keyboard('{ArrowDown}');
    expect(second).toHaveAttribute('aria-selected', 'true');
    expect(box).toHaveAttribute('aria-activedescendant', second!.id);
    await user.keyboard('{ArrowDown}{ArrowUp}{ArrowDown}{Enter}');

    await waitFor(() => expect(screen.getByText('Checked in: Josefina Gómez')).toBeInTheDocument());
    expect(api['checkin.create']).toHaveBeenCalledTimes(1);
    expect(api['checkin.create']).toHaveBeenCalledWith({
      id: expect.stringMatching(uuid),
      sessionId,
      registrationId: josefina.registrationId,
      method: 'search',
    });
    // The result shows its new state, and the box is ready for the next name (text selected, focus kept).
    await waitFor(() => expect(second).toHaveTextContent('Checked in 9:14 AM'));
    expect(box).toHaveFocus();
    await waitFor(() => expect(api['checkin.counters']).toHaveBeenCalledTimes(2));
  });

  it('sends one check-in however often Enter is pressed while it is on its way', async () => {
    const user = userEvent.setup();
    const answer = deferred<Result<Output<'checkin.create'>>>();
    const { api, box } = await openDesk({ 'checkin.create': () => answer.promise });
    await user.type(box, 'jose');
    await waitFor(() => expect(within(results()).getAllByRole('option')).toHaveLength(2));

    await user.keyboard('{Enter}{Enter}{Enter}');
    await user.click(screen.getByRole('button', { name: 'Checking in…' }));
    expect(api['checkin.create']).toHaveBeenCalledTimes(1);
    // Nothing is said before the server has answered.
    expect(screen.queryByText(/Checked in:/)).not.toBeInTheDocument();

    await act(async () => answer.resolve(ok(record({ registrationId: jose.registrationId }))));
    expect(await screen.findByText('Checked in: José Pérez')).toBeInTheDocument();
    expect(api['checkin.create']).toHaveBeenCalledTimes(1);
  });

  it('retries an unconfirmed check-in with the same nonce, and the next check-in with a new one', async () => {
    const user = userEvent.setup();
    let calls = 0;
    const { api, box } = await openDesk({
      'checkin.create': async (input) =>
        ++calls === 1
          ? { ok: false, error: { code: 'internal', message: 'Muster could not reach its service.' } }
          : ok(record({ id: input.id, registrationId: input.registrationId })),
    });
    await user.type(box, 'jose{Enter}');
    const alert = await screen.findByRole('alert');
    await waitFor(() => expect(alert).toHaveTextContent('Not confirmed: José Pérez'));

    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Checked in: José Pérez')).toBeInTheDocument();
    const [first, retry] = api['checkin.create'].mock.calls.map(([input]) => input.id);
    expect(retry).toBe(first);

    await user.keyboard('{ArrowDown}{Enter}');
    await waitFor(() => expect(api['checkin.create']).toHaveBeenCalledTimes(3));
    expect(api['checkin.create'].mock.calls[2]![0].id).not.toBe(first);
  });

  it('warns when the person is already checked in, saying when and on which device', async () => {
    const user = userEvent.setup();
    const { box } = await openDesk({
      'checkin.create': async () => ({
        ok: false,
        error: {
          code: 'already_checked_in',
          message: 'José Pérez was already checked in to Day 1 at 09:14 on device 9f8e7d6c5b4a3921.',
          details: {
            firstCheckIn: {
              id: '5b7c6f1e-8a37-4a8e-9d6a-2f4f1c1f0a01',
              at: '2026-03-10T06:14:00.000Z',
              device: '9f8e7d6c5b4a3921',
              method: 'search',
              operator: null,
            },
          },
        },
      }),
    });
    await user.type(box, 'jose{Enter}');
    const alert = await screen.findByRole('alert');
    // 06:14 UTC is 09:14 in Nairobi, the event's time zone, whatever zone the test machine is in.
    await waitFor(() => expect(alert).toHaveTextContent('Already checked in: José Pérez'));
    expect(alert).toHaveTextContent('Checked in at 9:14 AM on device 9f8e7d6c5b4a3921.');
    expect(screen.queryByText(/^Checked in: /)).not.toBeInTheDocument();
  });

  it('warns when the registration is cancelled', async () => {
    const user = userEvent.setup();
    const { box } = await openDesk({
      'checkin.create': async () => ({
        ok: false,
        error: { code: 'cancelled', message: 'José Pérez’s registration is cancelled.' },
      }),
    });
    await user.type(box, 'jose{Enter}');
    expect(await screen.findByText('Registration cancelled: José Pérez')).toBeInTheDocument();
  });

  it('undoes a check-in from the last check-ins with one click, with a nonce of its own', async () => {
    const user = userEvent.setup();
    const last = { ...record(), givenNames: 'José', familyName: 'Pérez', code: jose.code, undone: false };
    const { api } = await openDesk({
      'checkin.recent': async () => ok([last]),
      'checkin.undo': async (input) => ok(record({ id: input.id, kind: 'reversal', reverses: input.recordId })),
    });
    const recent = screen.getByRole('region', { name: 'Last at this desk' });
    await user.click(await within(recent).findByRole('button', { name: 'Undo check-in of José Pérez' }));

    expect(await screen.findByText('Undone: José Pérez')).toBeInTheDocument();
    expect(api['checkin.undo']).toHaveBeenCalledTimes(1);
    expect(api['checkin.undo']).toHaveBeenCalledWith({ id: expect.stringMatching(uuid), recordId: last.id });
    expect(api['checkin.undo'].mock.calls[0]![0].id).not.toBe(last.id);
  });

  it('never shows an earlier answer for a later query, and sends only the latest text once the box is free', async () => {
    const user = userEvent.setup();
    const pending = new Map<string, ReturnType<typeof deferred<Result<Output<'roster.search'>>>>>();
    const { api, box } = await openDesk({
      'roster.search': (input) => {
        const answer = deferred<Result<Output<'roster.search'>>>();
        pending.set(input.query, answer);
        return answer.promise;
      },
    });
    await user.type(box, 'j');
    await waitFor(() => expect(pending.has('j')).toBe(true));
    await user.type(box, 'os');
    // 'jo' was typed while 'j' was on its way: it is never sent.
    await act(async () => pending.get('j')!.resolve(ok([josefina])));
    await waitFor(() => expect(pending.has('jos')).toBe(true));
    expect([...pending.keys()]).toEqual(['j', 'jos']);
    expect(results().closest('[data-query]')).toHaveAttribute('data-query', 'j');

    await act(async () => pending.get('jos')!.resolve(ok([jose])));
    await waitFor(() => expect(results().closest('[data-query]')).toHaveAttribute('data-query', 'jos'));
    expect(within(results()).getAllByRole('option')).toHaveLength(1);
    expect(api['roster.search']).toHaveBeenCalledTimes(2);
  });

  it('acts on an Enter typed before the results came (a badge scanner), for exactly the text scanned', async () => {
    const user = userEvent.setup();
    const answer = deferred<Result<Output<'roster.search'>>>();
    const { api, box } = await openDesk({ 'roster.search': () => answer.promise });
    await user.type(box, 'X65B-R6J6{Enter}');
    expect(api['checkin.create']).not.toHaveBeenCalled();
    await act(async () => answer.resolve(ok([hit({ ...jose, match: 'exact' })])));
    await waitFor(() => expect(api['checkin.create']).toHaveBeenCalledTimes(1));
    expect(api['checkin.create'].mock.calls[0]![0].registrationId).toBe(jose.registrationId);
  });

  it('checks in the owner of a scanned badge token as a QR check-in, and shows why a refused badge is refused', async () => {
    const user = userEvent.setup();
    const token = `M1.${'A'.repeat(131)}`;
    const revoked = `M1.${'B'.repeat(131)}`;
    const { api, box } = await openDesk({
      'roster.search': async ({ query }) =>
        query.trim() === revoked
          ? {
              ok: false,
              error: {
                code: 'invalid_badge',
                message: 'This badge was replaced by a newer one: use the latest badge.',
                details: { badge: 'revoked' },
              },
            }
          : ok(query.trim() === token ? [hit({ ...jose, match: 'exact' })] : []),
    });
    await user.click(box);
    await user.paste(token);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(api['checkin.create']).toHaveBeenCalledTimes(1));
    expect(api['checkin.create'].mock.calls[0]![0]).toMatchObject({
      registrationId: jose.registrationId,
      method: 'qr',
    });

    await user.clear(box);
    await user.paste(revoked);
    await user.keyboard('{Enter}');
    const reason = await screen.findByText('This badge was replaced by a newer one: use the latest badge.');
    const alert = reason.closest('[role="alert"]') as HTMLElement;
    expect(alert).not.toHaveTextContent('The search did not answer.');
    expect(within(alert).queryByRole('button', { name: 'Retry' })).toBeNull();
    expect(api['checkin.create']).toHaveBeenCalledTimes(1);
  });

  it('checks out a checked-in person from the result’s actions, with a nonce', async () => {
    const user = userEvent.setup();
    const present = hit({
      ...jose,
      attendance: {
        state: 'checked_in',
        checkInId: '7b7c6f1e-8a37-4a8e-9d6a-2f4f1c1f0a01',
        at: '2026-03-10T06:14:00.000Z',
        device: deviceHere,
        method: 'search',
        operator: null,
        checkedOutAt: null,
        duplicates: false,
      },
    });
    const { api, box, sessionId } = await openDesk(
      {
        'checkin.checkout': async (input) =>
          ok(record({ id: input.id, kind: 'check_out', registrationId: input.registrationId, method: 'manual' })),
      },
      [present],
    );
    await user.type(box, 'jose');
    await waitFor(() => expect(within(results()).getByRole('option')).toHaveTextContent('Checked in 9:14 AM'));
    await user.click(screen.getByRole('button', { name: 'Check out' }));
    expect(await screen.findByText('Checked out: José Pérez')).toBeInTheDocument();
    expect(api['checkin.checkout']).toHaveBeenCalledWith({
      id: expect.stringMatching(uuid),
      sessionId,
      registrationId: present.registrationId,
    });
    expect(box).toHaveFocus();
  });

  it('clears the search with Esc', async () => {
    const user = userEvent.setup();
    const { box } = await openDesk();
    await user.type(box, 'jose');
    await waitFor(() => expect(within(results()).getAllByRole('option')).toHaveLength(2));
    await user.keyboard('{Escape}');
    expect(box).toHaveValue('');
    await waitFor(() => expect(screen.queryByRole('listbox')).not.toBeInTheDocument());
  });

  it('shows the session’s counters: checked in of expected, women, men, another or not stated', async () => {
    await openDesk({ 'checkin.counters': async () => ok(counters(3)) });
    const figures = screen.getByRole('region', { name: 'Attendance for this session' });
    await waitFor(() => expect(within(figures).getByText('3 of 140')).toBeInTheDocument());
    expect(within(figures).getByText('Women').nextSibling).toHaveTextContent('3 of 46');
    expect(within(figures).getByText('Men').nextSibling).toHaveTextContent('0 of 90');
    expect(within(figures).getByText('Another gender / not stated').nextSibling).toHaveTextContent('0 of 4');
  });
});

describe('a USB scanner on a keyboard layout other than US', () => {
  const layouts: [string, Layout][] = [
    ['German QWERTZ', qwertz],
    ['French AZERTY', azerty],
    ['Thai', thai],
  ];
  const code = 'X65B-R6J6';

  /** The desk, where only the badge's exact token or code finds José. */
  const deskFinding = (wanted: string) =>
    openDesk({
      'roster.search': async ({ query }) => ok(query.trim() === wanted ? [{ ...jose, match: 'exact' }] : []),
    });

  for (const [name, layout] of layouts) {
    it(`finds and checks in the owner of a badge token scanned through ${name}, as a QR check-in`, async () => {
      const { api, box } = await deskFinding(badgeToken);
      const presses = scannedOn(layout, badgeToken);
      expect(typedText(presses)).not.toBe(badgeToken);
      pressKeys(box as HTMLInputElement, presses);
      expect(box).toHaveValue(badgeToken);
      await waitFor(() => expect(within(results()).getByRole('option')).toHaveTextContent('José Pérez'));
      pressEnter(box as HTMLInputElement);
      await waitFor(() => expect(api['checkin.create']).toHaveBeenCalledTimes(1));
      expect(api['checkin.create'].mock.calls[0]![0]).toMatchObject({
        registrationId: jose.registrationId,
        method: 'qr',
      });
      expect(await screen.findByText('Checked in: José Pérez')).toBeInTheDocument();
    });

    it(`finds and checks in the owner of a check-in code scanned through ${name}`, async () => {
      const { api, box } = await deskFinding(code);
      const presses = scannedOn(layout, code);
      expect(typedText(presses)).not.toBe(code);
      pressKeys(box as HTMLInputElement, presses);
      pressEnter(box as HTMLInputElement);
      await waitFor(() => expect(api['checkin.create']).toHaveBeenCalledTimes(1));
      expect(api['checkin.create'].mock.calls[0]![0]).toMatchObject({ registrationId: jose.registrationId });
      expect(box).toHaveValue(code);
    });
  }

  it('searches a German name typed on QWERTZ as typed', async () => {
    const { api, box } = await openDesk();
    pressKeys(box as HTMLInputElement, handTyped(qwertz, ['+KeyM', 'BracketLeft', 'KeyL', 'KeyL', 'KeyE', 'KeyR']));
    expect(box).toHaveValue('Müller');
    await waitFor(() =>
      expect(api['roster.search']).toHaveBeenLastCalledWith(expect.objectContaining({ query: 'Müller' })),
    );
    expect(api['roster.search']).not.toHaveBeenCalledWith(expect.objectContaining({ query: 'M[ller' }));
  });

  it('leaves a box edited by hand as typed: its keys no longer say what it holds', async () => {
    const user = userEvent.setup();
    const { box } = await deskFinding(badgeToken);
    const presses = scannedOn(qwertz, badgeToken);
    // The German reading typed, then one character removed and put back by hand: the record no longer holds.
    pressKeys(box as HTMLInputElement, presses.slice(0, -1));
    await user.keyboard('{Backspace}');
    pressKeys(box as HTMLInputElement, presses.slice(-2));
    expect(box).toHaveValue(typedText(presses));
  });
});
