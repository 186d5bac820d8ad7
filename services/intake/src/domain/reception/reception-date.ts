import { receptionError } from './reception-session.errors';

/**
 * Local dates (`YYYY-MM-DD`) and months (`YYYY-MM`) of the commune. Vietnam keeps UTC+7 all year (no
 * daylight saving), so "today" for a session is the instant shifted by a fixed offset; day arithmetic
 * goes through `Date.UTC` day numbers so the host's time zone can never shift a date.
 */
export type LocalDate = string;
export type LocalMonth = string;

/** Asia/Ho_Chi_Minh. */
export const COMMUNE_UTC_OFFSET_MINUTES = 7 * 60;

const MS_PER_DAY = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const m = DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return year >= 1900 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function assertLocalDate(value: string, field: string): LocalDate {
  if (!isLocalDate(value)) {
    throw receptionError('INVALID_DATE', `${field} is not a valid YYYY-MM-DD date`, { field });
  }
  return value;
}

export function isLocalMonth(value: unknown): value is LocalMonth {
  if (typeof value !== 'string') return false;
  const m = MONTH.exec(value);
  return m !== null && Number(m[1]) >= 1900 && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

function toDayNumber(date: LocalDate): number {
  return Math.round(
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY,
  );
}

function fromDayNumber(dayNumber: number): LocalDate {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  // 1970-01-01 was a Thursday.
  return ((((toDayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

export function firstDayOfMonth(month: LocalMonth): LocalDate {
  return `${month}-01`;
}

export function lastDayOfMonth(month: LocalMonth): LocalDate {
  return `${month}-${String(daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)))).padStart(2, '0')}`;
}

/** The commune's calendar date at an instant. */
export function communeDateAt(instant: Date, offsetMinutes = COMMUNE_UTC_OFFSET_MINUTES): LocalDate {
  return new Date(instant.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 10);
}
