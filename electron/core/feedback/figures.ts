import type { Db } from '../db/driver';
import { prepared } from '../db/statements';
import type { Event } from '../events/schema';
import type { Language } from '../events/schema';
import type { FeedbackEventSummary, FeedbackSummary } from './report';
import { ratingValues, type PerLanguage, type Question } from './schema';
import { countedResponses, formSettings, listQuestions, type ResponseRow } from './store';

const round2 = (value: number) => Math.round(value * 100) / 100;

/** A text in the event's first language, else the first one the question has. */
function inFirst(texts: PerLanguage, languages: readonly Language[]): string {
  for (const lang of languages) if (texts[lang]) return texts[lang] ?? '';
  return Object.values(texts).find((t) => t) ?? '';
}

/** Names of the people behind named responses, as a badge names them. Anonymous responses have none to look up. */
function respondents(db: Db, responses: readonly ResponseRow[]): Map<string, string> {
  const ids = responses.map((r) => r.registrationId).filter((r): r is string => r !== null);
  if (ids.length === 0) return new Map();
  const rows = prepared(
    db,
    `SELECT r.id, coalesce(nullif(trim(p.badge_name), ''), trim(p.given_names || ' ' || p.family_name)) AS name
     FROM registrations r JOIN participants p ON p.id = r.participant_id
     WHERE r.id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(ids)) as { id: string; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}

function summariseQuestion(
  question: Question,
  responses: readonly ResponseRow[],
  languages: readonly Language[],
  names: Map<string, string>,
) {
  const given = responses.filter((r) => r.answers[question.id] !== undefined);
  const base = {
    questionId: question.id,
    position: question.position,
    kind: question.kind,
    prompt: inFirst(question.prompt, languages),
    required: question.required,
    answered: given.length,
    mean: null as number | null,
    distribution: [] as { value: string; label: string; count: number }[],
    texts: [] as { text: string; language: Language; respondent: string | null }[],
  };
  if (question.kind === 'rating') {
    const values = given.map((r) => r.answers[question.id]).filter((v): v is number => typeof v === 'number');
    base.mean = values.length ? round2(values.reduce((s, v) => s + v, 0) / values.length) : null;
    base.distribution = ratingValues.map((v) => ({
      value: String(v),
      label: String(v),
      count: values.filter((x) => x === v).length,
    }));
  } else if (question.kind === 'choice') {
    // An option removed after people chose it is gone from the form, and so from the figures; `answered` keeps them.
    base.distribution = question.options.map((o) => ({
      value: o.key,
      label: inFirst(o.label, languages),
      count: given.filter((r) => r.answers[question.id] === o.key).length,
    }));
  } else {
    base.texts = given.map((r) => ({
      text: String(r.answers[question.id]),
      language: r.language as Language,
      respondent: r.registrationId === null ? null : (names.get(r.registrationId) ?? null),
    }));
  }
  return base;
}

/**
 * Feedback figures for the report's events: responses counted, and per question its count, mean and distribution.
 * Prompts and options are worded in `language` where the form has it (a PDF written in Russian), else in each
 * event's first language.
 */
export function feedbackFigures(db: Db, events: readonly Event[], language?: Language): FeedbackSummary {
  const summaries: FeedbackEventSummary[] = [];
  for (const event of events) {
    const questions = listQuestions(db, event.id);
    if (questions.length === 0) continue;
    const settings = formSettings(db, event.id);
    const responses = countedResponses(db, event.id);
    const names = respondents(db, responses);
    summaries.push({
      eventId: event.id,
      title: event.title,
      anonymous: settings.anonymous,
      open: settings.open,
      responses: responses.length,
      questions: questions.map((q) =>
        summariseQuestion(q, responses, language ? [language, ...event.languages] : event.languages, names),
      ),
    });
  }
  return { responses: summaries.reduce((s, e) => s + e.responses, 0), events: summaries };
}
