import { DynamicModule, Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { HttpLoggingMiddleware } from './http-logging.middleware';
import { LOGGER, Logger } from './logger';
import { PinoNestLogger } from './nest-logger';

/** Every route: Nest 11 (path-to-regexp 8) spells "all paths" this way. */
export const ALL_ROUTES = '{*path}';

/**
 * Provides the process logger (`LOGGER`) and the Nest adapter (`PinoNestLogger`) everywhere, and puts the
 * correlation/request-logging middleware in front of every route.
 */
@Global()
@Module({})
export class LoggingModule implements NestModule {
  static forRoot(logger: Logger): DynamicModule {
    return {
      module: LoggingModule,
      providers: [
        { provide: LOGGER, useValue: logger },
        { provide: PinoNestLogger, useValue: new PinoNestLogger(logger) },
        HttpLoggingMiddleware,
      ],
      exports: [LOGGER, PinoNestLogger],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpLoggingMiddleware).forRoutes(ALL_ROUTES);
  }
}
