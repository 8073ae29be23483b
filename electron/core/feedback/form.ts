import type { z } from 'zod';
import { conflict, MusterError, notFound, validationMessages, type ApiIssue } from '../api/errors';
import { newId } from '../api/ids';
import { write } from '../changes/write';
import type { Context } from '../context';
import { getEvent } from '../events/store';
import type { Event } from '../events/schema';
import type { FeedbackForm, formSettings as formSettingsInput, optionInput, PerLanguage, QuestionKind } from './schema';
import { maxQuestions, type questionAdd, type questionUpdate } from './schema';
import {
  countedResponses,
  feedbackFormEntity,
  feedbackQuestionEntity,
  formSettings,
  listQuestions,
  questionRow,
} from './store';

export function invalid(path: (string | number)[], key: string): MusterError {
  const message = validationMessages[key] ?? 'This value is not accepted.';
  const issue: ApiIssue = { path, key, message };
  return new MusterError('invalid_input', message, [issue]);
}

function editableEvent(ctx: Context, eventId: string): Event {
  const event = getEvent(ctx.db, eventId);
  if (event.archived)
    throw conflict(`The event "${event.title}" is archived; restore it before changing its feedback.`);
  return event;
}

export function getForm(ctx: Context, eventId: string): FeedbackForm {
  const event = getEvent(ctx.db, eventId);
  const settings = formSettings(ctx.db, eventId);
  return {
    eventId,
    open: settings.open,
    anonymous: settings.anonymous,
    languages: event.languages,
    questions: listQuestions(ctx.db, eventId),
    responses: countedResponses(ctx.db, eventId).length,
  };
}

/**
 * Opens or closes the form, or makes it anonymous or not. A form with no question cannot open (the kiosk would offer
 * an empty page). Whether a response is anonymous is decided when it is given and stays with it, so switching later
 * never attaches a name to answers given anonymously.
 */
export function setForm(ctx: Context, input: z.output<typeof formSettingsInput>): FeedbackForm {
  editableEvent(ctx, input.eventId);
  if (input.open === true && listQuestions(ctx.db, input.eventId).length === 0) {
    throw invalid(['open'], 'feedbackEmpty');
  }
  // Only the settings given: sync settles each field by its own last writer, so a desk that opened the form and one
  // that made it named both win, instead of one rewriting the other's field with what it had seen.
  write(ctx, feedbackFormEntity, input.eventId, {
    event_id: input.eventId,
    ...(input.open === undefined ? {} : { is_open: Number(input.open) }),
    ...(input.anonymous === undefined ? {} : { anonymous: Number(input.anonymous) }),
    updated_at: ctx.now().toISOString(),
  });
  return getForm(ctx, input.eventId);
}

/** Every one of the event's languages has a text, and none other: the kiosk asks in whichever the person chose. */
function checkTexts(event: Event, texts: PerLanguage, path: (string | number)[]): PerLanguage {
  for (const lang of Object.keys(texts)) {
    if (!event.languages.includes(lang as Event['languages'][number]))
      throw invalid([...path, lang], 'feedbackLanguage');
  }
  for (const lang of event.languages) {
    if (!texts[lang]) throw invalid([...path, lang], 'feedbackNeedsText');
  }
  return Object.fromEntries(event.languages.map((l) => [l, texts[l]]));
}

type OptionInput = z.output<typeof optionInput>;

/** A choice has 2 to 10 options with distinct keys (new ones get one); the other kinds have none. */
function checkOptions(event: Event, kind: QuestionKind, options: readonly OptionInput[]) {
  if (kind !== 'choice') {
    if (options.length > 0) throw invalid(['options'], 'feedbackNoOptions');
    return [];
  }
  if (options.length < 2) throw invalid(['options'], 'feedbackTwoOptions');
  const keys = new Set<string>();
  return options.map((o, i) => {
    const key = o.key ?? newId().slice(-12);
    if (keys.has(key)) throw invalid(['options', i, 'key'], 'feedbackOptionRepeated');
    keys.add(key);
    return { key, label: checkTexts(event, o.label, ['options', i, 'label']) };
  });
}

export function addQuestion(ctx: Context, input: z.output<typeof questionAdd>): FeedbackForm {
  const event = editableEvent(ctx, input.eventId);
  const existing = listQuestions(ctx.db, event.id);
  if (existing.length >= maxQuestions) throw invalid(['eventId'], 'feedbackTooManyQuestions');
  const prompt = checkTexts(event, input.prompt, ['prompt']);
  const options = checkOptions(event, input.kind, input.options);
  const now = ctx.now().toISOString();
  write(ctx, feedbackQuestionEntity, newId(), {
    event_id: event.id,
    position: existing.length,
    kind: input.kind,
    prompt: JSON.stringify(prompt),
    options: JSON.stringify(options),
    required: Number(input.required),
    created_at: now,
    updated_at: now,
  });
  return getForm(ctx, event.id);
}

/**
 * Changes a question's text, options, required flag or place. Its kind never changes: answers already given would
 * stop meaning anything. Moving one renumbers the form's questions 0..n-1 in the new order.
 */
export function updateQuestion(ctx: Context, input: z.output<typeof questionUpdate>): FeedbackForm {
  const found = questionRow(ctx.db, input.id);
  if (!found) throw notFound('Question', input.id);
  const event = editableEvent(ctx, found.eventId);
  const { changes } = input;
  const now = ctx.now().toISOString();
  write(ctx, feedbackQuestionEntity, found.id, {
    ...(changes.prompt ? { prompt: JSON.stringify(checkTexts(event, changes.prompt, ['changes', 'prompt'])) } : {}),
    ...(changes.options ? { options: JSON.stringify(checkOptions(event, found.kind, changes.options)) } : {}),
    ...(changes.required !== undefined ? { required: Number(changes.required) } : {}),
    updated_at: now,
  });
  if (changes.position !== undefined) {
    const others = listQuestions(ctx.db, event.id).filter((q) => q.id !== found.id);
    others.splice(Math.min(changes.position, others.length), 0, found);
    others.forEach((q, position) => {
      if (q.position !== position || q.id === found.id)
        write(ctx, feedbackQuestionEntity, q.id, { position, updated_at: now });
    });
  }
  return getForm(ctx, event.id);
}

/** Removes a question (a tombstone, so it syncs). Answers already given to it stay in their responses. */
export function removeQuestion(ctx: Context, id: string): FeedbackForm {
  const found = questionRow(ctx.db, id);
  if (!found) throw notFound('Question', id);
  editableEvent(ctx, found.eventId);
  const now = ctx.now().toISOString();
  write(ctx, feedbackQuestionEntity, id, { removed_at: now, updated_at: now });
  listQuestions(ctx.db, found.eventId).forEach((q, position) => {
    if (q.position !== position) write(ctx, feedbackQuestionEntity, q.id, { position, updated_at: now });
  });
  if (listQuestions(ctx.db, found.eventId).length === 0 && formSettings(ctx.db, found.eventId).open) {
    write(ctx, feedbackFormEntity, found.eventId, { event_id: found.eventId, is_open: 0, updated_at: now });
  }
  return getForm(ctx, found.eventId);
}
