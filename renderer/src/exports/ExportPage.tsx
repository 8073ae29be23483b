import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input, Output } from '../../../electron/core/api/contract';
import { badgeLayouts, type BadgeLayout } from '../../../electron/core/badges/schema';
import type { Event, Language } from '../../../electron/core/events/schema';
import {
  defaultExportFields,
  exportFields,
  exportFormats,
  pdfFormats,
  type ExportField,
  type ExportFormat,
} from '../../../electron/core/exports/schema';
import { ApiCallError, call } from '../api/client';
import { useApi } from '../api/context';
import { sessionLabel } from '../desk/session-choice';
import { formatBytes, formatNumber } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';
import { DocumentLanguageSelect } from './DocumentLanguageSelect';
import { useFieldLabel } from '../imports/labels';
import { newJobId, useCancelJob, useJobStatus, working } from '../jobs/use-job';
import { ErrorNotice } from '../ui/ErrorNotice';
import { FieldError } from '../ui/Field';
import { JobProgress } from '../ui/JobProgress';
import { saveFile } from './download';
import { EventPageHead, WithEvent } from '../events/WithEvent';

export function ExportPage({ id }: { id: string }) {
  return <WithEvent id={id}>{(event) => <ExportForm event={event} />}</WithEvent>;
}

type Result = Output<'export.run'>;
type Outcome = { kind: 'saved'; file: Result } | { kind: 'cancelled' } | { kind: 'failed'; error: unknown };

/** Formats that carry a row per registration with the personal fields chosen; the PDFs have their fixed columns. */
const withFields = new Set<ExportFormat>(['csv', 'xlsx']);

/**
 * The attendance files: choose the format (and for sign-in sheets the session; for tables the personal fields),
 * run the export while a bar shows how far it got, and save what comes back as a download.
 */
function ExportForm({ event }: { event: Event }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const api = useApi();
  const fieldLabel = useFieldLabel();
  const ids = {
    format: useId(),
    session: useId(),
    layout: useId(),
    fields: useId(),
    fieldsHint: useId(),
    fieldsError: useId(),
  };
  const submitRef = useRef<HTMLButtonElement>(null);

  const [format, setFormat] = useState<ExportFormat>('xlsx');
  const [sessionId, setSessionId] = useState('');
  const [layout, setLayout] = useState<BadgeLayout>('a4-8');
  // The people who sign the sheets and wear the badges read the event's main language; others can be chosen.
  const [language, setDocumentLanguage] = useState<Language>(event.languages[0] ?? 'en');
  const [fields, setFields] = useState<ReadonlySet<ExportField>>(() => new Set(defaultExportFields));
  const [includeCancelled, setIncludeCancelled] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [noFields, setNoFields] = useState(false);
  const status = useJobStatus('export', jobId);
  const cancel = useCancelJob('export');

  const run = async (e: FormEvent) => {
    e.preventDefault();
    if (jobId) return;
    const chosen = exportFields.filter((f) => fields.has(f));
    if (withFields.has(format) && chosen.length === 0) {
      setNoFields(true);
      return;
    }
    const id = newJobId();
    const input: Input<'export.run'> = {
      jobId: id,
      eventId: event.id,
      format,
      includeCancelled,
      ...(format === 'signin-pdf' && sessionId ? { sessionId } : {}),
      ...(format === 'badges-pdf' ? { layout } : {}),
      ...(pdfFormats.has(format) ? { language } : {}),
      // In the order of the list on screen, which is the order of the columns in the file.
      ...(withFields.has(format) ? { fields: chosen } : {}),
    };
    setJobId(id);
    setOutcome(null);
    try {
      const file = await call(api, 'export.run', input);
      saveFile(file);
      setOutcome({ kind: 'saved', file });
    } catch (error) {
      setOutcome(
        error instanceof ApiCallError && error.code === 'cancelled' ? { kind: 'cancelled' } : { kind: 'failed', error },
      );
    } finally {
      setJobId(null);
      // The Cancel button that may have the focus is about to go: back to the button that started the export.
      const focus = document.activeElement;
      if (!focus || focus === document.body || focus.closest('.job-progress')) submitRef.current?.focus();
    }
  };

  const toggle = (field: ExportField, on: boolean) => {
    setNoFields(false);
    setFields((before) => {
      const next = new Set(before);
      if (on) next.add(field);
      else next.delete(field);
      return next;
    });
  };

  const phase = working(status.data, ['reading', 'rendering'] as const);

  return (
    <>
      <EventPageHead title={t('exports.title')} event={event} />
      <form className="form export-form" onSubmit={(e) => void run(e)} noValidate>
        <fieldset className="field checkbox-group">
          <legend>{t('exports.format')}</legend>
          <div className="choice-list">
            {exportFormats.map((f) => (
              <div key={f} className="choice">
                <input
                  id={`${ids.format}-${f}`}
                  type="radio"
                  name={ids.format}
                  value={f}
                  checked={format === f}
                  aria-describedby={`${ids.format}-${f}-hint`}
                  onChange={() => setFormat(f)}
                />
                {/* The name is the format alone; what it holds is its description, read after it. */}
                <label htmlFor={`${ids.format}-${f}`} className="choice-title">
                  {t(`exports.formats.${f}`)}
                </label>
                <span id={`${ids.format}-${f}-hint`} className="hint">
                  {t(`exports.formatHints.${f}`)}
                </span>
              </div>
            ))}
          </div>
        </fieldset>

        {format === 'signin-pdf' && (
          <div className="field">
            <label htmlFor={ids.session}>{t('exports.session')}</label>
            <select id={ids.session} value={sessionId} onChange={(e) => setSessionId(e.target.value)}>
              <option value="">{t('exports.allSessions')}</option>
              {event.sessions.map((s) => (
                <option key={s.id} value={s.id}>
                  {sessionLabel(s, lang)}
                </option>
              ))}
            </select>
          </div>
        )}

        {format === 'badges-pdf' && (
          <div className="field">
            <label htmlFor={ids.layout}>{t('exports.layout')}</label>
            <select id={ids.layout} value={layout} onChange={(e) => setLayout(e.target.value as BadgeLayout)}>
              {badgeLayouts.map((l) => (
                <option key={l} value={l}>
                  {t(`exports.layouts.${l}`)}
                </option>
              ))}
            </select>
          </div>
        )}

        {pdfFormats.has(format) && (
          <DocumentLanguageSelect
            value={language}
            onChange={setDocumentLanguage}
            first={event.languages}
            hint={t('exports.documentLanguageHint')}
          />
        )}

        {withFields.has(format) && (
          <fieldset
            className="field checkbox-group"
            aria-describedby={noFields ? `${ids.fieldsHint} ${ids.fieldsError}` : ids.fieldsHint}
          >
            <legend>{t('exports.fields')}</legend>
            <p id={ids.fieldsHint} className="hint">
              {t('exports.fieldsHint')}
            </p>
            <div className="checkboxes export-fields">
              {exportFields.map((f) => (
                <label key={f} className="checkbox">
                  <input type="checkbox" checked={fields.has(f)} onChange={(e) => toggle(f, e.target.checked)} />
                  {fieldLabel(f)}
                </label>
              ))}
            </div>
            <FieldError id={ids.fieldsError} message={noFields ? t('exports.noFields') : undefined} />
          </fieldset>
        )}

        <label className="checkbox toggle">
          <input type="checkbox" checked={includeCancelled} onChange={(e) => setIncludeCancelled(e.target.checked)} />
          {t('exports.includeCancelled')}
        </label>

        <div className="form-actions">
          {/* aria-disabled while running: the button keeps the focus, and a second press is ignored. */}
          <button ref={submitRef} type="submit" className="button primary" aria-disabled={jobId !== null}>
            {t('exports.run')}
          </button>
        </div>
      </form>

      {jobId && (
        <JobProgress
          label={t('exports.running', { format: t(`exports.formats.${format}`) })}
          phase={phase ? t(`exports.phase.${phase.phase}`) : undefined}
          done={phase?.done ?? 0}
          total={phase?.total ?? 0}
          cancelling={cancel.isPending}
          onCancel={() => cancel.mutate(jobId)}
        />
      )}
      <div role="status" className="export-outcome">
        {outcome?.kind === 'saved' && <Saved file={outcome.file} />}
        {outcome?.kind === 'cancelled' && <p className="notice">{t('exports.cancelled')}</p>}
      </div>
      {outcome?.kind === 'failed' && <ErrorNotice error={outcome.error} />}
    </>
  );
}

/** The file just made: its name, size, people and pages, and a way to save it again (a dismissed save dialog). */
function Saved({ file }: { file: Result }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const n = (value: number) => formatNumber(value, lang);
  return (
    <div className="notice export-saved">
      <p className="notice-title">{t('exports.saved', { name: file.fileName })}</p>
      <p>
        {[
          formatBytes(file.bytes, lang),
          t('exports.rows', { count: file.rows, rows: n(file.rows) }),
          file.pages === null ? null : t('exports.pages', { count: file.pages, pages: n(file.pages) }),
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      <button type="button" className="button small" onClick={() => saveFile(file)}>
        {t('exports.saveAgain')}
      </button>
    </div>
  );
}
