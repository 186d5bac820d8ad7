import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { serviceContextProviders, type ServiceContext } from '@tiep-dan/platform';

/** Reporting: read-model projections for periodic reports, exports and the province's pull API. */
@Module({})
export class ReportingModule {
  static register(context: ServiceContext): DynamicModule {
    return {
      module: ReportingModule,
      imports: [CqrsModule],
      providers: [...serviceContextProviders(context)],
    };
  }
}
