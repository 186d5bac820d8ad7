import { DynamicModule, Module } from '@nestjs/common';
import { HealthModule } from '../health/health.module';
import { createLogger, Logger } from '../logging/logger';
import { LoggingModule } from '../logging/logging.module';
import { MetricsModule } from '../metrics/metrics.module';
import { AppConfig, ServiceName } from './config.table';
import { PlatformConfigModule } from './platform-config.module';

export interface PlatformModuleOptions {
  /** The service this process hosts, or `all` for the embedded host. */
  serviceName: ServiceName | 'all';
  config: AppConfig;
  /** The logger already given to `NestFactory.create` (via `PinoNestLogger`); created from the config if left out. */
  logger?: Logger;
}

/**
 * Everything a service process needs from the platform, imported once by its root module: the config
 * (`APP_CONFIG`), the logger (`LOGGER`, correlation and request logging), `/health/live` and
 * `/health/ready` (`ReadinessRegistry`), `/metrics` and `LagReporter`. All of it is global.
 */
@Module({})
export class PlatformModule {
  static forService(options: PlatformModuleOptions): DynamicModule {
    const logger = options.logger ?? platformLogger(options.serviceName, options.config);
    return {
      module: PlatformModule,
      imports: [
        PlatformConfigModule.forRoot(options.config),
        LoggingModule.forRoot(logger),
        HealthModule.forRoot(),
        MetricsModule.forRoot({ enabled: options.config.METRICS_ENABLED }),
      ],
    };
  }
}

/** The process logger for a service (no `service` field on the root logger of the embedded host). */
export function platformLogger(serviceName: ServiceName | 'all', config: AppConfig): Logger {
  return createLogger({
    level: config.LOG_LEVEL,
    ...(serviceName === 'all' ? {} : { service: serviceName }),
  });
}
