import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import { CalendarError } from './domain/calendar.errors';
import { type CalendarYearData, WorkingCalendar, validateCalendarYear } from './domain/working-calendar';
import { CalendarRepository, type CalendarYearRecord } from './calendar.repository';
import { vietnamCalendarSeed } from './seed/vn-calendar.seed';

export interface CalendarModuleOptions {
  pool: Pool;
  /** Schema of `calendar_years` (`calendar` by default). */
  schema?: string;
  /**
   * Years seeded on start when absent (hand-checked 2025/2026, generated otherwise). Default: 2024 to
   * three years ahead (at least 2030), so a deadline started today never runs off the data. `false`
   * seeds nothing (tests that bring their own data).
   */
  seed?: false | { from: number; to: number };
  /**
   * How long a loaded calendar is reused. Another process (distributed mode) may change a year; a short
   * cache keeps deadline checks cheap and picks up the change within this time.
   */
  cacheTtlMs?: number;
  /** Make CalendarService injectable everywhere without importing the module again. */
  isGlobal?: boolean;
}

export const CALENDAR_OPTIONS = Symbol('CALENDAR_OPTIONS');

/**
 * Loads and edits the working calendar. Deciders never call this: handlers fetch the calendar here
 * and hand the WorkingCalendar to the pure decider together with "now".
 */
@Injectable()
export class CalendarService implements OnModuleInit {
  private readonly logger = new Logger('CalendarService');
  private cached: { calendar: WorkingCalendar; loadedAt: number } | undefined;

  constructor(
    @Inject(CalendarRepository) private readonly repository: CalendarRepository,
    @Inject(CALENDAR_OPTIONS) private readonly options: CalendarModuleOptions,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.repository.migrate();
    if (this.options.seed === false) return;
    const thisYear = new Date().getUTCFullYear();
    const range = this.options.seed ?? { from: 2024, to: Math.max(2030, thisYear + 3) };
    const seeded = await this.repository.seedMissing(vietnamCalendarSeed(range.from, range.to));
    if (seeded.length > 0) {
      this.logger.log(
        `seeded the working calendar for ${seeded.join(', ')}: an administrator must confirm generated years against the official announcement`,
      );
    }
  }

  async getCalendar(): Promise<WorkingCalendar> {
    const ttl = this.options.cacheTtlMs ?? 60_000;
    if (this.cached && Date.now() - this.cached.loadedAt < ttl) return this.cached.calendar;
    const records = await this.repository.list();
    const calendar = new WorkingCalendar(records.map((r) => r.data));
    this.cached = { calendar, loadedAt: Date.now() };
    return calendar;
  }

  listYears(): Promise<CalendarYearRecord[]> {
    return this.repository.list();
  }

  async getYear(year: number): Promise<CalendarYearRecord> {
    const record = await this.repository.get(year);
    if (!record)
      throw new CalendarError('CALENDAR.YEAR_NOT_CONFIGURED', `the working calendar has no data for ${year}`);
    return record;
  }

  /** Replaces a year's data after checking it; the next getCalendar() in this process sees it at once. */
  async putYear(data: CalendarYearData, updatedBy: string): Promise<CalendarYearRecord> {
    const record = await this.repository.put(validateCalendarYear(data), updatedBy);
    this.cached = undefined;
    return record;
  }
}
