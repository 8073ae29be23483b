import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Input, Output } from '../../electron/core/api/contract';
import type { ApiError, Result } from '../../electron/core/api/errors';
import { setLanguage, type Language } from '../../renderer/src/i18n/language';
import { CommitBar } from '../../renderer/src/imports/CommitBar';
import { ImportPage } from '../../renderer/src/imports/ImportPage';
import { decisionList, planOf } from '../../renderer/src/imports/queries';
import { deferred, fakeApi, ok, renderWithApi } from './harness';
import { event } from './roster-data';

type Preview = Output<'import.preview'>;
type Row = Output<'import.rows'>['rows'][number];
type Handlers = Parameters<typeof fakeApi>[0];

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const amina = '4b7c6f1e-0000-4000-8000-000000000001';
const csv = 'Prénom;Nom;Courriel;Pays;Sexe;Structure\r\nJosé;Müller;jose@example.org;France;Homme;Gendarmerie\r\n';

function preview(jobId: string, mapping: Preview['mapping']['columns']): Preview {
  const headers = ['Prénom', 'Nom', 'Courriel', 'Pays', 'Sexe', 'Structure'];
  return {
    jobId,
    eventId: event.id,
    fileName: 'délégués.csv',
    format: 'csv',
    encoding: 'windows-1252',
    delimiter: ';',
    sheets: [],
    sheet: null,
    headerRow: 1,
    columns: headers.map((header, index) => ({ index, header, field: mapping[index] ?? null, samples: ['x'] })),
    mapping: { columns: mapping, defaults: {} },
    mappingSource: 'auto',
    totals: { rows: 4, ready: 2, errors: 1, warnings: 0, duplicates: 1 },
    hiddenRows: [],
  };
}

const autoMapping: Preview['mapping']['columns'] = ['givenNames', 'familyName', 'email', 'country', 'gender', null];

function row(overrides: Partial<Row> & Pick<Row, 'row'>): Row {
  return {
    values: { givenNames: 'José', familyName: 'Müller', country: 'FR', email: 'jose@example.org' },
    errors: [],
    warnings: [],
    duplicate: null,
    action: 'add',
    ...overrides,
  };
}

const rows: Row[] = [
  row({ row: 2 }),
  row({
    row: 3,
    values: { givenNames: 'Aïcha', familyName: 'Benali', country: 'MA', email: 'aicha@@example.org' },
    errors: [{ field: 'email', key: 'invalidEmail', message: 'Enter an email address such as name@example.org.' }],
    action: 'fail',
  }),
  row({
    row: 4,
    values: { givenNames: 'Jean', familyName: 'Dupont', country: 'FR' },
    warnings: [
      {
        field: 'gender',
        key: 'genderUnrecognised',
        message: 'The gender was not recognised; it was recorded as not stated. (“X”)',
      },
    ],
  }),
  row({
    row: 5,
    values: { givenNames: 'Amina', familyName: 'Otieno', country: 'KE', email: 'amina@example.org' },
    duplicate: {
      of: 'roster',
      matches: [
        {
          participantId: amina,
          name: 'Amina Otieno',
          country: 'KE',
          email: 'amina@example.org',
          reasons: ['email'],
          registered: true,
        },
      ],
    },
    action: 'skip',
  }),
];

/** The report a commit answers with, counted from what the screen sent, as the core would. */
function reportFor(input: Input<'import.commit'>): Output<'import.commit'> {
  const decision = input.decisions?.find((d) => d.row === 5)?.action ?? input.onDuplicate ?? 'skip';
  return {
    jobId: input.jobId,
    dryRun: input.dryRun ?? false,
    counts: {
      added: decision === 'add' ? 3 : 2,
      updated: decision === 'update' ? 1 : 0,
      skipped: decision === 'skip' ? 1 : 0,
      failed: 1,
    },
    added: decision === 'add' ? [2, 4, 5] : [2, 4],
    updated: decision === 'update' ? [5] : [],
    skipped: decision === 'skip' ? [5] : [],
    failed: [
      {
        row: 3,
        reasons: [{ field: 'email', key: 'invalidEmail', message: 'Enter an email address such as name@example.org.' }],
      },
    ],
  };
}

const failure = (error: ApiError): Result<never> => ({ ok: false, error });

function openWizard(overrides: Handlers = {}) {
  const api = fakeApi({
    'event.get': async () => ok(event),
    'import.preview': async (input) => ok(preview(input.jobId, input.mapping?.columns ?? autoMapping)),
    'import.status': async ({ jobId }) => ok({ jobId, phase: 'normalising', done: 50, total: 100, error: null }),
    'import.rows': async ({ filter = 'all', offset = 0 }) => {
      const kept = rows.filter((r) =>
        filter === 'errors'
          ? r.errors.length
          : filter === 'warnings'
            ? r.warnings.length
            : filter === 'duplicates'
              ? r.duplicate
              : true,
      );
      return ok({ total: kept.length, rows: kept.slice(offset, offset + 50) });
    },
    'import.commit': async (input) => ok(reportFor(input)),
    'import.cancel': async ({ jobId }) => ok({ jobId, phase: 'cancelled', done: 0, total: 0, error: null }),
    ...overrides,
  });
  renderWithApi(<ImportPage id={event.id} />, api);
  return api;
}

async function chooseCsv(user: ReturnType<typeof userEvent.setup>, content = csv, name = 'délégués.csv') {
  const input = await screen.findByLabelText('Participant list (CSV or Excel .xlsx)');
  await user.upload(input, new File([content], name, { type: 'text/csv' }));
}

const fieldFor = (column: string) => screen.getByRole('combobox', { name: `Muster field for the column “${column}”` });

describe('the plan on the Import button', () => {
  it('counts ready rows as added, errors as failed, and each duplicate by its choice or the core’s default', () => {
    const totals = { ready: 10, errors: 3 };
    const duplicates = [
      { row: 4, of: 'roster' as const },
      { row: 7, of: 'roster' as const },
      { row: 9, of: 'file' as const },
    ];
    expect(planOf(totals, duplicates, 'skip', new Map())).toEqual({ added: 10, updated: 0, skipped: 3, failed: 3 });
    expect(planOf(totals, duplicates, 'add', new Map())).toEqual({ added: 13, updated: 0, skipped: 0, failed: 3 });
    // A repeat of an earlier row has no one on the roster to update: "update" skips it.
    expect(planOf(totals, duplicates, 'update', new Map())).toEqual({ added: 10, updated: 2, skipped: 1, failed: 3 });
    const choices = new Map([
      [4, { action: 'add' as const }],
      [9, { action: 'add' as const }],
    ]);
    expect(planOf(totals, duplicates, 'update', choices)).toEqual({ added: 12, updated: 1, skipped: 0, failed: 3 });
  });

  it('skips rows hidden in the spreadsheet unless chosen, duplicates among them too, and tells the commit so', () => {
    const totals = { ready: 10, errors: 0 };
    const duplicates = [{ row: 4, of: 'roster' as const }];
    // Row 4 is hidden and a duplicate; rows 5 and 6 are hidden only.
    const hidden = [4, 5, 6];
    expect(planOf(totals, duplicates, 'update', new Map(), hidden)).toEqual({
      added: 10,
      updated: 0,
      skipped: 3,
      failed: 0,
    });
    const choices = new Map([[6, { action: 'add' as const }]]);
    expect(planOf(totals, duplicates, 'update', choices, hidden)).toEqual({
      added: 11,
      updated: 0,
      skipped: 2,
      failed: 0,
    });
    // Only the choices go to the commit, which skips a hidden row left alone as the preview does (imports/commit.ts).
    expect(decisionList(choices)).toEqual([{ row: 6, action: 'add' }]);
  });
});

describe('the notice about rows with errors', () => {
  function commitBarWith(errors: number) {
    renderWithApi(
      <CommitBar
        jobId="4b7c6f1e-0000-4000-8000-0000000000aa"
        version={1}
        totals={{ rows: errors + 5, ready: 5, errors, warnings: 0, duplicates: 0 }}
        hiddenRows={[]}
        onDuplicate="skip"
        choices={new Map()}
        onCommitted={() => undefined}
        onPreviewAgain={() => undefined}
      />,
      fakeApi(),
    );
  }

  it.each<[Language, number, RegExp]>([
    ['en', 1, /^1 row has errors and will not be imported \(see it with/],
    ['en', 2, /^2 rows have errors and will not be imported \(see them with/],
    ['ru', 1, /^1 строка содержит ошибки и не будет импортирована/],
    ['ru', 2, /^2 строки содержат ошибки и не будут импортированы/],
  ])('in %s, with %i failing rows, reads as a sentence about that many rows', async (lang, errors, text) => {
    await setLanguage(lang);
    commitBarWith(errors);
    expect(screen.getByText(text)).toHaveClass('notice-warning');
  });
});

describe('import wizard', () => {
  it('sends the file as base64 with its name, follows import.status while the preview runs, then shows the columns', async () => {
    const user = userEvent.setup();
    const held = deferred<Result<Preview>>();
    const api = openWizard({ 'import.preview': () => held.promise });
    await chooseCsv(user);

    await waitFor(() => expect(api['import.preview']).toHaveBeenCalledTimes(1));
    const sent = api['import.preview'].mock.calls[0]![0];
    expect(sent).toEqual({
      jobId: expect.stringMatching(uuid),
      eventId: event.id,
      file: { name: 'délégués.csv', data: Buffer.from(csv).toString('base64') },
    });
    // While the core reads, the screen polls the status of that very job and shows how far it got.
    const bar = await screen.findByRole('progressbar', { name: 'Reading délégués.csv' });
    await waitFor(() => expect(api['import.status']).toHaveBeenCalledWith({ jobId: sent.jobId }));
    await waitFor(() => expect(bar).toHaveAttribute('value', '50'));
    expect(bar).toHaveAttribute('aria-valuetext', 'Checking each row: 50%');

    held.resolve(ok(preview(sent.jobId, autoMapping)));
    await screen.findByRole('table', { name: 'Columns of the file and the Muster field each one fills' });
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(fieldFor('Prénom')).toHaveValue('givenNames');
    expect(fieldFor('Structure')).toHaveValue('');
    expect(screen.getByText('CSV · Windows-1252 (Western European) · separated by semicolons')).toBeInTheDocument();
    expect(screen.getByText('The file was read: 4 rows, 1 with errors.')).toBeInTheDocument();
    const calls = api['import.status'].mock.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(api['import.status'].mock.calls.length, 'polling stops once the preview answered').toBe(calls);
  });

  it('shows each row’s errors and warnings beside it, translated, and filters to the rows with problems', async () => {
    const user = userEvent.setup();
    const api = openWizard();
    await chooseCsv(user);
    const table = await screen.findByRole('table', { name: 'Rows of the file as they will be imported' });
    const aicha = within(table).getByRole('row', { name: /Aïcha Benali/ });
    expect(aicha).toHaveTextContent('Error: Email: Enter an email address such as name@example.org.');
    expect(aicha).toHaveTextContent('Not imported: fix the file');
    expect(within(table).getByRole('row', { name: /Jean Dupont/ })).toHaveTextContent(
      'Warning: Gender: The gender was not recognised; it was recorded as not stated. (“X”)',
    );
    expect(screen.getByText('Rows 1–4 of 4')).toBeInTheDocument();

    await user.click(screen.getByRole('radio', { name: 'With errors (1)' }));
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
    expect(table).toBeInTheDocument();
    expect(api['import.rows']).toHaveBeenLastCalledWith({
      jobId: expect.stringMatching(uuid),
      filter: 'errors',
      offset: 0,
      limit: 50,
    });

    // In French, the same row speaks French; the file's own words stay as they were.
    await setLanguage('fr');
    await user.click(screen.getByRole('radio', { name: 'Toutes les lignes (4)' }));
    expect((await screen.findByText('Avertissement :')).closest('li')).toHaveTextContent(
      'Avertissement : Genre : Le genre n’a pas été reconnu ; il a été enregistré comme non précisé. (“X”)',
    );
  });

  it('runs the preview again, without the file, when a column is mapped to another field', async () => {
    const user = userEvent.setup();
    const api = openWizard();
    await chooseCsv(user);
    await screen.findByRole('table', { name: 'Rows of the file as they will be imported' });
    const jobId = api['import.preview'].mock.calls[0]![0].jobId;

    await user.selectOptions(fieldFor('Structure'), 'Organisation');
    await waitFor(() => expect(api['import.preview']).toHaveBeenCalledTimes(2));
    expect(api['import.preview'].mock.calls[1]![0]).toEqual({
      jobId,
      eventId: event.id,
      headerRow: 1,
      mapping: { columns: [...autoMapping.slice(0, 5), 'organisation'], defaults: {} },
    });
    await waitFor(() => expect(fieldFor('Structure')).toHaveValue('organisation'));

    // A field comes from one column: giving "Given names" to "Nom" takes it from "Prénom".
    await screen.findByRole('table', { name: 'Rows of the file as they will be imported' });
    await user.selectOptions(fieldFor('Nom'), 'Given names');
    await waitFor(() => expect(api['import.preview']).toHaveBeenCalledTimes(3));
    expect(api['import.preview'].mock.calls[2]![0].mapping?.columns).toEqual([
      null,
      'givenNames',
      'email',
      'country',
      'gender',
      'organisation',
    ]);
  });

  it('reads the file again with values for rows that leave a field empty, and from another header row', async () => {
    const user = userEvent.setup();
    const api = openWizard();
    await chooseCsv(user);
    await screen.findByRole('table', { name: 'Rows of the file as they will be imported' });
    const jobId = api['import.preview'].mock.calls[0]![0].jobId;

    await user.click(screen.getByText('Values for rows that leave a field empty'));
    await user.selectOptions(screen.getByLabelText('Category'), 'Embassy');
    await user.type(screen.getByLabelText('Organisation'), 'Embassy of Kenya');
    await user.click(screen.getByRole('button', { name: 'Apply and check the rows again' }));
    await waitFor(() => expect(api['import.preview']).toHaveBeenCalledTimes(2));
    expect(api['import.preview'].mock.calls[1]![0]).toEqual({
      jobId,
      eventId: event.id,
      headerRow: 1,
      mapping: { columns: autoMapping, defaults: { category: 'embassy', organisation: 'Embassy of Kenya' } },
    });

    await screen.findByRole('table', { name: 'Rows of the file as they will be imported' });
    const headerRow = screen.getByLabelText('Column names are on row');
    await user.clear(headerRow);
    await user.type(headerRow, '2{Enter}');
    await waitFor(() => expect(api['import.preview']).toHaveBeenCalledTimes(3));
    expect(api['import.preview'].mock.calls[2]![0]).toMatchObject({ jobId, headerRow: 2 });

    // A file without column names: 0 reads its first row as a person.
    await screen.findByRole('table', { name: 'Rows of the file as they will be imported' });
    expect(screen.getByLabelText('Column names are on row')).toHaveAccessibleDescription(
      'Enter 0 if the file has no column names: its first row is then imported as a person.',
    );
    await user.clear(screen.getByLabelText('Column names are on row'));
    await user.type(screen.getByLabelText('Column names are on row'), '0{Enter}');
    await waitFor(() => expect(api['import.preview']).toHaveBeenCalledTimes(4));
    expect(api['import.preview'].mock.calls[3]![0]).toMatchObject({ jobId, headerRow: 0 });
  });

  it('offers the sheets of a workbook, and reads the one chosen afresh (its own columns, no mapping sent)', async () => {
    const user = userEvent.setup();
    const workbook = (jobId: string, sheet: string): Preview => ({
      ...preview(jobId, autoMapping),
      fileName: 'nominations.xlsx',
      format: 'xlsx',
      encoding: null,
      delimiter: null,
      sheets: [
        { name: 'Delegates', rows: 4 },
        { name: 'Observers', rows: 12 },
      ],
      sheet,
    });
    const api = openWizard({
      'import.preview': async (input) => ok(workbook(input.jobId, input.sheet ?? 'Delegates')),
    });
    await chooseCsv(user, 'PK', 'nominations.xlsx');
    const sheet = await screen.findByRole('combobox', { name: 'Sheet' });
    expect(sheet).toHaveValue('Delegates');
    expect(screen.getByText('Excel workbook (.xlsx)')).toBeInTheDocument();
    await user.selectOptions(sheet, 'Observers (12 rows)');
    await waitFor(() => expect(api['import.preview']).toHaveBeenCalledTimes(2));
    expect(api['import.preview'].mock.calls[1]![0]).toEqual({
      jobId: api['import.preview'].mock.calls[0]![0].jobId,
      eventId: event.id,
      sheet: 'Observers',
    });
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Sheet' })).toHaveValue('Observers'));
  });

  it('commits with the per-row decisions and the default for every duplicate, saying first what will happen', async () => {
    const user = userEvent.setup();
    const api = openWizard();
    await chooseCsv(user);
    const button = await screen.findByRole('button', { name: 'Import: add 2, update 0, skip 1' });
    // The plan needs only which duplicates are of the roster: read once, and nothing committed to work it out.
    expect(api['import.rows']).toHaveBeenCalledWith({
      jobId: expect.stringMatching(uuid),
      filter: 'duplicates',
      offset: 0,
      limit: 500,
    });
    expect(api['import.commit']).not.toHaveBeenCalled();
    expect(screen.getByText(/^1 row has errors and will not be imported/)).toBeInTheDocument();

    const aminaRow = screen.getByRole('row', { name: /Amina Otieno/ });
    expect(aminaRow).toHaveTextContent('same email');
    await user.selectOptions(
      within(aminaRow).getByRole('combobox', { name: 'What to do with row 5' }),
      'Update Amina Otieno',
    );
    await user.selectOptions(screen.getByLabelText('For every possible duplicate'), 'Add anyway');
    expect(await screen.findByRole('button', { name: 'Import: add 2, update 1, skip 0' })).toBeEnabled();
    // The same button, with the words of the new plan.
    expect(button).toHaveTextContent('Import: add 2, update 1, skip 0');

    await user.click(screen.getByRole('button', { name: 'Import: add 2, update 1, skip 0' }));
    expect(api['import.commit']).toHaveBeenLastCalledWith({
      jobId: expect.stringMatching(uuid),
      onDuplicate: 'add',
      decisions: [{ row: 5, action: 'update', participantId: amina }],
    });
    const heading = await screen.findByRole('heading', { name: 'Import finished' });
    await waitFor(() => expect(heading).toHaveFocus());
    const report = heading.closest('section')!;
    expect(within(report).getByText('Added').nextSibling).toHaveTextContent('2');
    expect(within(report).getByText('Updated').nextSibling).toHaveTextContent('1');
    expect(within(report).getByText('Not imported').nextSibling).toHaveTextContent('1');
    expect(within(report).getByText('Rows added').nextSibling).toHaveTextContent('2, 4');
    const failed = within(report).getByRole('table', { name: 'Rows not imported, and why' });
    expect(within(failed).getByRole('row', { name: /^3/ })).toHaveTextContent(
      'Email: Enter an email address such as name@example.org.',
    );
    expect(within(report).getByRole('link', { name: 'See the participants' })).toHaveAttribute(
      'href',
      `#/events/${event.id}/participants`,
    );
  });

  it('shows a row hidden in the spreadsheet as skipped, lets the person add it, and sends the skip otherwise', async () => {
    const hiddenWarning = {
      field: null,
      key: 'hiddenRow',
      message: 'Hidden in the spreadsheet: it will be skipped unless you choose to add it.',
    };
    const withHidden = [
      row({ row: 2 }),
      row({
        row: 3,
        values: { givenNames: 'Jean', familyName: 'Dupont', country: 'FR' },
        warnings: [hiddenWarning],
        action: 'skip',
      }),
      row({
        row: 4,
        values: { givenNames: 'Anne', familyName: 'Martin', country: 'FR' },
        warnings: [hiddenWarning],
        action: 'skip',
      }),
    ];
    const user = userEvent.setup();
    const api = openWizard({
      'import.preview': async (input) =>
        ok({
          ...preview(input.jobId, autoMapping),
          totals: { rows: 3, ready: 1, errors: 0, warnings: 2, duplicates: 0 },
          hiddenRows: [3, 4],
        }),
      'import.rows': async () => ok({ total: withHidden.length, rows: withHidden }),
    });
    await chooseCsv(user);
    expect(await screen.findByRole('button', { name: 'Import: add 1, update 0, skip 2' })).toBeEnabled();
    const dupont = await screen.findByRole('row', { name: /Jean Dupont/ });
    expect(dupont).toHaveTextContent('Warning: Hidden in the spreadsheet');
    const choice = within(dupont).getByRole('combobox', { name: 'What to do with row 3' });
    expect(choice).toHaveDisplayValue('Hidden in the spreadsheet: skip');
    await user.selectOptions(choice, 'Add anyway');
    await user.click(await screen.findByRole('button', { name: 'Import: add 2, update 0, skip 1' }));
    expect(api['import.commit']).toHaveBeenLastCalledWith({
      jobId: expect.stringMatching(uuid),
      onDuplicate: 'skip',
      decisions: [{ row: 3, action: 'add' }],
    });
  });

  it('Cancel stops the preview through import.cancel, and says nothing was imported', async () => {
    const user = userEvent.setup();
    const held = deferred<Result<Preview>>();
    const api = openWizard({
      'import.preview': () => held.promise,
      'import.cancel': async ({ jobId }) => {
        held.resolve(failure({ code: 'cancelled', message: 'The import was cancelled; nothing was imported.' }));
        return ok({ jobId, phase: 'cancelled', done: 0, total: 0, error: null });
      },
    });
    await chooseCsv(user);
    await screen.findByRole('progressbar');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    const jobId = api['import.preview'].mock.calls[0]![0].jobId;
    expect(api['import.cancel']).toHaveBeenCalledWith({ jobId });
    expect(await screen.findByText('The import was cancelled. Nothing was imported.')).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Participant list (CSV or Excel .xlsx)')).toHaveFocus();
    expect(api['import.commit']).not.toHaveBeenCalled();
  });

  it('shows how far the save of a large import got, and Cancel ends it with nothing imported', async () => {
    const user = userEvent.setup();
    const held = deferred<Result<Output<'import.commit'>>>();
    let saving = false;
    const api = openWizard({
      'import.status': async ({ jobId }) =>
        ok({ jobId, phase: saving ? 'saving' : 'normalising', done: 40, total: 100, error: null }),
      'import.commit': () => {
        saving = true;
        return held.promise;
      },
      'import.cancel': async ({ jobId }) => {
        held.resolve(failure({ code: 'cancelled', message: 'The import was stopped; nothing was imported.' }));
        return ok({ jobId, phase: 'saving', done: 40, total: 100, error: null });
      },
    });
    await chooseCsv(user);
    await user.click(await screen.findByRole('button', { name: 'Import: add 2, update 0, skip 1' }));
    const bar = await screen.findByRole('progressbar', { name: 'Saving the import' });
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuetext', 'Saving people to the roster: 40%'));
    // The pressed button is disabled while it saves: the keyboard's focus is on Cancel.
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.keyboard('{Enter}');
    const jobId = api['import.commit'].mock.calls[0]![0].jobId;
    expect(api['import.cancel']).toHaveBeenCalledWith({ jobId });
    expect(await screen.findByText(/nothing was imported/i)).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    // The preview is still there, and the focus back on its button: the same rows can be imported again.
    await waitFor(() => expect(screen.getByRole('button', { name: 'Import: add 2, update 0, skip 1' })).toHaveFocus());
  });

  it('says why the core refused a file, and refuses one over the limit before reading it', async () => {
    const user = userEvent.setup();
    const api = openWizard({
      'import.preview': async () =>
        failure({
          code: 'invalid_input',
          message: 'This is not a CSV or Excel (.xlsx) file.',
          issues: [{ path: ['file'], key: 'notATable', message: 'This is not a CSV or Excel (.xlsx) file.' }],
        }),
    });
    await chooseCsv(user, '\u0000\u0001junk', 'photo.jpg');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This file cannot be imported. Nothing changed in the roster.');
    expect(alert).toHaveTextContent('This is not a CSV or Excel (.xlsx) file.');

    const huge = new File(['x'], 'everyone.csv', { type: 'text/csv' });
    Object.defineProperty(huge, 'size', { value: 70 * 1024 * 1024 });
    await user.upload(screen.getByLabelText('Participant list (CSV or Excel .xlsx)'), huge);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      '“everyone.csv” is 70 MB: imports take files of up to 64 MB.',
    );
    expect(api['import.preview']).toHaveBeenCalledTimes(1);
  });

  it('takes a file dropped on the file box', async () => {
    const api = openWizard();
    const input = await screen.findByLabelText('Participant list (CSV or Excel .xlsx)');
    const zone = input.closest('.drop-zone')!;
    const file = new File([csv], 'dropped.csv', { type: 'text/csv' });
    const dataTransfer = { types: ['Files'], files: [file], dropEffect: 'none' };
    fireEvent.dragOver(zone, { dataTransfer });
    expect(zone).toHaveClass('over');
    fireEvent.drop(zone, { dataTransfer });
    await waitFor(() => expect(api['import.preview']).toHaveBeenCalledTimes(1));
    expect(api['import.preview'].mock.calls[0]![0].file?.name).toBe('dropped.csv');
  });
});
