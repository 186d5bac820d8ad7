import { Topics } from '@tiep-dan/contracts';
import type { ServiceDefinition } from '@tiep-dan/platform';
import {
  CASE_STREAM_PREFIX,
  PROCESSING_STREAM_PREFIX,
  routingRelayMapper,
} from './infrastructure/relay/routing.relay-mapping';
import { RoutingModule } from './routing.module';

export { CASE_STREAM_PREFIX, PROCESSING_STREAM_PREFIX };

export const routingService: ServiceDefinition = {
  name: 'routing',
  module: (context) => RoutingModule.register(context),
  streamPrefixes: [PROCESSING_STREAM_PREFIX, CASE_STREAM_PREFIX],
  // Created at start-up: what routing publishes, and what it consumes (so that it can join before the
  // first message, whichever process starts first).
  topics: [
    Topics.routingProcessingEvents,
    Topics.routingCaseEvents,
    Topics.unitsCaseUpdates,
    Topics.intakePetitionEvents,
  ],
  relayMapper: routingRelayMapper,
};
