import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StoreGate } from '../../renderer/src/access/UnlockScreen';
import { fakeApi, ok, renderWithApi } from './harness';

const locked = { state: 'enter' as const, passphraseSet: true, retryAfterSeconds: 0 };

afterEach(() => {
  delete window.muster;
  vi.restoreAllMocks();
});

describe('the desktop unlock window', () => {
  it('refuses a wrong passphrase with the wait it caused, then opens the app with the right one; Quit closes it', async () => {
    let tries = 0;
    const api = fakeApi({
      'store.lockState': async () => ok(locked),
      'store.unlock': async () => {
        tries += 1;
        return tries === 1
          ? {
              ok: false,
              error: {
                code: 'forbidden',
                message: 'The passphrase does not unlock this database. Nothing was changed.',
                details: { retryAfterSeconds: 30 },
              },
            }
          : ok({ state: 'open', passphraseSet: true, retryAfterSeconds: 0 });
      },
    });
    // The preload's bridge is what makes this the desktop: only there can the window quit the app.
    window.muster = api;
    const close = vi.spyOn(window, 'close').mockImplementation(() => {});
    renderWithApi(
      <StoreGate>
        <p>The app</p>
      </StoreGate>,
      api,
    );
    expect(await screen.findByRole('heading', { level: 1, name: 'Unlock Muster' })).toBeInTheDocument();
    expect(screen.queryByText('The app')).not.toBeInTheDocument();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Administrator passphrase'), 'a wrong guess{Enter}');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This passphrase does not unlock the data.');
    expect(alert).toHaveTextContent('Try again in 30 seconds.');
    expect(screen.getByLabelText('Administrator passphrase')).toHaveValue('');

    await user.click(screen.getByRole('button', { name: 'Quit' }));
    expect(close).toHaveBeenCalledTimes(1);

    await user.type(screen.getByLabelText('Administrator passphrase'), 'the right passphrase{Enter}');
    expect(await screen.findByText('The app')).toBeInTheDocument();
    expect(api['store.unlock']).toHaveBeenLastCalledWith({ passphrase: 'the right passphrase' });
  });

  it('shows the app at once when the data is already open', async () => {
    const api = fakeApi({ 'store.lockState': async () => ok({ ...locked, state: 'open' as const }) });
    renderWithApi(
      <StoreGate>
        <p>The app</p>
      </StoreGate>,
      api,
    );
    expect(await screen.findByText('The app')).toBeInTheDocument();
    expect(api['store.unlock']).not.toHaveBeenCalled();
  });
});
