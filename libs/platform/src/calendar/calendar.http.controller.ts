import { Body, Controller, Get, HttpStatus, Inject, Param, Put, Query } from '@nestjs/common';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthPrincipal } from '../auth/principal';
import {
  CalendarHttpError,
  type CalendarYearView,
  parseOrThrow,
  putYearSchema,
  toCalendarHttpError,
  toYearView,
  workingDaysQuerySchema,
  yearParamSchema,
} from './calendar.dto';
import { CalendarService } from './calendar.service';
import type { DurationUnit } from './domain/working-calendar';

export interface WorkingDaysView {
  from: string;
  days: number;
  unit: DurationUnit;
  /** The last day of the period (a calendar-day period ending on a day off moves to the next working day). */
  dueDate: string;
}

/** Any authenticated role may read the calendar (officials see deadlines); only an administrator edits it. */
@Controller('calendar')
export class CalendarController {
  constructor(@Inject(CalendarService) private readonly calendars: CalendarService) {}

  // Declared before `:year` so Express does not read "working-days" as a year.
  @Get('working-days')
  async workingDays(@Query() query: unknown): Promise<WorkingDaysView> {
    const { from, days, unit } = parseOrThrow(workingDaysQuerySchema, query, 'query');
    try {
      const calendar = await this.calendars.getCalendar();
      return { from, days, unit, dueDate: calendar.computeDeadline(from, { amount: days, unit }) };
    } catch (error) {
      throw toCalendarHttpError(error);
    }
  }

  @Get()
  async list(): Promise<CalendarYearView[]> {
    return (await this.calendars.listYears()).map(toYearView);
  }

  @Get(':year')
  async get(@Param('year') yearParam: string): Promise<CalendarYearView> {
    const year = parseOrThrow(yearParamSchema, yearParam, 'year');
    try {
      return toYearView(await this.calendars.getYear(year));
    } catch (error) {
      throw toCalendarHttpError(error, HttpStatus.NOT_FOUND);
    }
  }

  @Roles('administrator')
  @Put(':year')
  async put(
    @Param('year') yearParam: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthPrincipal,
  ): Promise<CalendarYearView> {
    const year = parseOrThrow(yearParamSchema, yearParam, 'year');
    const input = parseOrThrow(putYearSchema, body, 'calendar year');
    if (input.year !== undefined && input.year !== year) {
      throw new CalendarHttpError(
        HttpStatus.BAD_REQUEST,
        'CALENDAR.INVALID_YEAR',
        `the body is for ${input.year}, the path for ${year}`,
      );
    }
    try {
      return toYearView(await this.calendars.putYear({ ...input, year }, user.username));
    } catch (error) {
      throw toCalendarHttpError(error);
    }
  }
}
