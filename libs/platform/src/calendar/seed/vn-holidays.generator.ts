import Holidays from 'date-holidays';
import { addDays, dayOfWeek, isWeekend, type LocalDate } from '../domain/local-date';
import type { CalendarDay, CalendarYearData } from '../domain/working-calendar';

/**
 * Generates a year of Vietnamese days off from the Labour Code 2019 art. 112, using `date-holidays`
 * (country VN) only for the lunar dates. It is the fallback for years without a hand-checked seed:
 * every entry is marked `verify: true`, because the real calendar comes from the yearly announcement
 * of the Ministry of Home Affairs (swapped days and make-up Saturdays cannot be predicted), which an
 * administrator must confirm and enter.
 *
 * Rules applied:
 * - Tết Dương lịch 1/1, Giỗ Tổ Hùng Vương 10/3 lunar, 30/4, 1/5: one day each.
 * - Tết Nguyên đán: 5 days, from the day before New Year's Eve (Giao thừa) to mùng 3. This is the
 *   split the Government chose in 2024, 2025 and 2026 once compensatory days are added.
 * - Quốc khánh 2/9 plus one adjacent day: 3/9 when 2/9 is a Monday or Thursday (it joins a weekend),
 *   otherwise 1/9 (the choices of 2022–2026).
 * - Art. 112(3): a day off on a Saturday or Sunday gives a compensatory day off (nghỉ bù) on the next
 *   weekday that is not itself a day off.
 */
export function generateVietnamCalendarYear(year: number): CalendarYearData {
  const lunar = lunarHolidays(year);
  const statutory: CalendarDay[] = [
    { date: `${year}-01-01`, name: 'Tết Dương lịch' },
    ...tetDays(lunar.tet),
    { date: lunar.hungKings, name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' },
    { date: `${year}-04-30`, name: 'Ngày Chiến thắng (Giải phóng miền Nam, thống nhất đất nước)' },
    { date: `${year}-05-01`, name: 'Ngày Quốc tế Lao động' },
    ...nationalDay(year),
  ].sort((a, b) => (a.date < b.date ? -1 : 1));

  const daysOff = new Set(statutory.map((d) => d.date));
  const compensatory: CalendarDay[] = [];
  for (const day of statutory) {
    if (!isWeekend(day.date)) continue;
    let candidate = addDays(day.date, 1);
    while (isWeekend(candidate) || daysOff.has(candidate)) candidate = addDays(candidate, 1);
    daysOff.add(candidate);
    compensatory.push({ date: candidate, name: `Nghỉ bù (${day.name})` });
  }

  // A compensatory day of a late-December holiday could spill into next year; none exists today
  // (the last statutory day is 3/9), so every date stays inside `year`.
  const holidays = [...statutory, ...compensatory]
    .sort((a, b) => (a.date < b.date ? -1 : 1))
    .map((d) => ({ ...d, verify: true }));
  return {
    year,
    source:
      'generated from the Labour Code 2019 art. 112 with date-holidays (VN); not the official announcement',
    notes: [
      'Generated: confirm against the Ministry of Home Affairs announcement for this year (swapped days, make-up Saturdays) and edit.',
    ],
    holidays,
    makeUpWorkingDays: [],
  };
}

interface LunarDates {
  /** Mùng 1 Tết. */
  tet: LocalDate;
  hungKings: LocalDate;
}

function lunarHolidays(year: number): LunarDates {
  const hd = new Holidays('VN');
  const byRule = new Map(hd.getHolidays(year).map((h) => [h.rule, h.date.slice(0, 10)]));
  const tet = byRule.get('vietnamese 1-0-1');
  const hungKings = byRule.get('vietnamese 3-0-10');
  if (!tet || !hungKings) {
    // date-holidays changed its VN rules: fail loudly rather than seed a calendar without Tết.
    throw new Error(`date-holidays gave no Tết or Hùng Kings date for ${year}`);
  }
  return { tet, hungKings };
}

function tetDays(firstDay: LocalDate): CalendarDay[] {
  const labels = [
    'Tết Nguyên đán (trước Giao thừa)',
    'Tết Nguyên đán (Giao thừa)',
    'Tết Nguyên đán (Mùng 1)',
    'Tết Nguyên đán (Mùng 2)',
    'Tết Nguyên đán (Mùng 3)',
  ];
  return labels.map((name, i) => ({ date: addDays(firstDay, i - 2), name }));
}

function nationalDay(year: number): CalendarDay[] {
  const day = `${year}-09-02`;
  const dow = dayOfWeek(day);
  const extra = dow === 1 || dow === 4 ? `${year}-09-03` : `${year}-09-01`;
  return [
    { date: day, name: 'Quốc khánh' },
    { date: extra, name: 'Quốc khánh (ngày liền kề)' },
  ];
}
