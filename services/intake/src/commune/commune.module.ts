import { type DynamicModule, Module } from '@nestjs/common';
import { CommuneConfigRepository } from './commune-config.repository';
import { COMMUNE_OPTIONS, CommuneDirectory, type CommuneModuleOptions } from './commune.directory';
import { CommuneController } from './commune.http.controller';

/**
 * The commune configuration on PostgreSQL: migrated and seeded with the sample commune on start,
 * `GET /intake/commune`, `GET /intake/commune/history`, `PUT /intake/commune/:section`. Relies on the
 * global guard of AuthModule for `@Roles` and on the global DomainErrorFilter for error answers.
 */
@Module({})
export class CommuneModule {
  static forRoot(options: CommuneModuleOptions): DynamicModule {
    return {
      module: CommuneModule,
      global: options.isGlobal ?? false,
      controllers: [CommuneController],
      providers: [
        { provide: COMMUNE_OPTIONS, useValue: options },
        {
          provide: CommuneConfigRepository,
          useFactory: () => new CommuneConfigRepository(options.pool, options.schema),
        },
        CommuneDirectory,
      ],
      exports: [CommuneDirectory],
    };
  }
}
