/** The calendar date at `now` in the commune's time zone (YYYY-MM-DD): "today" for the legal rules. */
export function localDate(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
