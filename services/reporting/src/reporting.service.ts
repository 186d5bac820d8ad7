import type { ServiceDefinition } from '@tiep-dan/platform';
import { ReportingModule } from './reporting.module';

/** Reporting owns no aggregate streams: its state is projections built from the other services' events. */
export const reportingService: ServiceDefinition = {
  name: 'reporting',
  module: (context) => ReportingModule.register(context),
  streamPrefixes: [],
  topics: [],
  relayMapper: () => null,
};
