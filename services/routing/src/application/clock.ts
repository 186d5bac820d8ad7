/** One formatter per time zone: building an Intl.DateTimeFormat is far dearer than using one. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date at `now` in the commune's time zone (YYYY-MM-DD): "today" for the legal rules. */
export function localDate(now: Date, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter.format(now);
}

/** "Now" for one command: deciders never read the clock, the application hands them this. */
export interface Instant {
  now: string;
  today: string;
}

export function instant(now: Date, timeZone: string): Instant {
  return { now: now.toISOString(), today: localDate(now, timeZone) };
}
