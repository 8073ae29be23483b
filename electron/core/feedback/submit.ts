import { MusterError, notFound } from '../api/errors';
import { erasedRefusal } from '../erasure/erase';
import { create } from '../changes/write';
import type { Context } from '../context';
import { getEvent } from '../events/store';
import { prepared } from '../db/statements';
import { invalid } from './form';
import type { Language } from '../events/schema';
import { maxTextAnswer, ratingValues, type Answers, type Question } from './schema';
import { feedbackResponseEntity, formSettings, listQuestions, responseById, responseOf } from './store';

export interface Submission {
  id: string;
  eventId: string;
  registrationId?: string | undefined;
  language: Language;
  answers: Answers;
}

const refused = (reason: 'closed' | 'already_answered', message: string) =>
  new MusterError('conflict', message, undefined, { feedback: reason });

/** Each answer fits its question (a rating 1–5, one of the options, text), and every required question is answered. */
function checkAnswers(questions: readonly Question[], answers: Answers): Answers {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const kept: Answers = {};
  for (const [questionId, value] of Object.entries(answers)) {
    const question = byId.get(questionId);
    if (!question) throw invalid(['answers', questionId], 'feedbackUnknownQuestion');
    const text = typeof value === 'string' ? value.trim() : null;
    const fits =
      question.kind === 'rating'
        ? typeof value === 'number' && (ratingValues as readonly number[]).includes(value)
        : question.kind === 'choice'
          ? question.options.some((o) => o.key === value)
          : text !== null && text.length <= maxTextAnswer;
    if (!fits) throw invalid(['answers', questionId], 'feedbackAnswer');
    // An empty text is no answer: it would count as "answered" and list an empty line in the report.
    if (text === '') continue;
    kept[questionId] = text ?? value;
  }
  for (const question of questions) {
    if (question.required && kept[question.id] === undefined)
      throw invalid(['answers', question.id], 'feedbackRequired');
  }
  return kept;
}

/**
 * Records one response, a fact appended with all its answers (the kiosk and the desk both come here). An anonymous
 * form's response takes no registration and keeps only the day; a named form's takes the registration and refuses
 * a second one from the same person with `conflict` / `already_answered`: a badge left on a table must not let
 * someone else replace a person's answers, and appended facts merge as a set, where "replace" would not. The nonce
 * makes it idempotent: the same id again answers the first receipt and writes nothing.
 */
export function submitResponse(ctx: Context, input: Submission): { responseId: string; submittedAt: string } {
  const earlier = responseById(ctx.db, input.id);
  if (earlier) {
    if (earlier.eventId !== input.eventId || earlier.registrationId !== (input.registrationId ?? null))
      throw new MusterError('conflict', `The id ${input.id} was already used for another response.`);
    return { responseId: input.id, submittedAt: earlier.submittedAt };
  }
  const event = getEvent(ctx.db, input.eventId);
  const settings = formSettings(ctx.db, event.id);
  if (!settings.open) throw refused('closed', 'Feedback for this event is not open.');
  // An archived event is read-only: its report was handed in, so it takes no more answers until restored.
  if (event.archived) throw refused('closed', `The event "${event.title}" is archived; it takes no more feedback.`);
  if (!event.languages.includes(input.language)) throw invalid(['language'], 'feedbackLanguage');
  if (settings.anonymous && input.registrationId !== undefined) throw invalid(['registrationId'], 'feedbackAnonymous');
  if (!settings.anonymous) {
    if (input.registrationId === undefined) throw invalid(['registrationId'], 'feedbackNeedsPerson');
    const registration = prepared(
      ctx.db,
      `SELECT r.status, p.erased_at IS NOT NULL AS erased FROM registrations r
         JOIN participants p ON p.id = r.participant_id
       WHERE r.id = ? AND r.event_id = ?`,
    ).get(input.registrationId, event.id) as { status: string; erased: number } | undefined;
    if (registration === undefined) throw notFound('Registration', input.registrationId);
    if (registration.status === 'cancelled') throw new MusterError('cancelled', 'This registration is cancelled.');
    // As at check-in: words given in an erased person's name would be personal data again, under no one's name.
    if (registration.erased === 1) throw erasedRefusal();
    if (responseOf(ctx.db, event.id, input.registrationId)) {
      throw refused('already_answered', 'This person has already given their feedback for the event.');
    }
  }
  const kept = checkAnswers(listQuestions(ctx.db, event.id), input.answers);
  const now = ctx.now().toISOString();
  const submittedAt = settings.anonymous ? now.slice(0, 10) : now;
  create(ctx, feedbackResponseEntity, input.id, {
    event_id: event.id,
    registration_id: settings.anonymous ? null : (input.registrationId ?? null),
    language: input.language,
    submitted_at: submittedAt,
    answers: JSON.stringify(kept),
  });
  return { responseId: input.id, submittedAt };
}
