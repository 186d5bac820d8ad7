import { Topics } from '@tiep-dan/contracts';
import { integrationMessage, type ServiceDefinition } from '@tiep-dan/platform';
import { RoutingModule } from './routing.module';

/** Streams of the case aggregate: `case-<id>`. */
export const CASE_STREAM_PREFIX = 'case-';

export const routingService: ServiceDefinition = {
  name: 'routing',
  module: (context) => RoutingModule.register(context),
  streamPrefixes: [CASE_STREAM_PREFIX],
  topics: [Topics.routingCaseEvents, Topics.unitsCaseUpdates],
  relayMapper: (event) =>
    event.streamId.startsWith(CASE_STREAM_PREFIX)
      ? integrationMessage(Topics.routingCaseEvents, event.streamId.slice(CASE_STREAM_PREFIX.length), event)
      : null,
};
