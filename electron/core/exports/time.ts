const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The zone to read an event's times in: its own, or UTC when this machine's zone data lacks it (an event synced from
 * a device with newer data, or a bundle written by hand). Creating such an event is refused, but one that arrives
 * must not make every export, retention run and edit of its people fail.
 */
export function readableZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch (error) {
    if (error instanceof RangeError) return 'UTC';
    throw error;
  }
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: readableZone(timeZone),
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** A moment as the event's wall clock shows it: what people at the venue saw when they checked in. */
export function localParts(iso: string, timeZone: string): { date: string; time: string; utc: Date } {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const time = `${parts.hour}:${parts.minute}`;
  // Spreadsheets have no time zones: a cell holding the local wall time, stored as if it were UTC, shows it as is.
  const utc = new Date(`${date}T${time}:00Z`);
  return { date, time, utc };
}

/** "2023-09-12 08:45" in the event's time zone. */
export function localDateTime(iso: string, timeZone: string): string {
  const { date, time } = localParts(iso, timeZone);
  return `${date} ${time}`;
}
