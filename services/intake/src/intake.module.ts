import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { serviceContextProviders, type ServiceContext } from '@tiep-dan/platform';

/** Intake (tiếp nhận): records petitions from every channel; its relay publishes petition events. */
@Module({})
export class IntakeModule {
  static register(context: ServiceContext): DynamicModule {
    return {
      module: IntakeModule,
      imports: [CqrsModule],
      providers: [...serviceContextProviders(context)],
    };
  }
}
