import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Output } from '../../electron/core/api/contract';
import type { Result } from '../../electron/core/api/errors';
import { SyncPage } from '../../renderer/src/sync/SyncPage';
import { deferred, fakeApi, ok, renderWithApi } from './harness';
import { event } from './roster-data';

const cancelled = { ok: false, error: { code: 'cancelled', message: 'The sync was cancelled; nothing was changed.' } };

describe('sync page', () => {
  it('shows a Cancel button beside a running import; pressed by keyboard, it stops the sync and says nothing was imported', async () => {
    const user = userEvent.setup();
    const held = deferred<Result<Output<'sync.import'>>>();
    const api = fakeApi({
      'event.get': async () => ok(event),
      'sync.import': () => held.promise,
      'sync.progress': async ({ jobId }) => ok({ jobId, phase: 'checking', done: 1200, total: 4800, error: null }),
      'sync.cancel': async ({ jobId }) => {
        held.resolve(cancelled as Result<Output<'sync.import'>>);
        return ok({ jobId, phase: 'checking', done: 1200, total: 4800, error: null });
      },
    });
    renderWithApi(<SyncPage id={event.id} />, api);
    await user.upload(
      await screen.findByLabelText('Bundle file'),
      new File([Uint8Array.from([0x4d, 0x55, 0x53])], 'kiosk-2.mustersync'),
    );
    await user.type(
      screen.getAllByLabelText('Sync passphrase of the event (at least 8 characters)')[1]!,
      'nairobi kiosks',
    );
    await user.click(screen.getByRole('button', { name: 'Merge the bundle' }));

    const bar = await screen.findByRole('progressbar', { name: 'Merging the bundle' });
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuetext', 'Checking every change: 25%'));
    const jobId = api['sync.import'].mock.calls[0]![0].jobId;
    expect(api['sync.progress']).toHaveBeenCalledWith({ jobId });

    const cancel = screen.getByRole('button', { name: 'Cancel' });
    cancel.focus();
    await user.keyboard('{Enter}');
    expect(api['sync.cancel']).toHaveBeenCalledWith({ jobId });
    expect(await screen.findByText('The sync was cancelled. Nothing was imported.')).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(screen.queryByText('The bundle was not merged')).not.toBeInTheDocument();
    // The focus is not lost with the Cancel button: it is back on the button that started the import.
    expect(screen.getByRole('button', { name: 'Merge the bundle' })).toHaveFocus();
  });

  it('cancels a running export and saves no file', async () => {
    const user = userEvent.setup();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const held = deferred<Result<Output<'sync.export'>>>();
    const api = fakeApi({
      'event.get': async () => ok(event),
      'sync.export': () => held.promise,
      'sync.progress': async ({ jobId }) => ok({ jobId, phase: 'sealing', done: 2000, total: 8000, error: null }),
      'sync.cancel': async ({ jobId }) => {
        held.resolve(cancelled as Result<Output<'sync.export'>>);
        return ok({ jobId, phase: 'sealing', done: 2000, total: 8000, error: null });
      },
    });
    renderWithApi(<SyncPage id={event.id} />, api);
    await user.type(
      (await screen.findAllByLabelText('Sync passphrase of the event (at least 8 characters)'))[0]!,
      'nairobi kiosks',
    );
    await user.click(screen.getByRole('button', { name: 'Save the bundle' }));
    await screen.findByRole('progressbar', { name: 'Making the bundle' });
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(api['sync.cancel']).toHaveBeenCalledWith({ jobId: api['sync.export'].mock.calls[0]![0].jobId });
    expect(await screen.findByText('The sync was cancelled. No bundle was made.')).toBeInTheDocument();
    expect(screen.queryByText('The bundle could not be made')).not.toBeInTheDocument();
    expect(click).not.toHaveBeenCalled();
    click.mockRestore();
  });
});
