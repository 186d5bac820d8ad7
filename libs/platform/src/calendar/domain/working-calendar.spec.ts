import vn2025 from '../seed/vn-2025.json';
import vn2026 from '../seed/vn-2026.json';
import { CalendarError, type CalendarErrorCode } from './calendar.errors';
import {
  type CalendarYearData,
  WorkingCalendar,
  computeDeadline,
  validateCalendarYear,
} from './working-calendar';

const calendar = new WorkingCalendar([vn2025, vn2026]);
const only2025 = new WorkingCalendar([vn2025]);

function codeOf(fn: () => unknown): CalendarErrorCode | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof CalendarError) return e.code;
    throw e;
  }
  return undefined;
}

function year(y: number, holidays: string[] = [], makeUp: string[] = []): CalendarYearData {
  return {
    year: y,
    holidays: holidays.map((date) => ({ date, name: 'day off' })),
    makeUpWorkingDays: makeUp.map((date) => ({ date, name: 'make-up' })),
  };
}

describe('WorkingCalendar.isWorkingDay', () => {
  it('counts Monday to Friday as working days', () => {
    expect(calendar.isWorkingDay('2025-03-03')).toBe(true);
    expect(calendar.isWorkingDay('2025-03-07')).toBe(true);
  });

  it('does not count Saturday or Sunday', () => {
    expect(calendar.isWorkingDay('2025-03-08')).toBe(false);
    expect(calendar.isWorkingDay('2025-03-09')).toBe(false);
  });

  it('does not count the days of the Tết break', () => {
    for (const d of ['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31']) {
      expect(calendar.isWorkingDay(d)).toBe(false);
    }
    expect(calendar.isWorkingDay('2025-02-03')).toBe(true);
  });

  it('counts an announced make-up Saturday as a working day', () => {
    expect(calendar.isWorkingDay('2025-04-26')).toBe(true);
    expect(calendar.describeDay('2025-04-26')).toEqual({
      date: '2025-04-26',
      working: true,
      kind: 'make_up_working_day',
      name: 'Làm bù cho ngày nghỉ hoán đổi 2/5',
    });
  });

  it('does not count a swapped weekday (nghỉ hoán đổi)', () => {
    expect(calendar.isWorkingDay('2025-05-02')).toBe(false);
  });

  it('does not count a compensatory day off (nghỉ bù) for a holiday on a Sunday', () => {
    expect(calendar.isWorkingDay('2026-04-27')).toBe(false);
  });

  it('raises CALENDAR.YEAR_NOT_CONFIGURED for a year without data instead of ignoring its holidays', () => {
    expect(codeOf(() => calendar.isWorkingDay('2027-02-08'))).toBe('CALENDAR.YEAR_NOT_CONFIGURED');
  });

  it('rejects an invalid date', () => {
    expect(codeOf(() => calendar.isWorkingDay('2025-02-29'))).toBe('CALENDAR.INVALID_DATE');
  });
});

describe('WorkingCalendar.addWorkingDays (the start day never counts)', () => {
  it('a petition received on Friday with 5 working days is due the next Friday', () => {
    expect(calendar.addWorkingDays('2025-03-07', 5)).toBe('2025-03-14');
  });

  it('a petition received on Saturday with 1 working day is due on Monday', () => {
    expect(calendar.addWorkingDays('2025-03-08', 1)).toBe('2025-03-10');
  });

  it('zero working days is the start date itself', () => {
    expect(calendar.addWorkingDays('2025-03-08', 0)).toBe('2025-03-08');
  });

  it('10 working days from a Monday end two weeks later on Monday', () => {
    expect(calendar.addWorkingDays('2025-03-03', 10)).toBe('2025-03-17');
  });

  it('skips the whole Tết break', () => {
    expect(calendar.addWorkingDays('2025-01-24', 1)).toBe('2025-02-03');
    // 2026: Tết Monday 16 – Friday 20 Feb; 10 working days from Friday 13 Feb end on Friday 6 Mar.
    expect(calendar.addWorkingDays('2026-02-13', 10)).toBe('2026-03-06');
  });

  it('a start date inside Tết counts from the first working day after it', () => {
    expect(calendar.addWorkingDays('2025-01-29', 1)).toBe('2025-02-03');
  });

  it('counts the make-up Saturday', () => {
    expect(calendar.addWorkingDays('2025-04-25', 1)).toBe('2025-04-26');
  });

  it('skips 30/4, 1/5 and the swapped 2/5', () => {
    expect(calendar.addWorkingDays('2025-04-29', 1)).toBe('2025-05-05');
  });

  it('crosses the year boundary using the next year’s holidays', () => {
    expect(calendar.addWorkingDays('2025-12-30', 1)).toBe('2025-12-31');
    expect(calendar.addWorkingDays('2025-12-30', 2)).toBe('2026-01-02');
    expect(calendar.addWorkingDays('2025-12-30', 3)).toBe('2026-01-05');
  });

  it('fails when the count runs into a year without data', () => {
    expect(codeOf(() => only2025.addWorkingDays('2025-12-30', 3))).toBe('CALENDAR.YEAR_NOT_CONFIGURED');
  });

  it('rejects a negative or fractional count', () => {
    expect(codeOf(() => calendar.addWorkingDays('2025-03-03', -1))).toBe('CALENDAR.INVALID_DURATION');
    expect(codeOf(() => calendar.addWorkingDays('2025-03-03', 1.5))).toBe('CALENDAR.INVALID_DURATION');
  });
});

describe('WorkingCalendar.addCalendarDays', () => {
  it('adds plain days, weekends and holidays included', () => {
    expect(calendar.addCalendarDays('2025-01-24', 10)).toBe('2025-02-03');
    expect(calendar.addCalendarDays('2025-01-31', 30)).toBe('2025-03-02');
  });

  it('needs no calendar data', () => {
    expect(calendar.addCalendarDays('2030-06-01', 90)).toBe('2030-08-30');
  });
});

describe('WorkingCalendar.workingDaysBetween', () => {
  it('counts the working days after the first date up to and including the second', () => {
    expect(calendar.workingDaysBetween('2025-03-07', '2025-03-14')).toBe(5);
    expect(calendar.workingDaysBetween('2025-03-07', '2025-03-07')).toBe(0);
  });

  it('is negative when the second date is earlier', () => {
    expect(calendar.workingDaysBetween('2025-03-14', '2025-03-07')).toBe(-5);
  });

  it('counts one working day across the Tết break', () => {
    expect(calendar.workingDaysBetween('2025-01-24', '2025-02-03')).toBe(1);
  });

  it('is the inverse of addWorkingDays', () => {
    for (const start of ['2025-01-20', '2025-04-24', '2025-12-29', '2026-02-13', '2026-08-20']) {
      for (const n of [0, 1, 5, 10, 15, 30]) {
        expect(calendar.workingDaysBetween(start, calendar.addWorkingDays(start, n))).toBe(n);
      }
    }
  });
});

describe('WorkingCalendar.computeDeadline', () => {
  it('a calendar-day limit counts every day', () => {
    expect(calendar.computeDeadline('2025-03-03', { amount: 10, unit: 'calendar_days' })).toBe('2025-03-13');
  });

  it('a calendar-day limit ending on a Saturday moves to Monday (Civil Code art. 148)', () => {
    expect(calendar.computeDeadline('2025-03-05', { amount: 10, unit: 'calendar_days' })).toBe('2025-03-17');
  });

  it('a calendar-day limit ending in Tết moves to the first working day after it', () => {
    expect(calendar.computeDeadline('2025-01-17', { amount: 10, unit: 'calendar_days' })).toBe('2025-02-03');
  });

  it('keeps the raw calendar date when asked to', () => {
    expect(
      calendar.computeDeadline('2025-03-05', { amount: 10, unit: 'calendar_days' }, [], {
        endOnNonWorkingDay: 'keep',
      }),
    ).toBe('2025-03-15');
  });

  it('a working-day limit is the same as addWorkingDays', () => {
    expect(calendar.computeDeadline('2025-03-07', { amount: 5, unit: 'working_days' })).toBe('2025-03-14');
  });

  it('calendar and working days of the same amount differ', () => {
    const calendarDays = calendar.computeDeadline('2025-03-03', { amount: 10, unit: 'calendar_days' });
    const workingDays = calendar.computeDeadline('2025-03-03', { amount: 10, unit: 'working_days' });
    expect([calendarDays, workingDays]).toEqual(['2025-03-13', '2025-03-17']);
  });

  it('suspended days do not count toward a calendar-day limit', () => {
    const suspension = [{ from: '2025-03-10', to: '2025-03-19' }];
    expect(calendar.computeDeadline('2025-03-03', { amount: 30, unit: 'calendar_days' })).toBe('2025-04-02');
    expect(
      calendar.computeDeadline('2025-03-03', { amount: 30, unit: 'calendar_days' }, suspension, {
        endOnNonWorkingDay: 'keep',
      }),
    ).toBe('2025-04-12');
    expect(calendar.computeDeadline('2025-03-03', { amount: 30, unit: 'calendar_days' }, suspension)).toBe(
      '2025-04-14',
    );
  });

  it('suspended working days do not count toward a working-day limit', () => {
    expect(
      calendar.computeDeadline('2025-03-03', { amount: 10, unit: 'working_days' }, [
        { from: '2025-03-06', to: '2025-03-07' },
      ]),
    ).toBe('2025-03-19');
  });

  it('a suspension over a weekend only does not move a working-day limit', () => {
    expect(
      calendar.computeDeadline('2025-03-03', { amount: 10, unit: 'working_days' }, [
        { from: '2025-03-08', to: '2025-03-09' },
      ]),
    ).toBe('2025-03-17');
  });

  it('a suspension after the deadline or before the start changes nothing', () => {
    const duration = { amount: 10, unit: 'working_days' } as const;
    const intervals = [
      { from: '2025-02-01', to: '2025-03-02' },
      { from: '2025-03-18', to: '2025-04-30' },
    ];
    expect(calendar.computeDeadline('2025-03-03', duration, intervals)).toBe('2025-03-17');
  });

  it('overlapping suspensions count each day once', () => {
    const intervals = [
      { from: '2025-03-04', to: '2025-03-06' },
      { from: '2025-03-05', to: '2025-03-07' },
    ];
    expect(calendar.computeDeadline('2025-03-03', { amount: 10, unit: 'working_days' }, intervals)).toBe(
      '2025-03-21',
    );
  });

  it('rejects a suspension that ends before it starts', () => {
    expect(
      codeOf(() =>
        calendar.computeDeadline('2025-03-03', { amount: 10, unit: 'working_days' }, [
          { from: '2025-03-07', to: '2025-03-06' },
        ]),
      ),
    ).toBe('CALENDAR.INVALID_INTERVAL');
  });

  it('rejects an unknown unit', () => {
    const bad = { amount: 3, unit: 'weeks' } as unknown as { amount: number; unit: 'working_days' };
    expect(codeOf(() => calendar.computeDeadline('2025-03-03', bad))).toBe('CALENDAR.INVALID_DURATION');
  });

  it('has a function form for deciders', () => {
    expect(computeDeadline(calendar, '2025-03-07', { amount: 5, unit: 'working_days' })).toBe('2025-03-14');
  });
});

describe('validateCalendarYear', () => {
  it('accepts the hand-checked seeds', () => {
    expect(validateCalendarYear(vn2025).holidays).toHaveLength(vn2025.holidays.length);
    expect(validateCalendarYear(vn2026).makeUpWorkingDays).toEqual([
      { date: '2026-08-22', name: 'Làm bù cho ngày nghỉ hoán đổi 31/8' },
    ]);
  });

  it('sorts the days by date', () => {
    expect(
      validateCalendarYear(year(2027, ['2027-09-02', '2027-01-01'])).holidays.map((d) => d.date),
    ).toEqual(['2027-01-01', '2027-09-02']);
  });

  it('rejects a make-up working day that is not a weekend day', () => {
    expect(codeOf(() => validateCalendarYear(year(2027, [], ['2027-03-03'])))).toBe(
      'CALENDAR.MAKE_UP_DAY_NOT_WEEKEND',
    );
  });

  it('rejects a day that is both off and a make-up working day', () => {
    expect(codeOf(() => validateCalendarYear(year(2027, ['2027-03-06'], ['2027-03-06'])))).toBe(
      'CALENDAR.CONFLICTING_DAY',
    );
  });

  it('rejects a date listed twice', () => {
    expect(codeOf(() => validateCalendarYear(year(2027, ['2027-01-01', '2027-01-01'])))).toBe(
      'CALENDAR.DUPLICATE_DATE',
    );
  });

  it('rejects a date of another year', () => {
    expect(codeOf(() => validateCalendarYear(year(2027, ['2028-01-01'])))).toBe('CALENDAR.DATE_OUTSIDE_YEAR');
  });

  it('rejects an invalid date or year', () => {
    expect(codeOf(() => validateCalendarYear(year(2027, ['2027-02-29'])))).toBe('CALENDAR.INVALID_DATE');
    expect(codeOf(() => validateCalendarYear(year(27)))).toBe('CALENDAR.INVALID_YEAR');
  });

  it('a calendar refuses the same year twice', () => {
    expect(codeOf(() => new WorkingCalendar([year(2027), year(2027)]))).toBe('CALENDAR.DUPLICATE_DATE');
  });
});
