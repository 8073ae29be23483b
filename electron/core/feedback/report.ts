import { z } from 'zod';
import { id, language } from '../events/schema';
import { questionKind } from './schema';

const count = z.number().int().nonnegative();

/** One bar of a distribution: a rating (1–5) or a choice's option, labelled in the event's first language. */
export const feedbackBar = z.object({ value: z.string(), label: z.string(), count });

export const feedbackQuestionSummary = z.object({
  questionId: id,
  position: count,
  kind: questionKind,
  /** The question in the event's first language. */
  prompt: z.string(),
  required: z.boolean(),
  /** Counted responses that answered it. */
  answered: count,
  /** Ratings only: the mean of the answers, two decimals; null when none (and for other kinds). */
  mean: z.number().nullable(),
  /** Ratings: 1 to 5, each present. Choices: every option, in the form's order. Free text: empty. */
  distribution: z.array(feedbackBar),
  /**
   * Free text only: every answer with the language it was written in and, for a named form, who. By day, and within a
   * day by response id: anonymous responses keep no time, so their order tells nothing about who answered when.
   */
  texts: z.array(z.object({ text: z.string(), language, respondent: z.string().nullable() })),
});

export const feedbackEventSummary = z.object({
  eventId: id,
  title: z.string(),
  anonymous: z.boolean(),
  open: z.boolean(),
  /** Responses counted: every anonymous one; a named person's earliest only. */
  responses: count,
  questions: z.array(feedbackQuestionSummary),
});
export type FeedbackEventSummary = z.infer<typeof feedbackEventSummary>;

export const feedbackSummary = z.object({
  /** Responses over the report's events. */
  responses: count,
  /** One per event that has a feedback form with questions, by start date. */
  events: z.array(feedbackEventSummary),
});
export type FeedbackSummary = z.infer<typeof feedbackSummary>;
