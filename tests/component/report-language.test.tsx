import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Output } from '../../electron/core/api/contract';
import { genders, organisationTypes } from '../../electron/core/participants/schema';
import { reportCategories } from '../../electron/core/reports/closed-lists';
import { ReportPage } from '../../renderer/src/reports/ReportPage';
import { fakeApi, ok, renderWithApi } from './harness';
import { event } from './roster-data';

type Report = Output<'report.get'>;
const zeroes = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
const share = { women: 0, genderStated: 0, genderNotStated: 0, womenPercent: null };

/** A report of one workshop nobody attended yet: the screen's figures are not what these tests look at. */
function emptyReport(scope: Report['scope']): Report {
  return {
    scope,
    programme: scope === 'programme' ? { id: '6b7c6f1e-0000-4000-8000-000000000001', name: 'CT TECH' } : null,
    generatedAt: '2026-03-12T10:00:00.000Z',
    definitions: {},
    workshops: [
      {
        eventId: event.id,
        title: event.title,
        city: event.city,
        country: event.country,
        startDate: event.startDate,
        endDate: event.endDate,
        sessions: 3,
        registered: 0,
        attended: 0,
        noShows: 0,
        attendedAllSessions: 0,
        countries: 0,
        ...share,
        byCategory: zeroes(reportCategories),
        otherParticipants: 0,
        attendance: [],
      },
    ],
    totals: {
      registered: 0,
      uniqueParticipants: 0,
      attendances: 0,
      attendedAllSessions: 0,
      partnerStates: 0,
      countries: 0,
      ...share,
      byGender: zeroes(genders),
      byCategory: zeroes(reportCategories),
      otherParticipants: 0,
      byOrganisationType: zeroes(organisationTypes),
      byCountry: [],
      attendance: [],
    },
    matches: { confirmed: 0, pending: 0, rejected: 0 },
    feedback: { responses: 0, events: [] },
  };
}

const file = (jobId: string, name: string) => ({
  jobId,
  fileName: name,
  mediaType: 'application/pdf',
  data: Buffer.from('%PDF-').toString('base64'),
  bytes: 5,
  rows: 1,
  pages: 1,
});

beforeEach(() => {
  // jsdom has no object URLs or downloads; the page's save only needs them to exist.
  URL.createObjectURL = () => 'blob:muster/1';
  URL.revokeObjectURL = () => undefined;
});

describe('the report’s language', () => {
  it('presets one event’s report PDF to the event’s first language, sends the choice, and none for Excel', async () => {
    const user = userEvent.setup();
    const api = fakeApi({
      'report.get': async () => ok(emptyReport('event')),
      'event.get': async () => ok({ ...event, languages: ['fr', 'ar'] }),
      'report.export': async ({ jobId, format }) => ok(file(jobId, `report.${format}`)),
    });
    renderWithApi(<ReportPage scope={{ eventId: event.id }} />, api);
    const select = await screen.findByRole('combobox', { name: 'Language of the document' });
    expect(select).toHaveValue('fr');
    expect(select).toHaveAccessibleDescription(/Excel workbook is always in English/);
    expect(Array.from((select as HTMLSelectElement).options, (o) => o.textContent)).toEqual([
      'French',
      'Arabic',
      'English',
      'Spanish',
      'Russian',
    ]);
    await user.click(screen.getByRole('button', { name: 'Download the report (PDF)' }));
    await waitFor(() => expect(api['report.export']).toHaveBeenCalledTimes(1));
    expect(api['report.export'].mock.lastCall![0]).toMatchObject({ eventId: event.id, format: 'pdf', language: 'fr' });

    await user.selectOptions(select, 'ar');
    await user.click(screen.getByRole('button', { name: 'Download the report (PDF)' }));
    await waitFor(() => expect(api['report.export']).toHaveBeenCalledTimes(2));
    expect(api['report.export'].mock.lastCall![0]).toMatchObject({ format: 'pdf', language: 'ar' });

    await user.click(screen.getByRole('button', { name: 'Download the report (Excel .xlsx)' }));
    await waitFor(() => expect(api['report.export']).toHaveBeenCalledTimes(3));
    expect(api['report.export'].mock.lastCall![0]).not.toHaveProperty('language');
  });

  it('presets a programme’s report PDF to English', async () => {
    const user = userEvent.setup();
    const api = fakeApi({
      'report.get': async () => ok(emptyReport('programme')),
      'report.matches': async () => ok({ summary: { confirmed: 0, pending: 0, rejected: 0 }, matches: [] }),
      'report.export': async ({ jobId, format }) => ok(file(jobId, `report.${format}`)),
    });
    renderWithApi(<ReportPage scope={{ programmeId: '6b7c6f1e-0000-4000-8000-000000000001' }} />, api);
    const select = await screen.findByRole('combobox', { name: 'Language of the document' });
    expect(select).toHaveValue('en');
    await user.selectOptions(select, 'ru');
    await user.click(screen.getByRole('button', { name: 'Download the report (PDF)' }));
    await waitFor(() => expect(api['report.export']).toHaveBeenCalledTimes(1));
    expect(api['report.export'].mock.lastCall![0]).toMatchObject({ format: 'pdf', language: 'ru' });
  });
});
