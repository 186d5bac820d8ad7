import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { serviceContextProviders, type ServiceContext } from '@tiep-dan/platform';

/** Routing (xử lý đơn): decides what happens to each petition and assigns cases with legal deadlines. */
@Module({})
export class RoutingModule {
  static register(context: ServiceContext): DynamicModule {
    return {
      module: RoutingModule,
      imports: [CqrsModule],
      providers: [...serviceContextProviders(context)],
    };
  }
}
