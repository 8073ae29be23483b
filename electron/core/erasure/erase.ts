import { conflict, notFound, type MusterError } from '../api/errors';
import { write, type SqlValue } from '../changes/write';
import type { Context } from '../context';
import type { Db } from '../db/driver';
import { prepared } from '../db/statements';
import { indexQueuedSearch } from '../db/transaction';
import { storedAnswersWithoutText } from '../feedback/store';
import { participantEntity } from '../participants/store';
import { erasedValues, scrubFields } from './fields';
import { isErased } from './scrub';

export type ErasureReason = 'request' | 'retention';

/**
 * What an erasure did, in ids only: this is what an audit entry records (it must never hold the data it erased).
 */
export interface Erasure {
  participantId: string;
  registrationIds: string[];
  /** Signatures drawn at check-ins that were blanked. */
  signatures: number;
  erasedAt: string;
  reason: ErasureReason;
  /** The person was already erased (here or on another replica): nothing was written. */
  alreadyErased: boolean;
}

/**
 * Erases one person's personal fields (erasure/fields.ts says which stay), in the caller's write transaction. The
 * erasure is one change record, so it syncs; and it removes what the person left elsewhere in this file (older
 * change records, signatures). The search indexes still hold the old words until `purgeSearchText` runs, and the
 * WAL holds old pages until `clearWal`: callers run both once per batch.
 */
export function erasePerson(ctx: Context, participantId: string, reason: ErasureReason): Erasure {
  const row = prepared(ctx.db, 'SELECT erased_at FROM participants WHERE id = ?').get(participantId) as
    { erased_at: string | null } | undefined;
  if (!row) throw notFound('Participant', participantId);
  const registrationIds = prepared(ctx.db, 'SELECT id FROM registrations WHERE participant_id = ? ORDER BY id')
    .pluck()
    .all(participantId) as string[];
  if (row.erased_at !== null) {
    return { participantId, registrationIds, signatures: 0, erasedAt: row.erased_at, reason, alreadyErased: true };
  }
  const stamp = ctx.now().toISOString();
  write(ctx, participantEntity, participantId, { ...erasedValues, erased_at: stamp, updated_at: stamp });
  const signatures = forgetPerson(ctx.db, participantId);
  return { participantId, registrationIds, signatures, erasedAt: stamp, reason, alreadyErased: false };
}

/**
 * Removes what an erased person left: the personal values in their row and in their change records (which keep
 * their timestamps, so sync's digests and "do I have this change" answers are unchanged) and the signatures they
 * drew, with the values in those signatures' change records. Also run when an erasure arrives by sync. Returns how
 * many signatures were blanked.
 */
export function forgetPerson(db: Db, participantId: string): number {
  // An erasure arriving by sync may be older than an edit made here: the erasure still wins (it is final), so the
  // row is blanked directly. No new change is needed: every replica does the same on receiving the erasure.
  const columns = Object.keys(erasedValues);
  prepared(db, `UPDATE participants SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(
    ...Object.values(erasedValues),
    participantId,
  );
  // `entity != 'checkin'` lets SQLite use the per-record index, which leaves check-ins out (migration 0010).
  const rows = prepared(
    db,
    "SELECT seq, fields FROM changes WHERE entity = 'participant' AND entity_id = ? AND entity != 'checkin'",
  ).all(participantId) as { seq: number; fields: string }[];
  const rewrite = prepared(db, 'UPDATE changes SET fields = ? WHERE seq = ?');
  for (const change of rows) {
    const scrubbed = JSON.stringify(scrubFields(JSON.parse(change.fields) as Record<string, SqlValue>));
    if (scrubbed !== change.fields) rewrite.run(scrubbed, change.seq);
  }
  // Check-ins by session and registration, which is how checkins_by_person is keyed.
  const checkIns = prepared(
    db,
    `SELECT c.id FROM registrations r
       JOIN sessions s ON s.event_id = r.event_id
       JOIN checkins c ON c.session_id = s.id AND c.registration_id = r.id
     WHERE r.participant_id = ?`,
  )
    .pluck()
    .all(participantId) as string[];
  let blanked = 0;
  const blank = prepared(db, "UPDATE signatures SET png = '' WHERE id = ? AND png != ''");
  const blankChange = prepared(
    db,
    `UPDATE changes SET fields = '{"png":""}' WHERE entity = 'signature' AND entity_id = ? AND entity != 'checkin'`,
  );
  for (const id of checkIns) {
    blanked += blank.run(id).changes;
    blankChange.run(id);
  }
  forgetFeedbackText(db, participantId);
  return blanked;
}

/**
 * A named feedback response's free text is its respondent's own words, often enough to tell who wrote them: it goes
 * from the response and from its change record, and ratings and choices stay (migration 0024 lets only this change
 * an appended response). Anonymous responses have no registration, so nothing ties them to the person.
 */
function forgetFeedbackText(db: Db, participantId: string): void {
  const responses = prepared(
    db,
    `SELECT f.id, f.answers FROM registrations r
       JOIN feedback_responses f ON f.event_id = r.event_id AND f.registration_id = r.id
     WHERE r.participant_id = ?`,
  ).all(participantId) as { id: string; answers: string }[];
  const setAnswers = prepared(db, 'UPDATE feedback_responses SET answers = ? WHERE id = ?');
  const changes = prepared(
    db,
    "SELECT seq, fields FROM changes WHERE entity = 'feedback_response' AND entity_id = ? AND entity != 'checkin'",
  );
  const rewrite = prepared(db, 'UPDATE changes SET fields = ? WHERE seq = ?');
  for (const response of responses) {
    const kept = storedAnswersWithoutText(db, response.answers);
    if (kept !== response.answers) setAnswers.run(kept, response.id);
    for (const change of changes.all(response.id) as { seq: number; fields: string }[]) {
      const fields = JSON.parse(change.fields) as Record<string, SqlValue>;
      if (typeof fields.answers !== 'string') continue;
      const scrubbed = storedAnswersWithoutText(db, fields.answers);
      if (scrubbed !== fields.answers) rewrite.run(JSON.stringify({ ...fields, answers: scrubbed }), change.seq);
    }
  }
}

/**
 * Brings the search indexes up to date (the erased text replaced) and merges each into one segment. Both indexes are
 * contentless with deletes recorded as tombstones: the old words stay in their segment until a merge drops them, so
 * without this an erased name would still be in the file (and with `secure_delete` the old segments are zeroed).
 * FTS5's own 'secure-delete' option was tried instead: it drops the row from the doclists but leaves the word in
 * the segment's page index (`_idx`), and the canary test found it there. The price: a merge of the whole index,
 * about 2 s on a 100,000-person roster (tests/bench/erasure.ts), once per erasure or retention run.
 * Runs in the caller's write transaction.
 */
export function purgeSearchText(db: Db): void {
  indexQueuedSearch(db);
  for (const index of ['participant_words', 'participant_text']) {
    prepared(db, `INSERT INTO ${index} (${index}) VALUES ('optimize')`).run();
  }
}

/**
 * Copies the WAL into the database and empties it, so pages written before an erasure leave the -wal file. Outside
 * any transaction. False when a reader (a backup being checked) kept it from finishing; the next erasure, retention
 * run or SQLite's own checkpoint then finishes the job.
 */
export function clearWal(db: Db): boolean {
  const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
  return result?.busy === 0;
}

/** An erased person's record holds only what the reports count: typing new personal data into it is refused. */
export function refuseIfErased(db: Db, participantId: string): void {
  if (isErased(db, participantId)) throw erasedRefusal();
}

export function erasedRefusal(): MusterError {
  return conflict('This person’s personal data was erased; register them again as a new participant instead.');
}
