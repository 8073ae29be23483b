import type { Migration } from '../migrate';

// The answers of `source` (JSON text) that say nothing of who gave them: ratings, and the key of a chosen option.
const withoutText = (source: string) => `'' || (
  SELECT json_group_object(a.key, a.value) FROM json_each(${source}) a
  WHERE a.type IN ('integer', 'real')
     OR (a.type = 'text' AND EXISTS (SELECT 1 FROM feedback_questions q WHERE q.id = a.key AND q.kind = 'choice')))`;

const erasedRespondents = `
  SELECT r.id FROM registrations r JOIN participants p ON p.id = r.participant_id WHERE p.erased_at IS NOT NULL`;

/**
 * A named feedback response keeps its respondent's registration, so its free text ("as the officer in charge of the
 * port unit, I…") is that person's words: erasing them must blank it (erasure/erase.ts). Responses stay facts that
 * are never changed, with one exception: the answers of a response whose respondent is erased may be rewritten,
 * and nothing else of it. Ratings and choices stay (the reports count them, as they count check-ins).
 * People erased before this version lose their free text now, in the responses and in their change records, as an
 * erasure does today. (`'' ||` makes the answers a string inside the change record, as the app writes them.)
 */
export const erasedFeedback: Migration = {
  version: 24,
  name: 'erased-feedback',
  sql: `
    DROP TRIGGER feedback_responses_are_never_changed;
    CREATE TRIGGER feedback_responses_are_never_changed BEFORE UPDATE ON feedback_responses
    WHEN NEW.id IS NOT OLD.id OR NEW.event_id IS NOT OLD.event_id OR NEW.registration_id IS NOT OLD.registration_id
      OR NEW.language IS NOT OLD.language OR NEW.submitted_at IS NOT OLD.submitted_at
      OR NOT EXISTS (
        SELECT 1 FROM registrations r JOIN participants p ON p.id = r.participant_id
        WHERE r.id = OLD.registration_id AND p.erased_at IS NOT NULL)
    BEGIN SELECT RAISE(ABORT, 'Feedback responses are appended, never changed.'); END;

    UPDATE changes SET fields = json_set(fields, '$.answers', ${withoutText("json_extract(changes.fields, '$.answers')")})
    WHERE entity = 'feedback_response' AND entity != 'checkin'
      AND entity_id IN (SELECT id FROM feedback_responses WHERE registration_id IN (${erasedRespondents}))
      AND json_valid(fields) AND json_valid(json_extract(fields, '$.answers'));
    UPDATE feedback_responses SET answers = ${withoutText('feedback_responses.answers')}
    WHERE registration_id IN (${erasedRespondents}) AND json_valid(answers);
  `,
};
