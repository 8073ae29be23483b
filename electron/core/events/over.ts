import { localParts } from '../exports/time';

/**
 * The calendar day it is at `now` where the event takes place. A zone this machine's time-zone data does not know
 * (an event synced from a device with newer data, or a bundle written by hand) reads as UTC rather than failing:
 * every edit of its people and every retention run would otherwise fail with it, and no one's data would be erased.
 */
export function dayAt(now: Date, timeZone: string): string {
  try {
    return localParts(now.toISOString(), timeZone).date;
  } catch (error) {
    if (error instanceof RangeError) return now.toISOString().slice(0, 10);
    throw error;
  }
}

/**
 * Whether an event is over: archived, or its last day has passed where it takes place (a workshop in Port of Spain
 * that ends on the 17th is still on at 02:00 UTC on the 18th). Its figures have then been handed in.
 */
export function eventIsOver(event: { endDate: string; timeZone: string; archived: boolean }, now: Date): boolean {
  return event.archived || dayAt(now, event.timeZone) > event.endDate;
}
