import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { serviceContextProviders, type ServiceContext } from '@tiep-dan/platform';

/** Monitoring: flags mass, prolonged, repeated and sensitive hot spots (điểm nóng) for the police and leaders. */
@Module({})
export class MonitoringModule {
  static register(context: ServiceContext): DynamicModule {
    return {
      module: MonitoringModule,
      imports: [CqrsModule],
      providers: [...serviceContextProviders(context)],
    };
  }
}
