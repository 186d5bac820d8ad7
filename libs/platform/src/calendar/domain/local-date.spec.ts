import { CalendarError } from './calendar.errors';
import {
  addDays,
  compareLocalDates,
  dayOfWeek,
  fromDayNumber,
  isLocalDate,
  localDateIn,
  parseLocalDate,
  toDayNumber,
} from './local-date';

describe('LocalDate arithmetic', () => {
  it('accepts real dates only, in the YYYY-MM-DD form', () => {
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2025-02-29')).toBe(false);
    expect(isLocalDate('2025-2-01')).toBe(false);
    expect(isLocalDate('2025-13-01')).toBe(false);
    expect(isLocalDate('2025-04-31')).toBe(false);
    expect(isLocalDate('2025-01-01T00:00:00Z')).toBe(false);
    expect(isLocalDate(20250101)).toBe(false);
  });

  it('rejects an invalid date with CALENDAR.INVALID_DATE', () => {
    expect(() => parseLocalDate('2025-02-30')).toThrow(CalendarError);
    try {
      parseLocalDate('yesterday');
    } catch (e) {
      expect((e as CalendarError).code).toBe('CALENDAR.INVALID_DATE');
    }
  });

  it('knows the weekday of known dates', () => {
    expect(dayOfWeek('2025-01-29')).toBe(3); // Mùng 1 Tết Ất Tỵ was a Wednesday
    expect(dayOfWeek('2026-02-17')).toBe(2); // Mùng 1 Tết Bính Ngọ is a Tuesday
    expect(dayOfWeek('1970-01-01')).toBe(4);
    expect(dayOfWeek('1969-12-28')).toBe(0);
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });

  it('round-trips through day numbers regardless of the host time zone', () => {
    for (const d of ['2025-01-01', '2025-03-30', '2025-10-26', '2026-12-31']) {
      expect(fromDayNumber(toDayNumber(d))).toBe(d);
    }
  });

  it('compares dates chronologically', () => {
    expect(compareLocalDates('2025-01-02', '2025-01-01')).toBe(1);
    expect(compareLocalDates('2024-12-31', '2025-01-01')).toBe(-1);
    expect(compareLocalDates('2025-01-01', '2025-01-01')).toBe(0);
  });
});

describe('localDateIn', () => {
  it('gives the date in the commune’s time zone, not the host’s: 17:30 UTC is already the next day in Hà Nội', () => {
    const instant = new Date('2026-12-31T17:30:00Z');
    expect(localDateIn(instant, 'Asia/Ho_Chi_Minh')).toBe('2027-01-01');
    expect(localDateIn(instant, 'UTC')).toBe('2026-12-31');
  });
});
