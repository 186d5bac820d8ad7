import { type DynamicModule, Module } from '@nestjs/common';
import { RuleSetRepository } from '../../infrastructure/rules/rule-set.repository';
import { RulesController } from './rules.http.controller';
import { RULES_OPTIONS, RulesService, type RulesModuleOptions } from './rules.service';

/**
 * The competence rules on PostgreSQL: migrated and seeded with the default set on start, read,
 * tried and published under `/routing/rules`. Relies on the global guard of AuthModule for `@Roles`
 * and on the global DomainErrorFilter for error answers. Exports RulesService for the processing
 * handlers (`match`, `matchWith`).
 */
@Module({})
export class RulesModule {
  static register(options: RulesModuleOptions): DynamicModule {
    return {
      module: RulesModule,
      global: options.isGlobal ?? false,
      controllers: [RulesController],
      providers: [
        { provide: RULES_OPTIONS, useValue: options },
        {
          provide: RuleSetRepository,
          useFactory: () => new RuleSetRepository(options.pool, options.schema),
        },
        RulesService,
      ],
      exports: [RulesService],
    };
  }
}
