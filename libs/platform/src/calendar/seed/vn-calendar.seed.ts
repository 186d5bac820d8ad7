import type { CalendarYearData } from '../domain/working-calendar';
import vn2025 from './vn-2025.json';
import vn2026 from './vn-2026.json';
import { generateVietnamCalendarYear } from './vn-holidays.generator';

/** Years whose days off were checked by hand against the official announcement. */
export const HAND_CHECKED_VN_YEARS: ReadonlyMap<number, CalendarYearData> = new Map<number, CalendarYearData>(
  [
    [2025, vn2025],
    [2026, vn2026],
  ],
);

/** The seed for one year: the hand-checked file when there is one, otherwise generated data (all marked `verify`). */
export function vietnamCalendarYear(year: number): CalendarYearData {
  return HAND_CHECKED_VN_YEARS.get(year) ?? generateVietnamCalendarYear(year);
}

export function vietnamCalendarSeed(fromYear: number, toYear: number): CalendarYearData[] {
  const years: CalendarYearData[] = [];
  for (let y = fromYear; y <= toYear; y++) years.push(vietnamCalendarYear(y));
  return years;
}
