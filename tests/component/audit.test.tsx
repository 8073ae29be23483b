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

describe('the trail', () => {
  const entry = (seq: number, actor: string, actorName: string | null, role: string, action: string) => ({
    seq,
    at: '2026-11-28T09:15:00.000Z',
    device: '3f1c9a2e4b7d4c51',
    actor,
    actorName,
    role,
    action,
    ids: {},
    counts: {},
    hash: 'h'.repeat(64),
  });

  it('names roles and the device acting on its own in words, and shows a role it does not know as written', async () => {
    const api = fakeApi({
      'access.members': async () => ok([]),
      'audit.list': async () =>
        ok({
          entries: [
            entry(4, 'm1', 'Amina Wanjiru', 'admin', 'event.create'),
            entry(3, 'm2', 'Joseph Kamau', 'staff', 'checkin.create'),
            entry(2, 'system', null, 'system', 'backup.create'),
            entry(1, 'm3', 'Lea Novak', 'auditor', 'audit.export'),
          ],
          more: false,
        }),
    });
    renderWithApi(<AuditPage />, api);
    const rows = await screen.findAllByRole('row');
    const text = rows.slice(1).map((row) => row.textContent ?? '');
    expect(text[0]).toContain('Amina WanjiruAdministrator');
    expect(text[1]).toContain('Joseph KamauStaff');
    expect(text[2]).toContain('This deviceAutomatic');
    expect(text[3]).toContain('Lea Novakauditor');
  });
});
