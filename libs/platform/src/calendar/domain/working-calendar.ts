import { CalendarError } from './calendar.errors';
import {
  type LocalDate,
  addDays,
  fromDayNumber,
  isWeekend,
  parseLocalDate,
  toDayNumber,
  yearOf,
} from './local-date';

/** One named day of the official calendar. `verify` marks data nobody has checked against the yearly announcement. */
export interface CalendarDay {
  date: LocalDate;
  name: string;
  verify?: boolean;
}

/**
 * The official calendar of one year: days off (public holidays, the Tết break, compensatory days
 * off — nghỉ bù — and swapped days — nghỉ hoán đổi) and the make-up working Saturdays (làm bù)
 * announced each year by the Ministry of Home Affairs for civil servants.
 */
export interface CalendarYearData {
  year: number;
  holidays: CalendarDay[];
  makeUpWorkingDays: CalendarDay[];
  /** Where the data comes from (announcement number, or "generated"). */
  source?: string;
  notes?: string[];
}

export type DurationUnit = 'calendar_days' | 'working_days';

/** A legal time limit: "10 ngày" is calendar days, "10 ngày làm việc" is working days. Never assume the unit. */
export interface Duration {
  amount: number;
  unit: DurationUnit;
}

/** A closed interval of dates, both ends included: a period of suspension (tạm đình chỉ) from its first to its last suspended day. */
export interface DateInterval {
  from: LocalDate;
  to: LocalDate;
}

export interface DeadlineOptions {
  /**
   * What happens when a calendar-day limit ends on a weekend or holiday. Civil Code 2015 art. 148(5):
   * the period then ends at the end of the next working day, which is the default. `keep` returns the
   * raw date for rules that say otherwise.
   */
  endOnNonWorkingDay?: 'next_working_day' | 'keep';
}

export type DayKind = 'working_day' | 'weekend' | 'holiday' | 'make_up_working_day';

export interface DayInfo {
  date: LocalDate;
  working: boolean;
  kind: DayKind;
  name?: string;
}

/** Longest duration accepted: ten years of days, far beyond any legal limit, so a typo cannot spin forever. */
export const MAX_DURATION_DAYS = 3660;

/**
 * Checks one year's data: dates valid and inside the year, no date listed twice, no date both a day
 * off and a make-up working day, and make-up working days only on Saturday or Sunday (a weekday is a
 * working day already, so such an entry is a typo). Returns a normalised copy sorted by date.
 */
export function validateCalendarYear(data: CalendarYearData): CalendarYearData {
  if (!Number.isInteger(data.year) || data.year < 1900 || data.year > 9999) {
    throw new CalendarError('CALENDAR.INVALID_YEAR', `not a valid year: ${String(data.year)}`);
  }
  const seen = new Map<LocalDate, 'holiday' | 'make-up'>();
  const check = (day: CalendarDay, kind: 'holiday' | 'make-up'): CalendarDay => {
    const { year } = parseLocalDate(day.date);
    if (year !== data.year) {
      throw new CalendarError(
        'CALENDAR.DATE_OUTSIDE_YEAR',
        `${day.date} does not belong to year ${data.year}`,
      );
    }
    const previous = seen.get(day.date);
    if (previous === kind) throw new CalendarError('CALENDAR.DUPLICATE_DATE', `${day.date} is listed twice`);
    if (previous) {
      throw new CalendarError(
        'CALENDAR.CONFLICTING_DAY',
        `${day.date} is both a day off and a make-up working day`,
      );
    }
    if (kind === 'make-up' && !isWeekend(day.date)) {
      throw new CalendarError(
        'CALENDAR.MAKE_UP_DAY_NOT_WEEKEND',
        `make-up working day ${day.date} is not a Saturday or Sunday`,
      );
    }
    seen.set(day.date, kind);
    const out: CalendarDay = { date: day.date, name: day.name };
    if (day.verify) out.verify = true;
    return out;
  };
  const byDate = (a: CalendarDay, b: CalendarDay): number => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);
  const result: CalendarYearData = {
    year: data.year,
    holidays: data.holidays.map((d) => check(d, 'holiday')).sort(byDate),
    makeUpWorkingDays: data.makeUpWorkingDays.map((d) => check(d, 'make-up')).sort(byDate),
  };
  if (data.source !== undefined) result.source = data.source;
  if (data.notes !== undefined) result.notes = [...data.notes];
  return result;
}

export function addCalendarDays(start: LocalDate, days: number): LocalDate {
  requireCount(days, 'days');
  return addDays(start, days);
}

/**
 * Working days: Monday to Friday, minus the year's days off, plus its make-up working days.
 *
 * Counting convention (Civil Code 2015 art. 147: a period counted in days starts on the day after
 * the event): the start date itself never counts, whatever kind of day it is. `addWorkingDays(start, n)`
 * is the n-th working day after `start`, so a petition received on Friday with 5 working days is due
 * the next Friday when the week has no holiday, and one received on Saturday with 1 working day is
 * due on Monday. `workingDaysBetween(a, b)` counts the working days in (a, b], the inverse of it.
 *
 * A year absent from the data is an error (CALENDAR.YEAR_NOT_CONFIGURED), never "weekends only":
 * silently ignoring Tết would put a legal deadline a week early (or a suspension a week late), and
 * nobody would notice. The persistence layer seeds generated years ahead so this only fires when the
 * calendar really has a gap.
 */
export class WorkingCalendar {
  private readonly years = new Map<number, CalendarYearData>();
  private readonly holidays = new Map<LocalDate, string>();
  private readonly makeUpDays = new Map<LocalDate, string>();

  constructor(years: readonly CalendarYearData[]) {
    for (const raw of years) {
      const data = validateCalendarYear(raw);
      if (this.years.has(data.year)) {
        throw new CalendarError('CALENDAR.DUPLICATE_DATE', `year ${data.year} is given twice`);
      }
      this.years.set(data.year, data);
      for (const d of data.holidays) this.holidays.set(d.date, d.name);
      for (const d of data.makeUpWorkingDays) this.makeUpDays.set(d.date, d.name);
    }
  }

  configuredYears(): number[] {
    return [...this.years.keys()].sort((a, b) => a - b);
  }

  hasYear(year: number): boolean {
    return this.years.has(year);
  }

  yearData(year: number): CalendarYearData | undefined {
    return this.years.get(year);
  }

  describeDay(date: LocalDate): DayInfo {
    this.requireYear(yearOf(date));
    const holiday = this.holidays.get(date);
    if (holiday !== undefined) return { date, working: false, kind: 'holiday', name: holiday };
    const makeUp = this.makeUpDays.get(date);
    if (makeUp !== undefined) return { date, working: true, kind: 'make_up_working_day', name: makeUp };
    return isWeekend(date)
      ? { date, working: false, kind: 'weekend' }
      : { date, working: true, kind: 'working_day' };
  }

  isWorkingDay(date: LocalDate): boolean {
    return this.describeDay(date).working;
  }

  addCalendarDays(start: LocalDate, days: number): LocalDate {
    return addCalendarDays(start, days);
  }

  addWorkingDays(start: LocalDate, days: number): LocalDate {
    return this.computeDeadline(start, { amount: days, unit: 'working_days' });
  }

  /** Working days in (a, b]; negative when b is before a. */
  workingDaysBetween(a: LocalDate, b: LocalDate): number {
    const from = toDayNumber(a);
    const to = toDayNumber(b);
    if (to < from) return -this.workingDaysBetween(b, a);
    let count = 0;
    for (let n = from + 1; n <= to; n++) {
      if (this.isWorkingDay(fromDayNumber(n))) count++;
    }
    return count;
  }

  /**
   * The last day of a time limit that starts on `start` (receipt, acceptance, decision…).
   * Days inside a suspension (tạm đình chỉ, Luật 136/2025) are skipped, as if the clock stopped: the
   * deadline moves by the suspended days that fall inside the running period (by the suspended
   * working days for a working-day limit). A suspension that starts after the deadline changes nothing.
   */
  computeDeadline(
    start: LocalDate,
    duration: Duration,
    suspendedIntervals: readonly DateInterval[] = [],
    options: DeadlineOptions = {},
  ): LocalDate {
    requireCount(duration.amount, 'amount');
    if (duration.unit !== 'calendar_days' && duration.unit !== 'working_days') {
      throw new CalendarError('CALENDAR.INVALID_DURATION', `unknown duration unit: ${String(duration.unit)}`);
    }
    const suspended = suspendedIntervals.map((i) => {
      const from = toDayNumber(i.from);
      const to = toDayNumber(i.to);
      if (to < from)
        throw new CalendarError(
          'CALENDAR.INVALID_INTERVAL',
          `suspension ends (${i.to}) before it starts (${i.from})`,
        );
      return { from, to };
    });
    const isSuspended = (n: number): boolean => suspended.some((i) => n >= i.from && n <= i.to);

    let day = toDayNumber(start);
    let counted = 0;
    while (counted < duration.amount) {
      day++;
      if (isSuspended(day)) continue;
      if (duration.unit === 'working_days' && !this.isWorkingDay(fromDayNumber(day))) continue;
      counted++;
    }
    let due = fromDayNumber(day);
    if (
      duration.unit === 'calendar_days' &&
      (options.endOnNonWorkingDay ?? 'next_working_day') === 'next_working_day'
    ) {
      while (!this.isWorkingDay(due)) due = addDays(due, 1);
    }
    return due;
  }

  private requireYear(year: number): void {
    if (!this.years.has(year)) {
      throw new CalendarError(
        'CALENDAR.YEAR_NOT_CONFIGURED',
        `the working calendar has no data for ${year}: an administrator must add the year's holidays (PUT /calendar/${year})`,
      );
    }
  }
}

function requireCount(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 0 || value > MAX_DURATION_DAYS) {
    throw new CalendarError(
      'CALENDAR.INVALID_DURATION',
      `${what} must be a whole number from 0 to ${MAX_DURATION_DAYS}, got ${String(value)}`,
    );
  }
}

/** Function form of {@link WorkingCalendar.computeDeadline}, for deciders that receive the calendar as data. */
export function computeDeadline(
  calendar: WorkingCalendar,
  start: LocalDate,
  duration: Duration,
  suspendedIntervals: readonly DateInterval[] = [],
  options: DeadlineOptions = {},
): LocalDate {
  return calendar.computeDeadline(start, duration, suspendedIntervals, options);
}
