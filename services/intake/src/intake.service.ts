import { Topics } from '@tiep-dan/contracts';
import type { ServiceDefinition } from '@tiep-dan/platform';
import {
  PETITION_STREAM_PREFIX,
  petitionRelayMapper,
} from './infrastructure/petition/petition.relay-mapping';
import { RECEPTION_STREAM_PREFIX, receptionRelayMapper } from './application/reception';
import { IntakeModule } from './intake.module';

export { PETITION_STREAM_PREFIX };

export const intakeService: ServiceDefinition = {
  name: 'intake',
  module: (context) => IntakeModule.register(context),
  streamPrefixes: [PETITION_STREAM_PREFIX, RECEPTION_STREAM_PREFIX],
  // Created at start-up: what intake publishes, and what it consumes (so that it can join before the
  // first message, whichever process starts first).
  topics: [
    Topics.intakePetitionEvents,
    Topics.intakeReceptionEvents,
    Topics.intakeSubmissions,
    Topics.routingCaseEvents,
    Topics.routingProcessingEvents,
  ],
  relayMapper: (event) =>
    event.streamId.startsWith(PETITION_STREAM_PREFIX)
      ? petitionRelayMapper(event)
      : receptionRelayMapper(event),
};
