import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input } from '../../../electron/core/api/contract';
import type { Event } from '../../../electron/core/events/schema';
import type { ImportField } from '../../../electron/core/imports/fields';
import { ApiCallError, call } from '../api/client';
import { useApi } from '../api/context';
import { href } from '../app/route';
import { formatNumber } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';
import { newJobId, useCancelJob, useJobStatus, working } from '../jobs/use-job';
import { useRosterChanged } from '../participants/queries';
import { JobProgress } from '../ui/JobProgress';
import { CommitBar } from './CommitBar';
import { checkFile, readUpload } from './file';
import { FileChooser } from './FileChooser';
import { FileProblem, type Problem } from './FileProblem';
import { ImportReport } from './ImportReport';
import { MappingTable } from './MappingTable';
import { PreviewRows } from './PreviewRows';
import { PreviewSummary } from './PreviewSummary';
import { RowDefaults } from './RowDefaults';
import type { Action, Choice, Preview, Report } from './queries';
import { EventPageHead, WithEvent } from '../events/WithEvent';

export function ImportPage({ id }: { id: string }) {
  return <WithEvent id={id}>{(event) => <ImportWizard event={event} />}</WithEvent>;
}

/** A preview on its way: what the screen says about it, and the choice it is running for (shown meanwhile). */
interface Running {
  label: string;
  columns?: (ImportField | null)[];
  sheet?: string;
}

type PreviewInput = Input<'import.preview'>;

/**
 * The import wizard, on one page from top to bottom: the file, then (once the core has read it) its columns and
 * what each fills, the rows with their problems and the duplicate choices, and the Import button that says exactly
 * what it will do; then the report. Nothing reaches the roster before that button: a preview only reads.
 */
function ImportWizard({ event }: { event: Event }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const api = useApi();
  const rosterChanged = useRosterChanged();
  const cancelJob = useCancelJob('import');
  const fileInput = useRef<HTMLInputElement>(null);
  const reportHeading = useRef<HTMLHeadingElement>(null);
  const headingIds = { file: useId(), columns: useId(), rows: useId() };

  const [jobId, setJobId] = useState<string | null>(null);
  const [running, setRunning] = useState<Running | null>(null);
  const [preview, setPreview] = useState<{ data: Preview; version: number } | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [choices, setChoices] = useState<ReadonlyMap<number, Choice>>(new Map());
  const [onDuplicate, setOnDuplicate] = useState<Action>('skip');
  const [announcement, setAnnouncement] = useState('');
  // Which run of import.preview the screen is waiting for: an answer to an earlier one (a file replaced by another
  // before it was read) is dropped.
  const currentRun = useRef(0);
  const status = useJobStatus('import', running ? jobId : null);

  // Leaving the screen with a job that was not imported frees its file in the core (and stops it if it is running).
  const openJob = useRef<string | null>(null);
  useEffect(() => {
    openJob.current = report ? null : jobId;
  });
  useEffect(
    () => () => {
      if (openJob.current) void call(api, 'import.cancel', { jobId: openJob.current }).catch(() => undefined);
    },
    [api],
  );
  // The report replaces the button that was pressed: the focus goes to its heading rather than to the page.
  useEffect(() => {
    if (report) reportHeading.current?.focus();
  }, [report]);

  async function runPreview(input: PreviewInput, shown: Running) {
    const run = ++currentRun.current;
    setRunning(shown);
    setProblem(null);
    setAnnouncement('');
    try {
      const data = await call(api, 'import.preview', input);
      if (run !== currentRun.current) return;
      setPreview((before) => ({ data, version: (before?.version ?? 0) + 1 }));
      // Row numbers stay, but who a row may be can change with the mapping: choices start again.
      setChoices(new Map());
      setAnnouncement(
        t('imports.preview.done', {
          count: data.totals.rows,
          rows: formatNumber(data.totals.rows, lang),
          errors: formatNumber(data.totals.errors, lang),
        }),
      );
    } catch (error) {
      if (run !== currentRun.current) return;
      setPreview(null);
      setProblem(
        error instanceof ApiCallError && error.code === 'cancelled' ? { kind: 'cancelled' } : { kind: 'error', error },
      );
      // What the screen said goes with the file box: that is where the next step starts.
      fileInput.current?.focus();
    } finally {
      if (run === currentRun.current) setRunning(null);
    }
  }

  async function chooseFile(file: File) {
    // Too large to send: said at once, and whatever was on screen stays.
    const check = checkFile(file);
    if (!check.ok) {
      setProblem({ kind: 'tooLarge', name: file.name, size: check.size, max: check.max });
      return;
    }
    // A file chosen while the previous one is still being read from disk wins over it.
    const run = ++currentRun.current;
    // The previous file's job, read or still being read, is done with.
    if (jobId && !report) void call(api, 'import.cancel', { jobId }).catch(() => undefined);
    const id = newJobId();
    const label = t('imports.running.reading', { name: file.name });
    setJobId(id);
    setPreview(null);
    setReport(null);
    setProblem(null);
    setOnDuplicate('skip');
    setRunning({ label });
    let upload;
    try {
      upload = await readUpload(file);
    } catch (error) {
      if (run !== currentRun.current) return;
      setRunning(null);
      setProblem({ kind: 'unreadable', name: file.name, error });
      return;
    }
    if (run !== currentRun.current) return;
    await runPreview({ jobId: id, eventId: event.id, file: upload }, { label });
  }

  const again = (changes: Partial<PreviewInput>, shown: Running) => {
    if (!jobId || !preview) return;
    const { data } = preview;
    void runPreview(
      {
        jobId,
        eventId: event.id,
        headerRow: data.headerRow,
        ...(data.sheet === null ? {} : { sheet: data.sheet }),
        mapping: { columns: data.mapping.columns, defaults: data.mapping.defaults },
        ...changes,
      },
      shown,
    );
  };
  const remap = (columns: (ImportField | null)[]) =>
    again(
      { mapping: { columns, defaults: preview?.data.mapping.defaults ?? {} } },
      { label: t('imports.running.remap'), columns },
    );
  // Another sheet has other columns: its mapping and header row are found afresh.
  const chooseSheet = (sheet: string) => {
    if (jobId)
      void runPreview({ jobId, eventId: event.id, sheet }, { label: t('imports.running.sheet', { sheet }), sheet });
  };

  const startOver = () => {
    setJobId(null);
    setPreview(null);
    setReport(null);
    setProblem(null);
    setChoices(new Map());
    setOnDuplicate('skip');
  };

  const choose = (row: number, choice: Choice | null) =>
    setChoices((before) => {
      const next = new Map(before);
      if (choice) next.set(row, choice);
      else next.delete(row);
      return next;
    });

  const phase = working(status.data, ['reading', 'normalising', 'checking'] as const);
  const progress = running && jobId && (
    <JobProgress
      label={running.label}
      phase={phase ? t(`imports.phase.${phase.phase}`) : undefined}
      done={phase?.done ?? 0}
      total={phase?.total ?? 0}
      cancelling={cancelJob.isPending}
      onCancel={() => cancelJob.mutate(jobId)}
    />
  );

  return (
    <>
      <EventPageHead title={t('imports.title')} event={event}>
        <a className="button" href={href({ screen: 'participants', id: event.id })}>
          {t('roster.title')}
        </a>
      </EventPageHead>
      <p role="status" className="visually-hidden">
        {announcement}
      </p>

      {event.archived ? (
        <p className="notice">{t('imports.archived')}</p>
      ) : report ? (
        <ImportReport
          report={report}
          headingRef={reportHeading}
          participantsHref={href({ screen: 'participants', id: event.id })}
          onAnother={startOver}
        />
      ) : (
        <>
          <p className="lead">{t('imports.lead')}</p>
          <section aria-labelledby={headingIds.file} className="import-step">
            <h2 id={headingIds.file}>{t('imports.file.title')}</h2>
            <FileChooser onFile={(file) => void chooseFile(file)} inputRef={fileInput} />
            {problem && <FileProblem problem={problem} />}
            {preview && (
              <PreviewSummary
                preview={preview.data}
                sheet={running?.sheet ?? preview.data.sheet}
                busy={running !== null}
                onSheet={chooseSheet}
                onHeaderRow={(headerRow) =>
                  again(
                    { headerRow },
                    {
                      label:
                        headerRow === 0
                          ? t('imports.running.noHeaderRow')
                          : t('imports.running.headerRow', { row: headerRow }),
                    },
                  )
                }
              />
            )}
            {!preview && progress}
          </section>

          {preview && (
            <>
              <section aria-labelledby={headingIds.columns} className="import-step">
                <h2 id={headingIds.columns}>{t('imports.mapping.title')}</h2>
                <MappingTable
                  columns={preview.data.columns}
                  mapping={running?.columns ?? preview.data.mapping.columns}
                  source={preview.data.mappingSource}
                  busy={running !== null}
                  onChange={remap}
                />
                <RowDefaults
                  key={JSON.stringify(preview.data.mapping.defaults)}
                  defaults={preview.data.mapping.defaults}
                  busy={running !== null}
                  onApply={(defaults) =>
                    again(
                      { mapping: { columns: preview.data.mapping.columns, defaults } },
                      { label: t('imports.running.defaults') },
                    )
                  }
                />
              </section>
              <section aria-labelledby={headingIds.rows} className="import-step">
                <h2 id={headingIds.rows}>{t('imports.rows.title')}</h2>
                {running ? (
                  progress
                ) : (
                  <>
                    <Totals totals={preview.data.totals} />
                    {preview.data.totals.duplicates > 0 && (
                      <DuplicateDefault value={onDuplicate} onChange={setOnDuplicate} />
                    )}
                    <PreviewRows
                      jobId={preview.data.jobId}
                      version={preview.version}
                      totals={preview.data.totals}
                      onDuplicate={onDuplicate}
                      choices={choices}
                      onChoose={choose}
                    />
                    <CommitBar
                      jobId={preview.data.jobId}
                      version={preview.version}
                      totals={preview.data.totals}
                      hiddenRows={preview.data.hiddenRows}
                      onDuplicate={onDuplicate}
                      choices={choices}
                      onCommitted={(done) => {
                        setReport(done);
                        void rosterChanged();
                      }}
                      onPreviewAgain={() => again({}, { label: t('imports.running.again') })}
                    />
                  </>
                )}
              </section>
            </>
          )}
        </>
      )}
    </>
  );
}

function Totals({ totals }: { totals: Preview['totals'] }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const n = (value: number) => formatNumber(value, lang);
  return (
    <dl className="counter-list import-totals">
      <div className="counter">
        <dt>{t('imports.totals.rows')}</dt>
        <dd>{n(totals.rows)}</dd>
      </div>
      <div className="counter counter-main">
        <dt>{t('imports.totals.ready')}</dt>
        <dd>{n(totals.ready)}</dd>
      </div>
      <div className={totals.errors ? 'counter counter-error' : 'counter'}>
        <dt>{t('imports.totals.errors')}</dt>
        <dd>{n(totals.errors)}</dd>
      </div>
      <div className="counter">
        <dt>{t('imports.totals.warnings')}</dt>
        <dd>{n(totals.warnings)}</dd>
      </div>
      <div className="counter">
        <dt>{t('imports.totals.duplicates')}</dt>
        <dd>{n(totals.duplicates)}</dd>
      </div>
    </dl>
  );
}

function DuplicateDefault({ value, onChange }: { value: Action; onChange: (action: Action) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const hintId = useId();
  return (
    <div className="field duplicate-default">
      <label htmlFor={id}>{t('imports.duplicate.forAll')}</label>
      <select
        id={id}
        value={value}
        aria-describedby={hintId}
        onChange={(e) => {
          const action = (['skip', 'update', 'add'] as const).find((a) => a === e.target.value);
          if (action) onChange(action);
        }}
      >
        <option value="skip">{t('imports.action.skip')}</option>
        <option value="update">{t('imports.action.update')}</option>
        <option value="add">{t('imports.action.add')}</option>
      </select>
      <p id={hintId} className="hint">
        {t('imports.duplicate.forAllHint')}
      </p>
    </div>
  );
}
