import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Answers, Question } from '../../../electron/core/feedback/schema';
import { ratingValues } from '../../../electron/core/feedback/schema';
import type { Language } from '../i18n/language';

/** A question's text in the language on screen, else the first the question has (a language added to the event later). */
export function textIn(texts: Partial<Record<Language, string>>, lang: Language): string {
  return texts[lang] || Object.values(texts).find((t) => t) || '';
}

/**
 * The evaluation as an attendee answers it, in the language on screen: a row of 1–5 buttons per rating (radio
 * buttons, so arrows move between them), the options of a choice, a box for free text. Required questions left
 * unanswered are named before anything is sent; the core checks the same again.
 */
export function AnswerForm({
  questions,
  lang,
  busy,
  submitLabel,
  onSubmit,
  onCancel,
  cancelLabel,
  className,
}: {
  questions: readonly Question[];
  lang: Language;
  busy: boolean;
  submitLabel: string;
  onSubmit: (answers: Answers) => void;
  onCancel?: () => void;
  cancelLabel?: string;
  className?: string;
}) {
  const { t } = useTranslation();
  const formId = useId();
  const [answers, setAnswers] = useState<Answers>({});
  const [missing, setMissing] = useState<string[]>([]);
  const set = (id: string, value: number | string) => setAnswers((a) => ({ ...a, [id]: value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const unanswered = questions
      .filter((q) => q.required && (answers[q.id] === undefined || String(answers[q.id]).trim() === ''))
      .map((q) => q.id);
    setMissing(unanswered);
    if (unanswered.length > 0) {
      document.getElementById(`${formId}-${unanswered[0]}`)?.focus();
      return;
    }
    const given = Object.fromEntries(
      Object.entries(answers).filter(([, v]) => typeof v === 'number' || v.trim() !== ''),
    );
    onSubmit(given);
  };

  return (
    <form className={['feedback-answers', className].filter(Boolean).join(' ')} noValidate onSubmit={submit}>
      {questions.map((q, i) => {
        const id = `${formId}-${q.id}`;
        const prompt = `${i + 1}. ${textIn(q.prompt, lang)}`;
        const problem = missing.includes(q.id) ? t('validation.feedbackRequired') : null;
        const errorId = problem ? `${id}-error` : undefined;
        const required = q.required ? <span className="required"> ({t('feedback.required')})</span> : null;
        if (q.kind === 'text') {
          return (
            <div key={q.id} className="field feedback-question">
              <label htmlFor={id}>
                {prompt}
                {required}
              </label>
              <textarea
                id={id}
                rows={3}
                maxLength={2000}
                aria-invalid={Boolean(problem)}
                aria-describedby={errorId}
                value={typeof answers[q.id] === 'string' ? String(answers[q.id]) : ''}
                onChange={(e) => set(q.id, e.target.value)}
              />
              {problem && (
                <p id={errorId} className="field-error">
                  {problem}
                </p>
              )}
            </div>
          );
        }
        const choices =
          q.kind === 'rating'
            ? ratingValues.map((v) => ({ value: v as number | string, label: String(v) }))
            : q.options.map((o) => ({ value: o.key as number | string, label: textIn(o.label, lang) }));
        return (
          <fieldset
            key={q.id}
            id={id}
            tabIndex={-1}
            className={`feedback-question feedback-${q.kind}`}
            aria-invalid={Boolean(problem)}
            aria-describedby={errorId}
          >
            <legend>
              {prompt}
              {required}
            </legend>
            {q.kind === 'rating' && <p className="hint">{t('feedback.ratingHint')}</p>}
            <div className="feedback-choices">
              {choices.map((c) => (
                <label key={String(c.value)} className="feedback-choice">
                  <input
                    type="radio"
                    name={id}
                    value={String(c.value)}
                    checked={answers[q.id] === c.value}
                    onChange={() => set(q.id, c.value)}
                  />
                  <span>{c.label}</span>
                </label>
              ))}
            </div>
            {problem && (
              <p id={errorId} className="field-error">
                {problem}
              </p>
            )}
          </fieldset>
        );
      })}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            {cancelLabel}
          </button>
        )}
      </div>
    </form>
  );
}
