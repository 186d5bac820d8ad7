import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from './config.table';

/** DI token of the validated `AppConfig` (inject with `@Inject(APP_CONFIG)`). */
export const APP_CONFIG = Symbol('APP_CONFIG');

/**
 * Makes the configuration, validated once by `loadConfig` before the Nest app is created, injectable
 * everywhere. Validation happens before Nest on purpose: a bad environment fails with one readable
 * error instead of a half-started application.
 */
@Global()
@Module({})
export class PlatformConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: PlatformConfigModule,
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
