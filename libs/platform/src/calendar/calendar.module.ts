import { type DynamicModule, Module } from '@nestjs/common';
import { CalendarController } from './calendar.http.controller';
import { CalendarRepository } from './calendar.repository';
import { CALENDAR_OPTIONS, type CalendarModuleOptions, CalendarService } from './calendar.service';

/**
 * The working calendar on PostgreSQL: migrated and seeded on start, `GET/PUT /calendar/:year`,
 * `GET /calendar/working-days`. Relies on the global guard of AuthModule for authentication and `@Roles`.
 */
@Module({})
export class CalendarModule {
  static forRoot(options: CalendarModuleOptions): DynamicModule {
    return {
      module: CalendarModule,
      global: options.isGlobal ?? false,
      controllers: [CalendarController],
      providers: [
        { provide: CALENDAR_OPTIONS, useValue: options },
        {
          provide: CalendarRepository,
          useFactory: () => new CalendarRepository(options.pool, options.schema ?? 'calendar'),
        },
        CalendarService,
      ],
      exports: [CalendarService],
    };
  }
}
