import { CalendarError } from './calendar.errors';

/**
 * A calendar date without time or zone, `YYYY-MM-DD`, understood as the local date in
 * Asia/Ho_Chi_Minh (the day printed on the petition's receipt stamp).
 *
 * Arithmetic goes through a day number (days since 1970-01-01) computed with `Date.UTC`, so the
 * host's time zone and daylight-saving rules can never shift a date: `new Date('2025-01-01')` parses
 * as UTC midnight but `getDate()` reads local time, which is the classic off-by-one we avoid here.
 */
export type LocalDate = string;

const MS_PER_DAY = 86_400_000;
const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const m = PATTERN.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  // Date.UTC maps years 0–99 to 1900–1999; no legal deadline predates 1900 anyway.
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

/** Validates and returns the parts of a `YYYY-MM-DD` date; throws CALENDAR.INVALID_DATE otherwise. */
export function parseLocalDate(value: string): DateParts {
  if (!isLocalDate(value)) {
    throw new CalendarError('CALENDAR.INVALID_DATE', `not a valid YYYY-MM-DD date: ${JSON.stringify(value)}`);
  }
  return {
    year: Number(value.slice(0, 4)),
    month: Number(value.slice(5, 7)),
    day: Number(value.slice(8, 10)),
  };
}

export function yearOf(date: LocalDate): number {
  return parseLocalDate(date).year;
}

/** Days since 1970-01-01 (may be negative). */
export function toDayNumber(date: LocalDate): number {
  const { year, month, day } = parseLocalDate(date);
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

export function fromDayNumber(dayNumber: number): LocalDate {
  const d = new Date(dayNumber * MS_PER_DAY);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** 0 = Sunday … 6 = Saturday, as `Date.getUTCDay`. */
export function dayOfWeek(date: LocalDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

export function isWeekend(date: LocalDate): boolean {
  const dow = dayOfWeek(date);
  return dow === 0 || dow === 6;
}

/** Negative when a < b, zero when equal, positive when a > b (lexical order works for YYYY-MM-DD). */
export function compareLocalDates(a: LocalDate, b: LocalDate): number {
  return toDayNumber(a) - toDayNumber(b);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** One formatter per time zone: building an Intl.DateTimeFormat costs ~80 µs, using one ~2 µs. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date at `now` in `timeZone` (YYYY-MM-DD): "today" for the legal rules of the commune. */
export function localDateIn(now: Date, timeZone: string): LocalDate {
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
