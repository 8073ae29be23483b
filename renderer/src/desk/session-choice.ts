import type { Language, Session } from '../../../electron/core/events/schema';
import { formatDate } from '../i18n/format';

/** The calendar day and the wall-clock time it is now where the event takes place (not where the kiosk thinks). */
export function nowIn(timeZone: string, now: Date = new Date()): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

const dayNumber = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000;

/**
 * The session the desk most likely serves now: today's (in the event's time zone) that is running, else today's
 * next one, else today's last one; on a day without sessions, the nearest day's first (an upcoming one wins a tie,
 * since staff set the desk up before a session, rarely after).
 */
export function currentSession<S extends Pick<Session, 'date' | 'startTime' | 'endTime'>>(
  sessions: readonly S[],
  timeZone: string,
  now: Date = new Date(),
): S | undefined {
  const { date, time } = nowIn(timeZone, now);
  const sorted = [...sessions].sort((a, b) =>
    a.date === b.date ? a.startTime.localeCompare(b.startTime) : a.date.localeCompare(b.date),
  );
  const today = sorted.filter((s) => s.date === date);
  if (today.length > 0) {
    return (
      today.find((s) => s.startTime <= time && time < s.endTime) ??
      today.find((s) => time < s.startTime) ??
      today[today.length - 1]
    );
  }
  let best: S | undefined;
  let bestDistance = Infinity;
  for (const s of sorted) {
    const offset = dayNumber(s.date) - dayNumber(date);
    // Future days count as slightly nearer than past ones at the same distance.
    const distance = Math.abs(offset) - (offset > 0 ? 0.5 : 0);
    if (distance < bestDistance) {
      best = s;
      bestDistance = distance;
    }
  }
  return best;
}

// First-strong isolates: a Latin session name, a date and a time range keep their own order inside an Arabic line.
const isolate = (text: string) => `\u2068${text}\u2069`;

/** "Day 2 · 11 Mar 2026 · 09:00–17:00": a session named so that two with the same name can still be told apart. */
export function sessionLabel(session: Session, lang: Language): string {
  return [session.name, formatDate(session.date, lang), `${session.startTime}–${session.endTime}`]
    .map(isolate)
    .join(' · ');
}
