import type { Migration } from '../migrate';

/**
 * Participant feedback (issue 7): a short evaluation per event, defined by staff, answered at the kiosk or the desk.
 *
 * `feedback_forms` is keyed by the event (one form per event, like `programme_events`): whether it is open and
 * whether it is anonymous are single fields, so two desks changing them settle by sync's last writer per field.
 *
 * `feedback_questions` holds each question with its text per event language and, for a choice, its options (JSON),
 * each option under a key that never changes, so answers in five languages count together and an option relabelled
 * later keeps its answers. Removal is a tombstone (`removed_at`) so it syncs.
 *
 * `feedback_responses` are facts, like check-ins: one appended row per submission holding all its answers (JSON),
 * refused UPDATE and DELETE. `registration_id` is null for an anonymous form's response, and such a row keeps only
 * the day it was given (`submitted_at` is a date), so nothing in it ties it to a person or to a moment at a kiosk.
 * Not UNIQUE per registration: two offline kiosks may each take one person's answers, sync keeps both and the
 * report counts the earliest (as attendance counts a double check-in once); the handler refuses a second one locally.
 *
 * No foreign keys on purpose, as for programmes: sync may deliver a question before its event in a batch.
 */
export const feedback: Migration = {
  version: 18,
  name: 'feedback',
  sql: `
    CREATE TABLE feedback_forms (
      id TEXT PRIMARY KEY,
      event_id TEXT NOT NULL,
      is_open INTEGER NOT NULL DEFAULT 0,
      anonymous INTEGER NOT NULL DEFAULT 1,
      updated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE feedback_questions (
      id TEXT PRIMARY KEY,
      event_id TEXT NOT NULL,
      position INTEGER NOT NULL,
      kind TEXT NOT NULL,
      prompt TEXT NOT NULL,
      options TEXT NOT NULL DEFAULT '[]',
      required INTEGER NOT NULL DEFAULT 0,
      removed_at TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX feedback_questions_by_event ON feedback_questions (event_id, position);

    CREATE TABLE feedback_responses (
      id TEXT PRIMARY KEY,
      event_id TEXT NOT NULL,
      registration_id TEXT,
      language TEXT NOT NULL,
      submitted_at TEXT NOT NULL,
      answers TEXT NOT NULL
    ) STRICT;
    CREATE INDEX feedback_responses_by_event ON feedback_responses (event_id, registration_id);
    CREATE TRIGGER feedback_responses_are_never_changed BEFORE UPDATE ON feedback_responses
    BEGIN SELECT RAISE(ABORT, 'Feedback responses are appended, never changed.'); END;
    CREATE TRIGGER feedback_responses_are_never_deleted BEFORE DELETE ON feedback_responses
    BEGIN SELECT RAISE(ABORT, 'Feedback responses are appended, never deleted.'); END;
  `,
};
