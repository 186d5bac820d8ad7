import { DynamicModule, FactoryProvider, Global, Module, ModuleMetadata } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { ReadinessCheck, ReadinessRegistry } from './readiness';

export interface ReadinessChecksAsyncOptions {
  /** Modules exporting the injected tokens (not needed for global ones). */
  imports?: ModuleMetadata['imports'];
  /** Tokens handed to `useFactory`, e.g. the service's pg `Pool` or bus client. */
  inject?: FactoryProvider['inject'];
  useFactory: (...deps: never[]) => ReadinessCheck[] | Promise<ReadinessCheck[]>;
}

let registrations = 0;

/**
 * Liveness and readiness endpoints on @nestjs/terminus. Import `HealthModule.forRoot()` once per process
 * (PlatformModule does); each service module adds its checks with `HealthModule.forFeature(checks)` or
 * `forFeatureAsync({ inject, useFactory })`, or injects `ReadinessRegistry` and calls `register`.
 */
@Global()
@Module({})
export class HealthModule {
  static forRoot(): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
      controllers: [HealthController],
      providers: [ReadinessRegistry],
      exports: [ReadinessRegistry],
    };
  }

  static forFeature(checks: ReadinessCheck[]): DynamicModule {
    return HealthModule.forFeatureAsync({ useFactory: () => checks });
  }

  static forFeatureAsync(options: ReadinessChecksAsyncOptions): DynamicModule {
    // A distinct token per registration, so that several modules can each register their own checks.
    const token = Symbol(`readiness-checks-${++registrations}`);
    return {
      module: ReadinessChecksModule,
      imports: options.imports ?? [],
      providers: [
        {
          provide: token,
          inject: [ReadinessRegistry, ...(options.inject ?? [])],
          useFactory: async (registry: ReadinessRegistry, ...deps: never[]) => {
            registry.register(...(await options.useFactory(...deps)));
            return true;
          },
        },
      ],
    };
  }
}

/** Host of one `forFeature` registration (a separate class so it is not global like `HealthModule`). */
@Module({})
export class ReadinessChecksModule {}
