export const CALENDAR_ERROR_CODES = [
  'CALENDAR.INVALID_DATE',
  'CALENDAR.INVALID_YEAR',
  'CALENDAR.YEAR_NOT_CONFIGURED',
  'CALENDAR.DATE_OUTSIDE_YEAR',
  'CALENDAR.DUPLICATE_DATE',
  'CALENDAR.CONFLICTING_DAY',
  'CALENDAR.MAKE_UP_DAY_NOT_WEEKEND',
  'CALENDAR.INVALID_DURATION',
  'CALENDAR.INVALID_INTERVAL',
] as const;

export type CalendarErrorCode = (typeof CALENDAR_ERROR_CODES)[number];

/**
 * A rule of the working calendar was broken (bad date, unconfigured year, inconsistent year data).
 * The HTTP layer maps every code to 400 except YEAR_NOT_CONFIGURED, which is a configuration gap.
 */
export class CalendarError extends Error {
  constructor(
    readonly code: CalendarErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CalendarError';
  }
}
