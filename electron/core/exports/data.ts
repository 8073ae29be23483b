import type { Context } from '../context';
import { getEvent } from '../events/store';
import { prepared } from '../db/statements';
import type { Category, Gender, Status } from '../participants/schema';
import { signatureFor } from './signatures';

/**
 * One registration as an export sees it: the person, the registration, and their check-in per session. Gender,
 * country and organisation type are the registration's (the person as they were at this event), so the summary
 * and the lists of a past workshop stay as they were handed in; everything else is the person as they are now.
 */
export interface ExportPerson {
  registrationId: string;
  code: string;
  category: Category;
  status: Status;
  honorific: string;
  givenNames: string;
  familyName: string;
  badgeName: string;
  gender: Gender;
  country: string;
  nationality: string | null;
  organisation: string;
  organisationType: string;
  jobTitle: string;
  email: string | null;
  phone: string | null;
  preferredLanguage: string | null;
  dietary: string;
  accessibility: string;
  /** Per session, in the order of ExportData.sessions: when they checked in (UTC ISO), or null. */
  checkIns: (string | null)[];
  /** Per session: the signature captured at check-in (PNG), when the sheet needs it and one exists. */
  signatures: (Uint8Array | null)[];
}

export interface ExportData {
  event: {
    title: string;
    venue: string;
    city: string;
    country: string;
    startDate: string;
    endDate: string;
    timeZone: string;
  };
  sessions: { id: string; name: string; date: string; startTime: string; endTime: string }[];
  /** In roster order (family name, then given names, folded). */
  people: ExportPerson[];
  /**
   * Registrations of people whose personal data was erased: the summary still counts them (gender, country,
   * category and attendance are kept for that), but no list prints them, where they would be blank rows with a
   * check-in time, or on a sign-in sheet an empty numbered line with a box anyone could sign.
   */
  erased: ExportPerson[];
  generatedAt: string;
}

interface Row {
  registration_id: string;
  code: string;
  category: Category;
  status: Status;
  honorific: string;
  given_names: string;
  family_name: string;
  badge_name: string;
  gender: Gender;
  country: string;
  nationality: string | null;
  organisation: string;
  organisation_type: string;
  job_title: string;
  email: string | null;
  phone: string | null;
  preferred_language: string | null;
  dietary: string;
  accessibility: string;
  erased_at: string | null;
}

/**
 * Everything an export needs, read in one transaction so the file is one consistent moment of the roster, on the
 * main thread (the only connection); the drawing then happens in a worker. Rows come in the roster projection's
 * name order, straight off its primary key.
 */
export function readExportData(
  ctx: Context,
  eventId: string,
  options: { includeCancelled: boolean; signatures: boolean; sessionIds?: readonly string[] },
): ExportData {
  return ctx.db.transaction(() => {
    const event = getEvent(ctx.db, eventId);
    const wanted = options.sessionIds;
    const sessions = wanted ? event.sessions.filter((s) => wanted.includes(s.id)) : event.sessions;
    const rows = prepared(
      ctx.db,
      `SELECT r.id AS registration_id, r.code, r.category, r.status,
              p.honorific, p.given_names, p.family_name, p.badge_name, coalesce(r.gender, p.gender) AS gender,
              coalesce(r.country, p.country) AS country, p.nationality, p.organisation,
              coalesce(r.organisation_type, p.organisation_type) AS organisation_type, p.job_title, p.email, p.phone,
              p.preferred_language,
              p.dietary, p.accessibility, p.erased_at
       FROM roster ro
       JOIN registrations r ON r.id = ro.registration_id
       JOIN participants p ON p.seq = ro.participant_seq
       WHERE ro.event_id = ?
       ORDER BY ro.sort_name, ro.seq`,
    ).all(eventId) as Row[];
    const attendance = prepared(
      ctx.db,
      'SELECT registration_id, checkin_id, checked_in_at FROM attendance WHERE session_id = ?',
    );
    const bySession = sessions.map(
      (s) =>
        new Map(
          (attendance.all(s.id) as { registration_id: string; checkin_id: string; checked_in_at: string }[]).map(
            (a) => [a.registration_id, a],
          ),
        ),
    );
    const people: ExportPerson[] = [];
    const erased: ExportPerson[] = [];
    for (const row of rows) {
      if (row.status === 'cancelled' && !options.includeCancelled) continue;
      const records = bySession.map((map) => map.get(row.registration_id) ?? null);
      (row.erased_at === null ? people : erased).push({
        registrationId: row.registration_id,
        code: row.code,
        category: row.category,
        status: row.status,
        honorific: row.honorific,
        givenNames: row.given_names,
        familyName: row.family_name,
        badgeName: row.badge_name,
        gender: row.gender,
        country: row.country,
        nationality: row.nationality,
        organisation: row.organisation,
        organisationType: row.organisation_type,
        jobTitle: row.job_title,
        email: row.email,
        phone: row.phone,
        preferredLanguage: row.preferred_language,
        dietary: row.dietary,
        accessibility: row.accessibility,
        checkIns: records.map((r) => r?.checked_in_at ?? null),
        signatures: records.map((r) => (r && options.signatures ? signatureFor(ctx.db, r.checkin_id) : null)),
      });
    }
    return {
      event: {
        title: event.title,
        venue: event.venue,
        city: event.city,
        country: event.country,
        startDate: event.startDate,
        endDate: event.endDate,
        timeZone: event.timeZone,
      },
      sessions: sessions.map(({ id, name, date, startTime, endTime }) => ({ id, name, date, startTime, endTime })),
      people,
      erased,
      generatedAt: ctx.now().toISOString(),
    };
  })();
}
