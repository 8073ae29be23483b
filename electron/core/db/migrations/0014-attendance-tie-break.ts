import type { Migration } from '../migrate';

/**
 * Two kiosks can check one person in at the same millisecond. The desk's upsert (migration 0004) kept whichever
 * check-in arrived first as "the" one when their times were equal, so two replicas holding the same check-ins could
 * show different ones (and sync's digest would agree while the screens did not). Ties now go to the smaller id,
 * the same order the rebuild after an undo uses (ORDER BY at, id), so the projection depends only on the records.
 */
export const attendanceTieBreak: Migration = {
  version: 14,
  name: 'attendance-tie-break',
  sql: `
    DROP TRIGGER checkins_project_check_in;
    CREATE TRIGGER checkins_project_check_in AFTER INSERT ON checkins WHEN NEW.kind = 'check_in'
    BEGIN
      INSERT INTO attendance
        (session_id, registration_id, checkin_id, checked_in_at, device_id, method, operator, active_count)
      VALUES (NEW.session_id, NEW.registration_id, NEW.id, NEW.at, NEW.device_id, NEW.method, NEW.operator, 1)
      ON CONFLICT (session_id, registration_id) DO UPDATE SET
        active_count = active_count + 1,
        checkin_id = iif((excluded.checked_in_at, excluded.checkin_id) < (checked_in_at, checkin_id),
                         excluded.checkin_id, checkin_id),
        device_id = iif((excluded.checked_in_at, excluded.checkin_id) < (checked_in_at, checkin_id),
                        excluded.device_id, device_id),
        method = iif((excluded.checked_in_at, excluded.checkin_id) < (checked_in_at, checkin_id),
                     excluded.method, method),
        operator = iif((excluded.checked_in_at, excluded.checkin_id) < (checked_in_at, checkin_id),
                       excluded.operator, operator),
        checked_in_at = min(excluded.checked_in_at, checked_in_at);
    END;
  `,
};
