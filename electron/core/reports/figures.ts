import type { z } from 'zod';
import type { Context } from '../context';
import { prepared } from '../db/statements';
import { getEvent } from '../events/store';
import type { Event, Language } from '../events/schema';
import { countryName } from '../exports/labels';
import englishWords from '../exports/words/en.json';
import { feedbackFigures } from '../feedback/figures';
import { genders, organisationTypes, type Gender } from '../participants/schema';
import { asCategory, asGender, asOrganisationType, reportCategories } from './closed-lists';
import { findMatches, personKeys, summariseMatches } from './matches';
import { getProgramme, programmeOf } from './programmes';
import type { report, ReportScope, sessionAttendance, Totals, Workshop } from './schema';

/** What each figure means, stated in the report itself (JSON, XLSX and PDF), so a donor can check how it was counted. */
// The English words of the documents' catalogue (exports/words), so the PDF's translated definitions and these
// cannot drift apart.
export const definitions = englishWords.report.definitions;

interface Registration {
  id: string;
  event_id: string;
  participant_id: string;
  category: string;
  gender: Gender;
  country: string;
  organisation_type: string;
}

/** One person at one workshop: their registrations there (two only when staff merged two records of one event). */
interface Presence {
  registration: Registration;
  sessions: Set<string>;
}

/** The rule of `definitions.otherParticipants`, shared by each workshop's figure and the programme's. */
const isOther = (r: Registration) => r.category !== 'partner_state_delegate' && r.category !== 'organiser_staff';

const round1 = (part: number, whole: number): number | null => (whole ? Math.round((1000 * part) / whole) / 10 : null);

function zeroes<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

function womenShare(people: readonly Registration[]) {
  const women = people.filter((p) => p.gender === 'female').length;
  const notStated = people.filter((p) => p.gender === 'not_stated').length;
  const stated = people.length - notStated;
  return { women, genderStated: stated, genderNotStated: notStated, womenPercent: round1(women, stated) };
}

/**
 * The report's figures for one event or a programme, read in one transaction (one consistent moment). Registrations
 * and check-ins are read set-wise, two queries for the whole scope; the counting happens here, where the rules are
 * stated once (see `definitions`).
 */
export function buildReport(ctx: Context, scope: ReportScope, language?: Language): z.input<typeof report> {
  return ctx.db.transaction(() => {
    let programme: { id: string; name: string } | null = null;
    let events: Event[];
    if ('programmeId' in scope) {
      const found = getProgramme(ctx.db, scope.programmeId);
      programme = { id: found.id, name: found.name };
      events = found.eventIds.map((id) => getEvent(ctx.db, id));
    } else {
      events = [getEvent(ctx.db, scope.eventId)];
      const programmeId = programmeOf(ctx.db, scope.eventId);
      if (programmeId) {
        const found = getProgramme(ctx.db, programmeId);
        programme = { id: found.id, name: found.name };
      }
    }
    const eventIds = events.map((e) => e.id);
    const registrations = prepared(
      ctx.db,
      // Each registration's own figures: the person as they were at that workshop (migration 0022).
      `SELECT r.id, r.event_id, r.participant_id, r.category, coalesce(r.gender, p.gender) AS gender,
              coalesce(r.country, p.country) AS country,
              coalesce(r.organisation_type, p.organisation_type) AS organisation_type
       FROM registrations r JOIN participants p ON p.id = r.participant_id
       WHERE r.event_id IN (SELECT value FROM json_each(?)) AND r.status != 'cancelled'
       ORDER BY r.event_id, r.id`,
    ).all(JSON.stringify(eventIds)) as Registration[];
    // The attendance projection holds one row per person and session however many kiosks checked them in.
    const sessionIds = events.flatMap((e) => e.sessions.map((s) => s.id));
    const checkedIn = new Map<string, Set<string>>();
    for (const row of prepared(
      ctx.db,
      'SELECT registration_id, session_id FROM attendance WHERE session_id IN (SELECT value FROM json_each(?))',
    ).iterate(JSON.stringify(sessionIds)) as IterableIterator<{ registration_id: string; session_id: string }>) {
      const set = checkedIn.get(row.registration_id) ?? new Set<string>();
      set.add(row.session_id);
      checkedIn.set(row.registration_id, set);
    }
    const personOf = personKeys(ctx.db);
    const matches = findMatches(ctx.db, eventIds, personOf);

    // Per event: each person once, with every session any of their registrations there was checked in to.
    const byEvent = new Map<string, Map<string, Presence>>(eventIds.map((id) => [id, new Map()]));
    for (const registration of registrations) {
      const people = byEvent.get(registration.event_id);
      if (!people) continue;
      const person = personOf(registration.participant_id);
      const presence = people.get(person) ?? { registration, sessions: new Set<string>() };
      const sessions = checkedIn.get(registration.id);
      // Two merged records at one event: the one who attended describes the person.
      if (sessions?.size && presence.sessions.size === 0) presence.registration = registration;
      for (const s of sessions ?? []) presence.sessions.add(s);
      people.set(person, presence);
    }

    const workshops: z.input<typeof report>['workshops'] = [];
    // Per person across the programme: their earliest attended workshop's registration, and whether they attended
    // every session of every workshop they attended.
    const people = new Map<string, { first: Registration | null; all: boolean }>();
    // A country is represented if any of its delegates attended any workshop: someone who came first as a speaker
    // and later as their state's delegate still brought their state, though their first role describes them.
    const partnerStates = new Set<string>();
    for (const event of events) {
      const present = [...(byEvent.get(event.id)?.entries() ?? [])];
      const attendees = present.filter(([, p]) => p.sessions.size > 0);
      const attendeeRegistrations = attendees.map(([, p]) => p.registration);
      const all = (p: Presence) => event.sessions.length > 0 && event.sessions.every((s) => p.sessions.has(s.id));
      const byCategory = zeroes(reportCategories);
      for (const r of attendeeRegistrations) byCategory[asCategory(r.category)]++;
      const attendance = sessionRates(
        event,
        present.map(([, p]) => p),
      );
      workshops.push({
        eventId: event.id,
        title: event.title,
        city: event.city,
        country: event.country,
        startDate: event.startDate,
        endDate: event.endDate,
        sessions: event.sessions.length,
        registered: present.length,
        attended: attendees.length,
        noShows: present.length - attendees.length,
        attendedAllSessions: attendees.filter(([, p]) => all(p)).length,
        countries: new Set(attendeeRegistrations.map((r) => r.country)).size,
        ...womenShare(attendeeRegistrations),
        byCategory,
        otherParticipants: attendeeRegistrations.filter(isOther).length,
        attendance,
      });
      for (const r of attendeeRegistrations) if (r.category === 'partner_state_delegate') partnerStates.add(r.country);
      for (const [person, presence] of present) {
        const entry = people.get(person) ?? { first: null, all: true };
        if (presence.sessions.size > 0) {
          entry.first ??= presence.registration;
          entry.all &&= all(presence);
        }
        people.set(person, entry);
      }
    }

    const attendees = [...people.values()].filter((p) => p.first !== null);
    const firsts = attendees.map((p) => p.first as Registration);
    const byCategory = zeroes(reportCategories);
    const byGender = zeroes(genders);
    const byOrganisationType = zeroes(organisationTypes);
    const byCountry = new Map<string, number>();
    for (const r of firsts) {
      byCategory[asCategory(r.category)]++;
      byGender[asGender(r.gender)]++;
      byOrganisationType[asOrganisationType(r.organisation_type)]++;
      byCountry.set(r.country, (byCountry.get(r.country) ?? 0) + 1);
    }
    const totals: Totals = {
      registered: people.size,
      uniqueParticipants: attendees.length,
      attendances: workshops.reduce((sum, w) => sum + w.attended, 0),
      attendedAllSessions: attendees.filter((p) => p.all).length,
      partnerStates: partnerStates.size,
      countries: byCountry.size,
      ...womenShare(firsts),
      byGender,
      byCategory,
      otherParticipants: firsts.filter(isOther).length,
      byOrganisationType,
      byCountry: [...byCountry.entries()]
        .map(([country, attended]) => ({ country, name: countryName(country), attended }))
        .sort((a, b) => b.attended - a.attended || a.name.localeCompare(b.name)),
      attendance: workshops.flatMap((w) => w.attendance),
    };
    return {
      scope: 'programmeId' in scope ? 'programme' : 'event',
      programme,
      generatedAt: ctx.now().toISOString(),
      definitions: { ...definitions },
      workshops,
      totals,
      matches: summariseMatches(matches),
      feedback: feedbackFigures(ctx.db, events, language),
    } satisfies z.input<typeof report>;
  })();
}

function sessionRates(event: Event, present: readonly Presence[]): z.input<typeof sessionAttendance>[] {
  return event.sessions.map((session) => {
    const attended = present.filter((p) => p.sessions.has(session.id)).length;
    return {
      eventId: event.id,
      sessionId: session.id,
      name: session.name,
      date: session.date,
      registered: present.length,
      attended,
      ratePercent: round1(attended, present.length),
    };
  });
}

export type { Workshop };
