import { isWeekend } from '../domain/local-date';
import { WorkingCalendar, validateCalendarYear } from '../domain/working-calendar';
import vn2025 from './vn-2025.json';
import vn2026 from './vn-2026.json';
import { vietnamCalendarSeed, vietnamCalendarYear } from './vn-calendar.seed';
import { generateVietnamCalendarYear } from './vn-holidays.generator';

const weekdaysOff = (days: { date: string }[]): string[] =>
  days.map((d) => d.date).filter((d) => !isWeekend(d));

describe('generated Vietnamese calendar (fallback seed)', () => {
  it('produces valid data for every year 2024–2035', () => {
    for (let y = 2024; y <= 2035; y++)
      expect(() => validateCalendarYear(generateVietnamCalendarYear(y))).not.toThrow();
  });

  it('gives the 11 statutory days off of Labour Code art. 112 plus compensatory days, all marked verify', () => {
    for (let y = 2024; y <= 2035; y++) {
      const data = generateVietnamCalendarYear(y);
      const compensatory = data.holidays.filter((d) => d.name.startsWith('Nghỉ bù'));
      expect(data.holidays.length - compensatory.length).toBe(11);
      // Every weekend day off yields exactly one compensatory weekday.
      expect(compensatory).toHaveLength(data.holidays.filter((d) => isWeekend(d.date)).length);
      expect(data.holidays.every((d) => d.verify === true)).toBe(true);
    }
  });

  it('matches the official Tết 2024 break (Thursday 8 – Wednesday 14 Feb)', () => {
    const tet = weekdaysOff(generateVietnamCalendarYear(2024).holidays).filter((d) =>
      d.startsWith('2024-02'),
    );
    expect(tet).toEqual(['2024-02-08', '2024-02-09', '2024-02-12', '2024-02-13', '2024-02-14']);
  });

  it('puts the extra National Day on 3 Sep when 2 Sep is a Monday (as in 2024)', () => {
    expect(
      weekdaysOff(generateVietnamCalendarYear(2024).holidays).filter((d) => d.startsWith('2024-09')),
    ).toEqual(['2024-09-02', '2024-09-03']);
  });

  it('agrees with the hand-checked 2025 and 2026 days off, apart from announced swaps', () => {
    const swapped = new Set(['2025-05-02', '2026-08-31']);
    for (const official of [vn2025, vn2026]) {
      const expected = weekdaysOff(official.holidays).filter((d) => !swapped.has(d));
      expect(weekdaysOff(generateVietnamCalendarYear(official.year).holidays)).toEqual(expected);
    }
  });

  it('gives a compensatory day when 30/4 and 1/5 fall on a weekend (2027: Friday/Saturday → Monday 3 May)', () => {
    expect(generateVietnamCalendarYear(2027).holidays.map((d) => d.date)).toContain('2027-05-03');
  });
});

describe('vietnamCalendarSeed', () => {
  it('uses the hand-checked files for 2025 and 2026 and generated data for other years', () => {
    const seed = vietnamCalendarSeed(2024, 2030);
    expect(seed.map((y) => y.year)).toEqual([2024, 2025, 2026, 2027, 2028, 2029, 2030]);
    expect(vietnamCalendarYear(2025)).toBe(vn2025);
    expect(seed[0].source).toMatch(/generated/);
    expect(() => new WorkingCalendar(seed)).not.toThrow();
  });
});
