import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DataPassphrase } from '../../renderer/src/access/DataPassphrase';
import { fakeApi, ok, renderWithApi } from './harness';

const open = (passphraseSet: boolean) => ({ state: 'open' as const, passphraseSet, retryAfterSeconds: 0 });

describe('the data passphrase on the staff page', () => {
  it('sets a first passphrase without asking for a current one, and says it is saved', async () => {
    const api = fakeApi({
      'store.lockState': async () => ok(open(false)),
      'store.setPassphrase': async () => ok(open(true)),
    });
    renderWithApi(<DataPassphrase />, api);
    expect(await screen.findByText(/Only this computer’s secret store can open/)).toBeInTheDocument();
    expect(screen.queryByLabelText('Current passphrase')).not.toBeInTheDocument();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('New passphrase'), 'Bangkok data passphrase');
    await user.type(screen.getByLabelText('Passphrase again'), 'Bangkok data passphrase');
    await user.click(screen.getByRole('button', { name: 'Set passphrase' }));
    expect(await screen.findByText(/The data passphrase is saved/)).toBeInTheDocument();
    expect(api['store.setPassphrase']).toHaveBeenCalledWith({ passphrase: 'Bangkok data passphrase' });
    // Now one is set: changing it takes the current one.
    expect(screen.getByLabelText('Current passphrase')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Change passphrase' })).toBeInTheDocument();
  });

  it('sends nothing while the two new passphrases differ, and says so when the current one is wrong', async () => {
    const api = fakeApi({
      'store.lockState': async () => ok(open(true)),
      'store.setPassphrase': async () => ({
        ok: false,
        error: { code: 'forbidden', message: 'The current passphrase is wrong. Nothing was changed.' },
      }),
    });
    renderWithApi(<DataPassphrase />, api);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Current passphrase'), 'a guess at the old one');
    await user.type(screen.getByLabelText('New passphrase'), 'Bangkok data passphrase');
    await user.type(screen.getByLabelText('Passphrase again'), 'Bangkok data passphrase 2');
    await user.click(screen.getByRole('button', { name: 'Change passphrase' }));
    expect(screen.getByText('The two passphrases differ.')).toBeInTheDocument();
    expect(api['store.setPassphrase']).not.toHaveBeenCalled();

    await user.clear(screen.getByLabelText('Passphrase again'));
    await user.type(screen.getByLabelText('Passphrase again'), 'Bangkok data passphrase');
    await user.click(screen.getByRole('button', { name: 'Change passphrase' }));
    expect(await screen.findByText('The current passphrase is wrong. Nothing was changed.')).toBeInTheDocument();
    expect(api['store.setPassphrase']).toHaveBeenCalledWith({
      current: 'a guess at the old one',
      passphrase: 'Bangkok data passphrase',
    });
    expect(screen.getByLabelText('Current passphrase')).toHaveValue('');
    expect(screen.getByLabelText('Current passphrase')).toHaveAttribute('aria-invalid', 'true');
  });
});
