import { MusterError } from '../api/errors';
import type { Handlers } from '../api/handler';
import type { Context } from '../context';
import { getEvent } from '../events/store';
import { isActive, kioskRow } from '../kiosk/store';
import { addQuestion, getForm, removeQuestion, setForm, updateQuestion } from './form';
import { submitResponse } from './submit';
import { formSettings, listQuestions } from './store';

/** The event this device's running kiosk serves; the kiosk's feedback methods work on that event only. */
function kioskEventId(ctx: Context): string {
  const row = kioskRow(ctx.db, ctx.device);
  if (!isActive(row)) throw new MusterError('forbidden', 'This device is not in kiosk mode.');
  return row.event_id;
}

export const feedbackHandlers = {
  'feedback.get': (ctx, input) => getForm(ctx, input.eventId),
  'feedback.settings': (ctx, input) => setForm(ctx, input),
  'feedback.addQuestion': (ctx, input) => addQuestion(ctx, input),
  'feedback.updateQuestion': (ctx, input) => updateQuestion(ctx, input),
  'feedback.removeQuestion': (ctx, input) => removeQuestion(ctx, input.id),
  'feedback.submit': (ctx, input) => submitResponse(ctx, input),
  'kiosk.feedbackForm': (ctx) => {
    const eventId = kioskEventId(ctx);
    const settings = formSettings(ctx.db, eventId);
    const questions = listQuestions(ctx.db, eventId);
    const event = getEvent(ctx.db, eventId);
    // An archived event (archived on another desk, then synced) takes no answers: not offered, rather than refused
    // once the attendee has answered every question.
    if (!settings.open || questions.length === 0 || event.archived) return { open: false as const };
    return { open: true as const, anonymous: settings.anonymous, languages: event.languages, questions };
  },
  'kiosk.feedbackSubmit': (ctx, input) => submitResponse(ctx, { ...input, eventId: kioskEventId(ctx) }),
} satisfies Partial<Handlers>;
