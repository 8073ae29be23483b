import { z } from 'zod';
import { id, language, languages } from '../events/schema';

/** The kinds of question a form may ask: a 1–5 rating, one choice among options, or a short free text. */
export const questionKinds = ['rating', 'choice', 'text'] as const;
export const questionKind = z.enum(questionKinds);
export type QuestionKind = z.infer<typeof questionKind>;

export const ratingValues = [1, 2, 3, 4, 5] as const;
export const maxQuestions = 30;
export const maxOptions = 10;
export const maxTextAnswer = 2000;

/** Text per language; which languages must be present is the event's business (checked by the handler). */
export const perLanguage = z
  .partialRecord(language, z.string().trim().max(500))
  .refine((texts) => Object.values(texts).some((t) => t !== undefined && t.length > 0), { params: { key: 'blank' } });
export type PerLanguage = z.infer<typeof perLanguage>;

/** A choice's option: its key stays the same for the life of the question, so answers survive a relabelling. */
export const optionKey = z.string().regex(/^[a-z0-9-]{1,40}$/);
export const option = z.strictObject({ key: optionKey, label: perLanguage });
export const optionInput = z.strictObject({ key: optionKey.optional(), label: perLanguage });

export const questionAdd = z
  .object({
    eventId: id,
    kind: questionKind,
    prompt: perLanguage,
    options: z.array(optionInput).max(maxOptions).default([]),
    required: z.boolean().default(false),
  })
  .strict();

export const questionUpdate = z
  .object({
    id,
    changes: z
      .object({
        prompt: perLanguage,
        options: z.array(optionInput).max(maxOptions),
        required: z.boolean(),
        /** Where the question goes among the form's, from 0; the others close up around it. */
        position: z.number().int().min(0).max(maxQuestions),
      })
      .partial()
      .strict(),
  })
  .strict();

export const formSettings = z
  .object({ eventId: id, open: z.boolean().optional(), anonymous: z.boolean().optional() })
  .strict();

export const question = z.strictObject({
  id,
  position: z.number().int(),
  kind: questionKind,
  prompt: z.partialRecord(language, z.string()),
  options: z.array(option),
  required: z.boolean(),
});
export type Question = z.infer<typeof question>;

export const feedbackForm = z.strictObject({
  eventId: id,
  open: z.boolean(),
  anonymous: z.boolean(),
  /** The event's languages: every question's text is asked for in each. */
  languages: z.array(language),
  questions: z.array(question),
  /** Responses received so far (each non-anonymous respondent once). */
  responses: z.number().int().nonnegative(),
});
export type FeedbackForm = z.infer<typeof feedbackForm>;

/** One answer: a rating 1–5, an option's key, or text. Which one a question takes is checked against the form. */
export const answerValue = z.union([z.number().int(), z.string().max(maxTextAnswer)]);
export const answers = z.record(id, answerValue).refine((a) => Object.keys(a).length <= maxQuestions);
export type Answers = z.infer<typeof answers>;

const response = {
  /** The caller's nonce: a retried submission is one response. Kiosks use a random (v4) id for anonymous forms. */
  id,
  /** The language the person answered in (it is shown in the report beside free text). */
  language,
  answers,
};

/** The desk: staff take a person's answers (or an anonymous sheet) for an event. */
export const feedbackSubmit = z.object({ ...response, eventId: id, registrationId: id.optional() }).strict();
/** The kiosk: for its own event only; the person, when the form is not anonymous, as kiosk.identify found them. */
export const kioskFeedbackSubmit = z.object({ ...response, registrationId: id.optional() }).strict();

export const feedbackReceipt = z.strictObject({ responseId: id, submittedAt: z.string() });

/** What the kiosk shows: the form's questions (all languages, the screen picks), or that there is none open. */
export const kioskFeedbackForm = z.discriminatedUnion('open', [
  z.strictObject({ open: z.literal(false) }),
  z.strictObject({
    open: z.literal(true),
    anonymous: z.boolean(),
    languages: z.array(language),
    questions: z.array(question),
  }),
]);

export { languages };
