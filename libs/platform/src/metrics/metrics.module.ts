import { DynamicModule, Global, Inject, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { ALL_ROUTES } from '../logging/logging.module';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { LagReporter } from './lag-reporter';
import { MetricsController } from './metrics.controller';

export interface MetricsModuleOptions {
  /** METRICS_ENABLED: when false, no `/metrics` route and no HTTP histogram (reporting lag still works, unseen). */
  enabled: boolean;
}

const METRICS_OPTIONS = Symbol('METRICS_OPTIONS');

/** `/metrics` (Prometheus), the HTTP duration histogram and `LagReporter`, for the whole process. */
@Global()
@Module({})
export class MetricsModule implements NestModule {
  constructor(@Inject(METRICS_OPTIONS) private readonly options: MetricsModuleOptions) {}

  static forRoot(options: MetricsModuleOptions = { enabled: true }): DynamicModule {
    return {
      module: MetricsModule,
      controllers: options.enabled ? [MetricsController] : [],
      providers: [{ provide: METRICS_OPTIONS, useValue: options }, LagReporter, HttpMetricsMiddleware],
      exports: [LagReporter],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    if (this.options.enabled) consumer.apply(HttpMetricsMiddleware).forRoutes(ALL_ROUTES);
  }
}
