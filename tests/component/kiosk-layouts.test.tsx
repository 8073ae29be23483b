import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { KioskState } from '../../electron/core/kiosk/schema';
import { KioskApp } from '../../renderer/src/kiosk/KioskApp';
import { fakeApi, ok, renderWithApi } from './harness';
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
import { event } from './roster-data';

const state: Extract<KioskState, { active: true }> = {
  active: true,
  eventId: event.id,
  sessionId: event.sessions[0]!.id,
  eventTitle: event.title,
  sessionName: 'Day 1',
  timeZone: event.timeZone,
  languages: ['en'],
  idleSeconds: 60,
  signatureRequired: false,
  notice: null,
  badges: null,
  startedAt: '2026-03-10T06:00:00.000Z',
};
const amina = {
  registrationId: '3f1c2b9a-6d1e-4c3b-8a7f-5e2d1c0b9a88',
  name: 'Amina Otieno',
  organisation: 'National Police Service',
  needsConsent: false,
  checkedInAt: null,
};
const code = 'X65B-R6J6';

/** The kiosk's welcome screen, where only Amina's exact badge token or code identifies her. */
async function openKiosk() {
  const api = fakeApi({
    'kiosk.feedbackForm': async () => ok({ open: false }),
    'kiosk.find': async () => ok({ results: [], more: false }),
    'kiosk.identify': async ({ who }) =>
      'scan' in who && (who.scan === badgeToken || who.scan === code)
        ? ok(amina)
        : { ok: false, error: { code: 'not_found', message: 'No one has this badge.' } },
    'kiosk.checkIn': async (input) =>
      ok({ checkInId: input.id, at: '2026-03-10T06:14:00.000Z', name: amina.name, signatureStored: false }),
  });
  renderWithApi(<KioskApp state={state} onLeft={() => undefined} />, api);
  const box = (await screen.findByRole('textbox', { name: 'Scan your badge or type your name' })) as HTMLInputElement;
  return { api, box };
}

describe('the kiosk with a USB scanner on a keyboard layout other than US', () => {
  // jsdom draws nothing: the kiosk finds no camera (as on a machine without one) instead of jsdom logging each try.
  beforeEach(() => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  });

  const layouts: [string, Layout][] = [
    ['German QWERTZ', qwertz],
    ['French AZERTY', azerty],
    ['Thai', thai],
  ];
  for (const [name, layout] of layouts) {
    for (const [what, scanned] of [
      ['badge token', badgeToken],
      ['check-in code', code],
    ] as const) {
      it(`checks in the owner of a ${what} scanned through ${name}`, async () => {
        const { api, box } = await openKiosk();
        const presses = scannedOn(layout, scanned);
        expect(typedText(presses)).not.toBe(scanned);
        pressKeys(box, presses);
        pressEnter(box);
        expect(await screen.findByRole('heading', { name: 'Welcome, Amina Otieno' })).toBeInTheDocument();
        expect(api['kiosk.identify']).toHaveBeenCalledWith({ who: { scan: scanned } });
        expect(api['kiosk.checkIn']).toHaveBeenCalledWith(
          expect.objectContaining({ registrationId: amina.registrationId, method: 'qr' }),
        );
      });
    }
  }

  it('checks in a code scanned through AZERTY while the focus is not in the name box', async () => {
    const { api, box } = await openKiosk();
    box.blur();
    for (const { code: key, key: typed, shift } of scannedOn(azerty, code)) {
      fireEvent.keyDown(document.body, { key: typed, code: key, shiftKey: shift });
    }
    fireEvent.keyDown(document.body, { key: 'Enter', code: 'Enter' });
    expect(await screen.findByRole('heading', { name: 'Welcome, Amina Otieno' })).toBeInTheDocument();
    expect(api['kiosk.identify']).toHaveBeenCalledWith({ who: { scan: code } });
  });

  it('searches a German name typed on QWERTZ as typed', async () => {
    const { api, box } = await openKiosk();
    pressKeys(box, handTyped(qwertz, ['+KeyM', 'BracketLeft', 'KeyL', 'KeyL', 'KeyE', 'KeyR']));
    expect(box).toHaveValue('Müller');
    await waitFor(() => expect(api['kiosk.find']).toHaveBeenCalledWith({ query: 'Müller' }));
    expect(api['kiosk.identify']).not.toHaveBeenCalled();
  });
});
