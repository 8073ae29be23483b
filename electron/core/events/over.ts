import { localParts } from '../exports/time';

/** The calendar day it is at `now` where the event takes place (in UTC for a zone this machine lacks, time.ts). */
export function dayAt(now: Date, timeZone: string): string {
  return localParts(now.toISOString(), timeZone).date;
}

/**
 * Whether an event is over: archived, or its last day has passed where it takes place (a workshop in Port of Spain
 * that ends on the 17th is still on at 02:00 UTC on the 18th). Its figures have then been handed in.
 */
export function eventIsOver(event: { endDate: string; timeZone: string; archived: boolean }, now: Date): boolean {
  return event.archived || dayAt(now, event.timeZone) > event.endDate;
}
