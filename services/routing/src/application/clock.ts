import { localDateIn } from '@tiep-dan/platform/calendar';

/** "Now" for one command: deciders never read the clock, the application hands them this. */
export interface Instant {
  now: string;
  today: string;
}

export function instant(now: Date, timeZone: string): Instant {
  return { now: now.toISOString(), today: localDateIn(now, timeZone) };
}
