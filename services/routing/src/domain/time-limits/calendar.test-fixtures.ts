import { type CalendarYearData, WorkingCalendar } from '@tiep-dan/platform/calendar';

/**
 * The official calendars of 2025 and 2026 for tests, copied from
 * libs/platform/src/calendar/seed/vn-2025.json and vn-2026.json (hand-checked there against the announced
 * schedules for civil servants; 2026: Thông báo 9441/TB-BNV of 16 Oct 2025). Copied rather than imported
 * so that an administrator's correction of the seed cannot silently change what these legal tests expect.
 */
export const VN_2025: CalendarYearData = {
  year: 2025,
  source: 'copy of libs/platform/src/calendar/seed/vn-2025.json',
  holidays: [
    { date: '2025-01-01', name: 'Tết Dương lịch' },
    { date: '2025-01-27', name: 'Tết Nguyên đán (28 tháng Chạp)' },
    { date: '2025-01-28', name: 'Tết Nguyên đán (Giao thừa, 29 tháng Chạp)' },
    { date: '2025-01-29', name: 'Tết Nguyên đán (Mùng 1)' },
    { date: '2025-01-30', name: 'Tết Nguyên đán (Mùng 2)' },
    { date: '2025-01-31', name: 'Tết Nguyên đán (Mùng 3)' },
    { date: '2025-04-07', name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' },
    { date: '2025-04-30', name: 'Ngày Chiến thắng (Giải phóng miền Nam, thống nhất đất nước)' },
    { date: '2025-05-01', name: 'Ngày Quốc tế Lao động' },
    { date: '2025-05-02', name: 'Nghỉ hoán đổi (làm bù thứ Bảy 26/4)' },
    { date: '2025-09-01', name: 'Quốc khánh (ngày liền kề)', verify: true },
    { date: '2025-09-02', name: 'Quốc khánh' },
  ],
  makeUpWorkingDays: [{ date: '2025-04-26', name: 'Làm bù cho ngày nghỉ hoán đổi 2/5' }],
};

export const VN_2026: CalendarYearData = {
  year: 2026,
  source: 'copy of libs/platform/src/calendar/seed/vn-2026.json',
  holidays: [
    { date: '2026-01-01', name: 'Tết Dương lịch', verify: true },
    { date: '2026-02-16', name: 'Tết Nguyên đán (Giao thừa, 29 tháng Chạp)' },
    { date: '2026-02-17', name: 'Tết Nguyên đán (Mùng 1)' },
    { date: '2026-02-18', name: 'Tết Nguyên đán (Mùng 2)' },
    { date: '2026-02-19', name: 'Tết Nguyên đán (Mùng 3)' },
    { date: '2026-02-20', name: 'Tết Nguyên đán (Mùng 4)' },
    { date: '2026-04-26', name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch, Chủ nhật)' },
    { date: '2026-04-27', name: 'Nghỉ bù Giỗ Tổ Hùng Vương' },
    { date: '2026-04-30', name: 'Ngày Chiến thắng (Giải phóng miền Nam, thống nhất đất nước)' },
    { date: '2026-05-01', name: 'Ngày Quốc tế Lao động' },
    { date: '2026-08-31', name: 'Nghỉ hoán đổi (làm bù thứ Bảy 22/8)' },
    { date: '2026-09-01', name: 'Quốc khánh (ngày liền kề)' },
    { date: '2026-09-02', name: 'Quốc khánh' },
  ],
  makeUpWorkingDays: [{ date: '2026-08-22', name: 'Làm bù cho ngày nghỉ hoán đổi 31/8' }],
};

/** 2025 and 2026 as announced: Tết 2025 = Mon 27 – Fri 31 Jan; Tết 2026 = Mon 16 – Fri 20 Feb; make-up Saturdays 26 Apr 2025 and 22 Aug 2026. */
export function vnCalendar(): WorkingCalendar {
  return new WorkingCalendar([VN_2025, VN_2026]);
}
