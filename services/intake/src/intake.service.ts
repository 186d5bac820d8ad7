import { Topics } from '@tiep-dan/contracts';
import { integrationMessage, type ServiceDefinition } from '@tiep-dan/platform';
import { IntakeModule } from './intake.module';

/** Streams of the petition aggregate: `petition-<id>`. */
export const PETITION_STREAM_PREFIX = 'petition-';

export const intakeService: ServiceDefinition = {
  name: 'intake',
  module: (context) => IntakeModule.register(context),
  streamPrefixes: [PETITION_STREAM_PREFIX],
  topics: [Topics.intakePetitionEvents, Topics.intakeSubmissions],
  relayMapper: (event) =>
    event.streamId.startsWith(PETITION_STREAM_PREFIX)
      ? integrationMessage(
          Topics.intakePetitionEvents,
          event.streamId.slice(PETITION_STREAM_PREFIX.length),
          event,
        )
      : null,
};
