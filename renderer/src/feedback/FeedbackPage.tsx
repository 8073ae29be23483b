import { useState } from 'react';
import { useFieldArray, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Event, Language } from '../../../electron/core/events/schema';
import type { QuestionKind } from '../../../electron/core/feedback/schema';
import { questionKinds } from '../../../electron/core/feedback/schema';
import { newId } from '../../../electron/core/api/ids';
import { ApiCallError, call } from '../api/client';
import { useApi } from '../api/context';
import { href } from '../app/route';
import { WithEvent } from '../events/WithEvent';
import { languageName } from '../i18n/format';
import { validationMessage } from '../i18n/zod-messages';
import { useLanguage } from '../i18n/use-language';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Loading } from '../ui/Loading';
import { PageHeading } from '../ui/PageHeading';
import { AnswerForm, textIn } from './AnswerForm';
import { issueKey, useChangeForm, useFeedbackForm, type FeedbackForm } from './queries';

export function FeedbackPage({ id }: { id: string }) {
  return <WithEvent id={id}>{(event) => <Feedback event={event} />}</WithEvent>;
}

/** A refusal, said in the user's language when the core named the check that failed. */
function Problem({ error }: { error: unknown }) {
  const message = validationMessage(issueKey(error));
  if (message) {
    return (
      <p role="alert" className="notice notice-error">
        {message}
      </p>
    );
  }
  return <ErrorNotice error={error} />;
}

function Feedback({ event }: { event: Event }) {
  const { t } = useTranslation();
  const form = useFeedbackForm(event.id);
  return (
    <>
      <div className="page-head">
        <div>
          <PageHeading>{t('feedback.title')}</PageHeading>
          <p className="page-subtitle">{event.title}</p>
        </div>
        <a href={href({ screen: 'event', id: event.id })}>{t('desk.backToEvent')}</a>
      </div>
      {form.isPending ? (
        <Loading label={t('feedback.loading')} />
      ) : form.isError ? (
        <ErrorNotice error={form.error} onRetry={() => void form.refetch()} />
      ) : (
        <>
          <Settings event={event} form={form.data} />
          <Questions event={event} form={form.data} />
          {!event.archived && <AddQuestion event={event} />}
          {form.data.open && <DeskAnswers event={event} form={form.data} />}
        </>
      )}
    </>
  );
}

function Settings({ event, form }: { event: Event; form: FeedbackForm }) {
  const { t } = useTranslation();
  const change = useChangeForm(event.id);
  // The box shows what was asked from the click on (set in the same render as the click, so a controlled box never
  // flips back while the change is on its way); once it settles the form holds the answer, or a refusal puts back
  // what the core holds.
  const [asked, setAsked] = useState<{ open?: boolean; anonymous?: boolean }>({});
  const set = (input: { open?: boolean; anonymous?: boolean }) => {
    setAsked(input);
    change.mutate(
      { method: 'feedback.settings', input: { eventId: event.id, ...input } },
      { onSettled: () => setAsked({}) },
    );
  };
  const open = asked.open ?? form.open;
  const anonymous = asked.anonymous ?? form.anonymous;
  return (
    <section aria-labelledby="feedback-settings" className="feedback-settings">
      <h2 id="feedback-settings">{t('feedback.settings')}</h2>
      <p role="status">
        {form.open ? t('feedback.isOpen') : t('feedback.isClosed')} · {t('feedback.responses', { n: form.responses })}
      </p>
      <div className="form-actions">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={open}
            disabled={event.archived || change.isPending}
            onChange={(e) => set({ open: e.target.checked })}
          />
          <span>{t('feedback.open')}</span>
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={anonymous}
            disabled={event.archived || change.isPending}
            onChange={(e) => set({ anonymous: e.target.checked })}
          />
          <span>{t('feedback.anonymous')}</span>
        </label>
      </div>
      <p className="hint">{form.anonymous ? t('feedback.anonymousHint') : t('feedback.namedHint')}</p>
      {change.isError && <Problem error={change.error} />}
    </section>
  );
}

function Questions({ event, form }: { event: Event; form: FeedbackForm }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const change = useChangeForm(event.id);
  const locked = event.archived || change.isPending;
  return (
    <section aria-labelledby="feedback-questions">
      <h2 id="feedback-questions">{t('feedback.questions')}</h2>
      {form.questions.length === 0 ? (
        <p>{t('feedback.noQuestions')}</p>
      ) : (
        <ol className="feedback-question-list">
          {form.questions.map((q, i) => (
            <li key={q.id}>
              <p className="feedback-question-text">
                <strong>{textIn(q.prompt, lang)}</strong> · {t(`feedback.kind.${q.kind}`)}
                {q.required && ` · ${t('feedback.required')}`}
              </p>
              {q.kind === 'choice' && <p className="hint">{q.options.map((o) => textIn(o.label, lang)).join(' · ')}</p>}
              <div className="actions">
                <button
                  type="button"
                  className="button"
                  disabled={locked || i === 0}
                  aria-label={t('feedback.moveUp', { question: textIn(q.prompt, lang) })}
                  onClick={() =>
                    change.mutate({
                      method: 'feedback.updateQuestion',
                      input: { id: q.id, changes: { position: i - 1 } },
                    })
                  }
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="button"
                  disabled={locked || i === form.questions.length - 1}
                  aria-label={t('feedback.moveDown', { question: textIn(q.prompt, lang) })}
                  onClick={() =>
                    change.mutate({
                      method: 'feedback.updateQuestion',
                      input: { id: q.id, changes: { position: i + 1 } },
                    })
                  }
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="button"
                  disabled={locked}
                  onClick={() =>
                    change.mutate({
                      method: 'feedback.updateQuestion',
                      input: { id: q.id, changes: { required: !q.required } },
                    })
                  }
                >
                  {q.required ? t('feedback.makeOptional') : t('feedback.makeRequired')}
                </button>
                <button
                  type="button"
                  className="button"
                  disabled={locked}
                  aria-label={t('feedback.removeQuestion', { question: textIn(q.prompt, lang) })}
                  onClick={() => change.mutate({ method: 'feedback.removeQuestion', input: { id: q.id } })}
                >
                  {t('feedback.remove')}
                </button>
              </div>
            </li>
          ))}
        </ol>
      )}
      {change.isError && <Problem error={change.error} />}
    </section>
  );
}

interface QuestionValues {
  kind: QuestionKind;
  required: boolean;
  prompt: Partial<Record<Language, string>>;
  options: { label: Partial<Record<Language, string>> }[];
}

const blankOption = () => ({ label: {} });

function AddQuestion({ event }: { event: Event }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const change = useChangeForm(event.id);
  const { register, handleSubmit, reset, control } = useForm<QuestionValues>({
    defaultValues: { kind: 'rating', required: false, prompt: {}, options: [blankOption(), blankOption()] },
  });
  const options = useFieldArray({ control, name: 'options' });
  const kind = useWatch({ control, name: 'kind' });

  const submit = handleSubmit(async (values) => {
    try {
      await change.mutateAsync({
        method: 'feedback.addQuestion',
        input: {
          eventId: event.id,
          kind: values.kind,
          required: values.required,
          prompt: values.prompt,
          options: values.kind === 'choice' ? values.options : [],
        },
      });
      reset({ kind: values.kind, required: false, prompt: {}, options: [blankOption(), blankOption()] });
    } catch {
      // Shown below from the mutation's error.
    }
  });

  return (
    <form
      className="form feedback-add"
      noValidate
      aria-labelledby="feedback-add-title"
      onSubmit={(e) => void submit(e)}
    >
      <h2 id="feedback-add-title">{t('feedback.add')}</h2>
      <div className="field-row">
        <div className="field">
          <label htmlFor="feedback-kind">{t('feedback.kindLabel')}</label>
          <select id="feedback-kind" {...register('kind')}>
            {questionKinds.map((k) => (
              <option key={k} value={k}>
                {t(`feedback.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <label className="checkbox">
          <input type="checkbox" {...register('required')} />
          <span>{t('feedback.makeRequired')}</span>
        </label>
      </div>
      {event.languages.map((l) => (
        <div className="field" key={l}>
          <label htmlFor={`feedback-prompt-${l}`}>{t('feedback.promptIn', { language: languageName(l, lang) })}</label>
          <input id={`feedback-prompt-${l}`} type="text" lang={l} maxLength={500} {...register(`prompt.${l}`)} />
        </div>
      ))}
      {kind === 'choice' && (
        <fieldset className="feedback-options">
          <legend>{t('feedback.options')}</legend>
          {options.fields.map((field, i) => (
            <div key={field.id} className="field-row">
              {event.languages.map((l) => (
                <div className="field" key={l}>
                  <label htmlFor={`feedback-option-${i}-${l}`}>
                    {t('feedback.optionIn', { number: i + 1, language: languageName(l, lang) })}
                  </label>
                  <input
                    id={`feedback-option-${i}-${l}`}
                    type="text"
                    lang={l}
                    maxLength={500}
                    {...register(`options.${i}.label.${l}`)}
                  />
                </div>
              ))}
              {options.fields.length > 2 && (
                <button type="button" className="button" onClick={() => options.remove(i)}>
                  {t('feedback.removeOption', { number: i + 1 })}
                </button>
              )}
            </div>
          ))}
          {options.fields.length < 10 && (
            <button type="button" className="button" onClick={() => options.append(blankOption())}>
              {t('feedback.addOption')}
            </button>
          )}
        </fieldset>
      )}
      {change.isError && <Problem error={change.error} />}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={change.isPending}>
          {t('feedback.addButton')}
        </button>
      </div>
    </form>
  );
}

/**
 * Staff take answers at the desk (someone who cannot use the kiosk, a paper sheet typed in): anonymous forms take
 * none of the person; named ones take the person's check-in code, as the kiosk would read it from the badge.
 */
function DeskAnswers({ event, form }: { event: Event; form: FeedbackForm }) {
  const { t } = useTranslation();
  const api = useApi();
  const lang = useLanguage();
  const [answerLang, setAnswerLang] = useState<Language>(
    event.languages.includes(lang) ? lang : (event.languages[0] ?? 'en'),
  );
  const [visit, setVisit] = useState(0);
  const [who, setWho] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ kind: 'saved' } | { kind: 'failed'; error: unknown } | null>(null);

  const submit = async (answers: Record<string, number | string>) => {
    setBusy(true);
    setOutcome(null);
    try {
      let registrationId: string | undefined;
      if (!form.anonymous) {
        const hits = await call(api, 'roster.search', { eventId: event.id, query: who.trim(), limit: 2 });
        const hit = hits.length === 1 ? hits[0] : undefined;
        if (!hit) throw new ApiCallError('roster.search', { code: 'not_found', message: t('feedback.whoNotFound') });
        registrationId = hit.registrationId;
      }
      await call(api, 'feedback.submit', {
        id: form.anonymous ? crypto.randomUUID() : newId(),
        eventId: event.id,
        language: answerLang,
        answers,
        ...(registrationId ? { registrationId } : {}),
      });
      setOutcome({ kind: 'saved' });
      setWho('');
      setVisit((v) => v + 1);
    } catch (error) {
      setOutcome({ kind: 'failed', error });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="feedback-desk">
      <h2 id="feedback-desk">{t('feedback.desk')}</h2>
      <div className="field-row">
        <div className="field">
          <label htmlFor="feedback-desk-language">{t('feedback.answerLanguage')}</label>
          <select
            id="feedback-desk-language"
            value={answerLang}
            onChange={(e) => setAnswerLang(e.target.value as Language)}
          >
            {event.languages.map((l) => (
              <option key={l} value={l}>
                {languageName(l, lang)}
              </option>
            ))}
          </select>
        </div>
        {!form.anonymous && (
          <div className="field">
            <label htmlFor="feedback-desk-who">{t('feedback.who')}</label>
            <input
              id="feedback-desk-who"
              type="text"
              autoComplete="off"
              value={who}
              onChange={(e) => setWho(e.target.value)}
            />
          </div>
        )}
      </div>
      <div lang={answerLang}>
        <AnswerForm
          key={visit}
          questions={form.questions}
          lang={answerLang}
          busy={busy}
          submitLabel={t('feedback.save')}
          onSubmit={(answers) => void submit(answers)}
        />
      </div>
      <div role="status">{outcome?.kind === 'saved' && <p className="notice">{t('feedback.saved')}</p>}</div>
      {outcome?.kind === 'failed' &&
        (outcome.error instanceof ApiCallError && outcome.error.details.feedback === 'already_answered' ? (
          <p role="alert" className="notice notice-error">
            {t('feedback.alreadyAnswered')}
          </p>
        ) : (
          <Problem error={outcome.error} />
        ))}
    </section>
  );
}
