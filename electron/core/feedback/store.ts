import { defineEntity } from '../changes/write';
import type { Db } from '../db/driver';
import { prepared } from '../db/statements';
import type { Answers, Question, QuestionKind } from './schema';

/** Keyed by the event's id: one form per event (migration 0018). */
export const feedbackFormEntity = defineEntity('feedback_form', 'feedback_forms', [
  'event_id',
  'is_open',
  'anonymous',
  'updated_at',
] as const);

export const feedbackQuestionEntity = defineEntity('feedback_question', 'feedback_questions', [
  'event_id',
  'position',
  'kind',
  'prompt',
  'options',
  'required',
  'removed_at',
  'created_at',
  'updated_at',
] as const);

/** A response is a fact: only ever created, merged by sync as a set. */
export const feedbackResponseEntity = defineEntity('feedback_response', 'feedback_responses', [
  'event_id',
  'registration_id',
  'language',
  'submitted_at',
  'answers',
] as const);

export interface FormRow {
  open: boolean;
  anonymous: boolean;
}

/** The event's form settings; an event nobody set up has a closed, anonymous form (anonymous unless it says so). */
export function formSettings(db: Db, eventId: string): FormRow {
  const row = prepared(db, 'SELECT is_open, anonymous FROM feedback_forms WHERE id = ?').get(eventId) as
    { is_open: number; anonymous: number } | undefined;
  return { open: row?.is_open === 1, anonymous: row ? row.anonymous === 1 : true };
}

interface QuestionRow {
  id: string;
  event_id: string;
  position: number;
  kind: string;
  prompt: string;
  options: string;
  required: number;
}

function toQuestion(row: QuestionRow): Question {
  return {
    id: row.id,
    position: row.position,
    kind: row.kind as QuestionKind,
    prompt: JSON.parse(row.prompt) as Question['prompt'],
    options: JSON.parse(row.options) as Question['options'],
    required: row.required === 1,
  };
}

/** The event's live questions in order (ties, which two offline desks can make, by id so every replica agrees). */
export function listQuestions(db: Db, eventId: string): Question[] {
  return (
    prepared(
      db,
      'SELECT * FROM feedback_questions WHERE event_id = ? AND removed_at IS NULL ORDER BY position, id',
    ).all(eventId) as QuestionRow[]
  ).map(toQuestion);
}

export function questionRow(db: Db, id: string): (Question & { eventId: string }) | undefined {
  const row = prepared(db, 'SELECT * FROM feedback_questions WHERE id = ? AND removed_at IS NULL').get(id) as
    QuestionRow | undefined;
  return row && { ...toQuestion(row), eventId: row.event_id };
}

export interface ResponseRow {
  id: string;
  registrationId: string | null;
  language: string;
  submittedAt: string;
  answers: Answers;
}

/**
 * The responses that count, oldest first: every anonymous one, and per registration only the earliest (two offline
 * kiosks may each have taken one person's answers; ties to the smaller id, so every replica counts the same one).
 */
export function countedResponses(db: Db, eventId: string): ResponseRow[] {
  const rows = prepared(
    db,
    `SELECT id, registration_id, language, submitted_at, answers FROM feedback_responses WHERE event_id = ?
     ORDER BY submitted_at, id`,
  ).all(eventId) as {
    id: string;
    registration_id: string | null;
    language: string;
    submitted_at: string;
    answers: string;
  }[];
  const seen = new Set<string>();
  const counted: ResponseRow[] = [];
  for (const row of rows) {
    if (row.registration_id !== null) {
      if (seen.has(row.registration_id)) continue;
      seen.add(row.registration_id);
    }
    counted.push({
      id: row.id,
      registrationId: row.registration_id,
      language: row.language,
      submittedAt: row.submitted_at,
      answers: JSON.parse(row.answers) as Answers,
    });
  }
  return counted;
}

export function responseById(
  db: Db,
  id: string,
): { eventId: string; registrationId: string | null; submittedAt: string } | undefined {
  return prepared(
    db,
    'SELECT event_id AS eventId, registration_id AS registrationId, submitted_at AS submittedAt FROM feedback_responses WHERE id = ?',
  ).get(id) as { eventId: string; registrationId: string | null; submittedAt: string } | undefined;
}

/** The response this registration already gave for the event, if any. */
export function responseOf(db: Db, eventId: string, registrationId: string): { id: string } | undefined {
  return prepared(db, 'SELECT id FROM feedback_responses WHERE event_id = ? AND registration_id = ? LIMIT 1').get(
    eventId,
    registrationId,
  ) as { id: string } | undefined;
}

/**
 * The answers without free text: what a response keeps once its respondent is erased (erasure/erase.ts). Ratings
 * and chosen options stay, since reports count them and they say nothing about who gave them; any other string (text,
 * or an answer to a question this replica has not seen) goes.
 */
export function answersWithoutText(db: Db, answers: Record<string, unknown>): Answers {
  const choices = new Set(
    prepared(db, "SELECT id FROM feedback_questions WHERE kind = 'choice' AND id IN (SELECT value FROM json_each(?))")
      .pluck()
      .all(JSON.stringify(Object.keys(answers))) as string[],
  );
  const kept: Answers = {};
  for (const [questionId, value] of Object.entries(answers)) {
    if (typeof value === 'number' || (typeof value === 'string' && choices.has(questionId))) kept[questionId] = value;
  }
  return kept;
}

/** The same, for answers as stored (JSON text); text that is not an object of answers keeps none. */
export function storedAnswersWithoutText(db: Db, stored: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    parsed = null;
  }
  const answers = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : {};
  return JSON.stringify(answersWithoutText(db, answers as Record<string, unknown>));
}
