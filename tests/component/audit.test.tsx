import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AuditPage } from '../../renderer/src/audit/AuditPage';
import { fakeApi, ok, renderWithApi } from './harness';

const backup = 'muster-2026-11-28T09-15-00-000Z-manual.sqlite';

describe('checking the audit chain', () => {
  it('says when a restore restarted the chain from another history, and at which entry', async () => {
    const api = fakeApi({
      'access.members': async () => ok([]),
      'audit.list': async () => ok({ entries: [], more: false }),
      'audit.verify': async () =>
        ok({
          entries: 12,
          intact: true,
          firstBroken: null,
          restarts: [{ seq: 9, at: '2026-11-28T10:00:00.000Z', backup }],
        }),
    });
    renderWithApi(<AuditPage />, api);
    await userEvent.click(await screen.findByRole('button', { name: 'Check the chain' }));
    expect(await screen.findByText('The chain is intact (12 entries).')).toBeVisible();
    expect(
      screen.getByText(new RegExp(`^Restarted at entry 9: backup ${backup.replace(/\./g, '\\.')},`)),
    ).toBeVisible();
  });

  it('says nothing more when the chain never restarted', async () => {
    const api = fakeApi({
      'access.members': async () => ok([]),
      'audit.list': async () => ok({ entries: [], more: false }),
      'audit.verify': async () => ok({ entries: 3, intact: true, firstBroken: null, restarts: [] }),
    });
    renderWithApi(<AuditPage />, api);
    await userEvent.click(await screen.findByRole('button', { name: 'Check the chain' }));
    expect(await screen.findByText('The chain is intact (3 entries).')).toBeVisible();
    expect(screen.queryByText(/Restarted at entry/)).toBeNull();
  });
});
