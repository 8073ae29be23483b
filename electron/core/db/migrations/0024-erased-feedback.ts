import type { Migration } from '../migrate';

/**
 * A named feedback response keeps its respondent's registration, so its free text ("as the officer in charge of the
 * port unit, I…") is that person's words: erasing them must blank it (erasure/erase.ts). Responses stay facts that
 * are never changed, with one exception: the answers of a response whose respondent is erased may be rewritten,
 * and nothing else of it. Ratings and choices stay (the reports count them, as they count check-ins).
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
  `,
};
