import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Output } from '../../electron/core/api/contract';
import type { Result } from '../../electron/core/api/errors';
import { defaultExportFields } from '../../electron/core/exports/schema';
import { ExportPage } from '../../renderer/src/exports/ExportPage';
import { deferred, fakeApi, ok, renderWithApi } from './harness';
import { event } from './roster-data';

type ExportResult = Output<'export.run'>;
type Handlers = Parameters<typeof fakeApi>[0];

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
// The first bytes of any XLSX (a zip), then some more: what the page must save exactly as it came.
const bytes = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0xff, 0x80, 0x00, 0x41]);

function result(jobId: string): ExportResult {
  return {
    jobId,
    fileName: 'regional-workshop-attendance.xlsx',
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    data: Buffer.from(bytes).toString('base64'),
    bytes: 24_576,
    rows: 135,
    pages: null,
  };
}

// jsdom has neither object URLs nor downloads: record what the page hands the browser instead.
const saved: { blob: Blob; name: string; url: string }[] = [];
const revoked: string[] = [];
beforeEach(() => {
  saved.length = 0;
  revoked.length = 0;
  let next = 0;
  const blobs = new Map<string, Blob>();
  URL.createObjectURL = (blob: Blob) => {
    const url = `blob:muster/${++next}`;
    blobs.set(url, blob);
    return url;
  };
  URL.revokeObjectURL = (url: string) => void revoked.push(url);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    const blob = blobs.get(this.href);
    if (blob && this.isConnected) saved.push({ blob, name: this.download, url: this.href });
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

function openExport(overrides: Handlers = {}) {
  const api = fakeApi({
    'event.get': async () => ok(event),
    'export.run': async ({ jobId }) => ok(result(jobId)),
    'export.status': async ({ jobId }) => ok({ jobId, phase: 'rendering', done: 30, total: 135, error: null }),
    'export.cancel': async ({ jobId }) => ok({ jobId, phase: 'cancelled', done: 30, total: 135, error: null }),
    ...overrides,
  });
  renderWithApi(<ExportPage id={event.id} />, api);
  return api;
}

describe('export page', () => {
  it('leaves email and phone out unless ticked, sends the fields chosen, and downloads the bytes returned', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    const api = openExport();
    expect(await screen.findByRole('radio', { name: 'Attendance workbook (Excel .xlsx)' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Email' })).not.toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Phone' })).not.toBeChecked();
    expect(screen.getByRole('group', { name: 'Personal fields to include' })).toHaveAccessibleDescription(
      /Email and phone are left out unless you tick them/,
    );

    await user.click(screen.getByRole('button', { name: 'Export' }));
    await screen.findByText('Saved regional-workshop-attendance.xlsx');
    expect(api['export.run']).toHaveBeenCalledWith({
      jobId: expect.stringMatching(uuid),
      eventId: event.id,
      format: 'xlsx',
      includeCancelled: false,
      fields: [...defaultExportFields],
    });
    expect(saved).toHaveLength(1);
    expect(saved[0]!.name).toBe('regional-workshop-attendance.xlsx');
    expect(saved[0]!.blob.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(new Uint8Array(await saved[0]!.blob.arrayBuffer())).toEqual(bytes);
    expect(screen.getByText('24 kB · 135 registrations')).toBeInTheDocument();
    // The object URL is let go once the browser has the file.
    expect(revoked).toEqual([]);
    vi.advanceTimersByTime(10_000);
    expect(revoked).toEqual([saved[0]!.url]);

    // Ticking Email adds it, in the list's order; unticking Honorific leaves it out; cancelled people on request.
    await user.click(screen.getByRole('checkbox', { name: 'Email' }));
    await user.click(screen.getByRole('checkbox', { name: 'Honorific' }));
    await user.click(screen.getByRole('checkbox', { name: 'Include cancelled registrations' }));
    await user.click(screen.getByRole('button', { name: 'Export' }));
    await waitFor(() => expect(api['export.run']).toHaveBeenCalledTimes(2));
    expect(api['export.run'].mock.lastCall![0]).toMatchObject({
      includeCancelled: true,
      fields: [
        'givenNames',
        'familyName',
        'gender',
        'country',
        'organisation',
        'organisationType',
        'jobTitle',
        'email',
        'category',
        'status',
      ],
    });
  });

  it('sends sign-in sheets for the session chosen, without personal fields', async () => {
    const user = userEvent.setup();
    const api = openExport({
      'export.run': async ({ jobId }) =>
        ok({ ...result(jobId), fileName: 'signin.pdf', mediaType: 'application/pdf', pages: 4 }),
    });
    await user.click(await screen.findByRole('radio', { name: 'Sign-in sheets (PDF)' }));
    expect(screen.queryByRole('group', { name: 'Personal fields to include' })).not.toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Session'), event.sessions[1]!.id);
    await user.click(screen.getByRole('button', { name: 'Export' }));
    expect(await screen.findByText('24 kB · 135 registrations · 4 pages')).toBeInTheDocument();
    expect(api['export.run'].mock.calls[0]![0]).toEqual({
      jobId: expect.stringMatching(uuid),
      eventId: event.id,
      format: 'signin-pdf',
      includeCancelled: false,
      sessionId: event.sessions[1]!.id,
      // The event's first language, preset: the sheet is in the language of the people who sign it.
      language: 'en',
    });
    expect(saved.map((s) => s.name)).toEqual(['signin.pdf']);
  });

  it('asks the language of a PDF, preset to the event’s first, and never for a table', async () => {
    const user = userEvent.setup();
    const api = openExport({
      'event.get': async () => ok({ ...event, languages: ['ru', 'en'] }),
      'export.run': async ({ jobId }) =>
        ok({ ...result(jobId), fileName: 'summary.pdf', mediaType: 'application/pdf', pages: 2 }),
    });
    await screen.findByRole('radio', { name: 'Attendance workbook (Excel .xlsx)' });
    expect(screen.queryByRole('combobox', { name: 'Language of the document' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('radio', { name: 'Summary (PDF)' }));
    const select = screen.getByRole('combobox', { name: 'Language of the document' });
    expect(select).toHaveValue('ru');
    expect(select).toHaveAccessibleDescription(/CSV and Excel files are always in English/);
    // The event's languages first, then the others, each named in the language of the screen.
    expect(Array.from((select as HTMLSelectElement).options, (o) => o.textContent)).toEqual([
      'Russian',
      'English',
      'French',
      'Spanish',
      'Arabic',
    ]);
    await user.click(screen.getByRole('button', { name: 'Export' }));
    await waitFor(() => expect(api['export.run']).toHaveBeenCalledTimes(1));
    expect(api['export.run'].mock.lastCall![0]).toMatchObject({ format: 'summary-pdf', language: 'ru' });

    await user.selectOptions(select, 'fr');
    await user.click(screen.getByRole('radio', { name: 'Badges (PDF)' }));
    // The choice stays while moving between PDFs.
    expect(screen.getByRole('combobox', { name: 'Language of the document' })).toHaveValue('fr');
    await user.click(screen.getByRole('button', { name: 'Export' }));
    await waitFor(() => expect(api['export.run']).toHaveBeenCalledTimes(2));
    expect(api['export.run'].mock.lastCall![0]).toMatchObject({ format: 'badges-pdf', language: 'fr' });

    // A table carries no language: the contract would refuse it.
    await user.click(screen.getByRole('radio', { name: 'Attendance list (CSV)' }));
    await user.click(screen.getByRole('button', { name: 'Export' }));
    await waitFor(() => expect(api['export.run']).toHaveBeenCalledTimes(3));
    expect(api['export.run'].mock.lastCall![0]).not.toHaveProperty('language');
  });

  it('follows export.status while the file is made, and Cancel calls export.cancel and saves nothing', async () => {
    const user = userEvent.setup();
    const held = deferred<Result<ExportResult>>();
    const api = openExport({
      'export.run': () => held.promise,
      'export.cancel': async ({ jobId }) => {
        held.resolve({
          ok: false,
          error: { code: 'cancelled', message: 'The export was cancelled; no file was made.' },
        });
        return ok({ jobId, phase: 'cancelled', done: 30, total: 135, error: null });
      },
    });
    await user.click(await screen.findByRole('button', { name: 'Export' }));
    const jobId = api['export.run'].mock.calls[0]![0].jobId;
    const bar = await screen.findByRole('progressbar', { name: 'Making the file: Attendance workbook (Excel .xlsx)' });
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuetext', 'Writing the file: 22%'));
    expect(api['export.status']).toHaveBeenCalledWith({ jobId });
    // A second press while it runs starts nothing.
    await user.click(screen.getByRole('button', { name: 'Export' }));
    expect(api['export.run']).toHaveBeenCalledTimes(1);

    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(api['export.cancel']).toHaveBeenCalledWith({ jobId });
    expect(await screen.findByText('The export was cancelled. No file was made.')).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Export' })).toHaveFocus();
    expect(saved).toEqual([]);
  });

  it('refuses to send a table with no field at all', async () => {
    const user = userEvent.setup();
    const api = openExport();
    await user.click(await screen.findByRole('radio', { name: 'Attendance list (CSV)' }));
    for (const box of screen.getAllByRole('checkbox').filter((b) => (b as HTMLInputElement).checked)) {
      if (box.closest('fieldset')) await user.click(box);
    }
    await user.click(screen.getByRole('button', { name: 'Export' }));
    expect(screen.getByText('Choose at least one field.')).toBeInTheDocument();
    expect(api['export.run']).not.toHaveBeenCalled();
  });
});
