import { HttpException, HttpStatus } from '@nestjs/common';
import { z } from 'zod';
import { CalendarError, type CalendarErrorCode } from './domain/calendar.errors';
import { MAX_DURATION_DAYS } from './domain/working-calendar';
import type { CalendarYearRecord } from './calendar.repository';

export type CalendarHttpErrorCode = CalendarErrorCode | 'CALENDAR.VALIDATION_FAILED';

/** Body `{statusCode, code, message}` (plus `details` for validation), the shape of every error of the platform. */
export class CalendarHttpError extends HttpException {
  constructor(status: HttpStatus, code: CalendarHttpErrorCode, message: string, details?: unknown) {
    super({ statusCode: status, code, message, ...(details !== undefined ? { details } : {}) }, status);
  }
}

/** Domain errors are the caller's mistakes (400), except a missing year: 404 when asked for, 422 when a computation needs it. */
export function toCalendarHttpError(
  error: unknown,
  missingYearStatus: HttpStatus = HttpStatus.UNPROCESSABLE_ENTITY,
): unknown {
  if (!(error instanceof CalendarError)) return error;
  const status = error.code === 'CALENDAR.YEAR_NOT_CONFIGURED' ? missingYearStatus : HttpStatus.BAD_REQUEST;
  return new CalendarHttpError(status, error.code, error.message);
}

const day = z.object({
  // Format only here; the domain check gives the precise CALENDAR.* code (invalid date, outside the year…).
  date: z.string().min(1).max(10),
  name: z.string().trim().min(1).max(200),
  verify: z.boolean().optional(),
});

export const putYearSchema = z
  .object({
    year: z.number().int().optional(),
    holidays: z.array(day).max(366),
    makeUpWorkingDays: z.array(day).max(366),
    source: z.string().max(1000).optional(),
    notes: z.array(z.string().max(1000)).max(50).optional(),
  })
  .strict();

export const yearParamSchema = z.coerce.number().int().min(1900).max(9999);

export const workingDaysQuerySchema = z.object({
  from: z.string().min(1),
  days: z.coerce.number().int().min(0).max(MAX_DURATION_DAYS),
  unit: z.enum(['working_days', 'calendar_days']).default('working_days'),
});

export function parseOrThrow<T extends z.ZodTypeAny>(schema: T, value: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data as z.infer<T>;
  const details = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw new CalendarHttpError(
    HttpStatus.BAD_REQUEST,
    what === 'year' ? 'CALENDAR.INVALID_YEAR' : 'CALENDAR.VALIDATION_FAILED',
    `invalid ${what}`,
    details,
  );
}

export interface CalendarYearView {
  year: number;
  holidays: { date: string; name: string; verify?: boolean }[];
  makeUpWorkingDays: { date: string; name: string; verify?: boolean }[];
  source?: string;
  notes?: string[];
  /** Entries still marked `verify`: the administrator's to-do list for the year. */
  unverified: number;
  updatedAt: string;
  updatedBy: string;
}

export function toYearView(record: CalendarYearRecord): CalendarYearView {
  const { data } = record;
  const view: CalendarYearView = {
    year: record.year,
    holidays: data.holidays,
    makeUpWorkingDays: data.makeUpWorkingDays,
    unverified: [...data.holidays, ...data.makeUpWorkingDays].filter((d) => d.verify).length,
    updatedAt: record.updatedAt.toISOString(),
    updatedBy: record.updatedBy,
  };
  if (data.source !== undefined) view.source = data.source;
  if (data.notes !== undefined) view.notes = data.notes;
  return view;
}
